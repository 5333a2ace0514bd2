/**
 * The peer host's links, one per paired phone, keyed by the `peerId` the background picks (one
 * per pairing). A link is made on its id's first offer (or a candidate that beat the offer), kept
 * across that id's later offers (each replaces its RTCPeerConnection, peer-link.ts), and forgotten
 * when that id is closed. Every event a link emits goes out with its id.
 */
import type { PeerEntry, PeerEvent, PeerStatus } from '../messaging/peer-protocol';
import { createPeerLink, type LinkEvent, type PeerLink, type PeerLinkDeps } from './peer-link';

/**
 * At most this many links at once. Each one is an RTCPeerConnection with its own ICE agent, DTLS
 * and SCTP association, and the sockets and WebRTC threads that go with them, all inside one
 * renderer (the offscreen document on Chrome, the background page on Firefox), which also carries
 * every frame to and from the phones. A person pairs a handful of phones; 8 leaves room for that
 * while a runaway (something pairing over and over under new ids) cannot fill the renderer. At the
 * limit, a new id is refused (the handlers answer 'limit-reached') and the links held are untouched.
 */
export const MAX_PEERS = 8;

const NO_LINK: PeerStatus = { channel: 'none', connection: 'none' };

export interface PeerLinksDeps extends Omit<PeerLinkDeps, 'emit'> {
  emit: (event: PeerEvent) => void;
}

export interface PeerLinks {
  /** The link held for this id, if any. */
  find(peerId: string): PeerLink | undefined;
  /** This id's link, made if new; null when the id is new and MAX_PEERS links are held already. */
  obtain(peerId: string): PeerLink | null;
  /** Closes this id's link and forgets it; other ids are untouched. */
  close(peerId: string): void;
  /** This id's link, or no channel and no connection for an id not held. */
  status(peerId: string): PeerStatus;
  statuses(): PeerEntry[];
}

export function createPeerLinks(deps: PeerLinksDeps): PeerLinks {
  const links = new Map<string, PeerLink>();
  return {
    find: (peerId) => links.get(peerId),
    obtain(peerId) {
      const held = links.get(peerId);
      if (held) return held;
      if (links.size >= MAX_PEERS) return null;
      const link = createPeerLink({ ...deps, emit: (event) => deps.emit(withPeerId(peerId, event)) });
      links.set(peerId, link);
      return link;
    },
    close(peerId) {
      const link = links.get(peerId);
      if (!link) return;
      link.close();
      links.delete(peerId);
    },
    status: (peerId) => links.get(peerId)?.status() ?? NO_LINK,
    statuses: () => [...links].map(([peerId, link]) => ({ peerId, status: link.status() })),
  };
}

function withPeerId(peerId: string, event: LinkEvent): PeerEvent {
  switch (event.kind) {
    case 'peer/local-candidate':
      return { kind: event.kind, payload: { peerId, ...event.payload } };
    case 'peer/channel':
      return { kind: event.kind, payload: { peerId, ...event.payload } };
    case 'peer/frame':
      return { kind: event.kind, payload: { peerId, ...event.payload } };
    default: {
      const never: never = event;
      return never;
    }
  }
}

/**
 * How many phones can be paired at once: one peer link each, and one kept free for a new pairing's
 * attempt, so pairing another phone never has to close one already connected.
 */
export const MAX_PAIRINGS = MAX_PEERS - 1;
