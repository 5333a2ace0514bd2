/**
 * The peer-host seam: the one interface the background uses to drive the phone links.
 * Chrome: the offscreen document (see entrypoints/background/offscreen-host.ts).
 * Firefox: the same peer links in-process in the persistent background page.
 */
import { messageError, type Reply } from '../messaging/result';
import { describeError, fail } from '../result';
import type { HandlerTable } from './peer-handlers';
import type { CandidateInit, PeerCatalogue, PeerEntry, PeerEvent, PeerStatus } from '../messaging/peer-protocol';
import type { IceServerSetting } from '../messaging/peer-protocol';
import { createPeerHandlers } from './peer-handlers';
import { createPeerLinks } from './peer-links';

/** One phone's link as the background drives it: every command bound to its `peerId`. */
export interface HostedPeer {
  readonly peerId: string;
  status(): Promise<Reply<PeerStatus>>;
  acceptOffer(sdp: string, iceServers: IceServerSetting[]): Promise<Reply<{ sdp: string }>>;
  addCandidate(candidate: CandidateInit): Promise<Reply<Record<string, never>>>;
  send(frame: string): Promise<Reply<Record<string, never>>>;
  close(): Promise<Reply<Record<string, never>>>;
}

export interface PeerHost {
  /** The commands for one peer; its events are the ones whose payload names the same id. */
  peerFor(peerId: string): HostedPeer;
  /** Every peer the host holds (after a worker restart: which phones are still linked). */
  statuses(): Promise<Reply<{ peers: PeerEntry[] }>>;
  /** Subscribe to the peer host's events, every peer's; returns the unsubscribe function. */
  onEvent(listener: (event: PeerEvent) => void): () => void;
}

export type PeerCaller = <K extends keyof PeerCatalogue>(kind: K, payload: PeerCatalogue[K]['request']) => Promise<Reply<PeerCatalogue[K]['response']>>;

/** Adapts any "call one kind" function to the PeerHost interface. */
export function peerHostFromCaller(call: PeerCaller, onEvent: PeerHost['onEvent']): PeerHost {
  return {
    peerFor: (peerId) => ({
      peerId,
      status: () => call('peer/status', { peerId }),
      acceptOffer: (sdp, iceServers) => call('peer/accept-offer', { peerId, sdp, iceServers }),
      addCandidate: (candidate) => call('peer/add-candidate', { peerId, candidate }),
      send: (frame) => call('peer/send', { peerId, frame }),
      close: () => call('peer/close', { peerId }),
    }),
    statuses: () => call('peer/statuses', {}),
    onEvent,
  };
}

/** Firefox: the peer links run in the background page itself. */
export function createInProcessPeerHost(createPeerConnection: (config: RTCConfiguration) => RTCPeerConnection): PeerHost {
  const listeners = new Set<(event: PeerEvent) => void>();
  const links = createPeerLinks({
    createPeerConnection,
    // Deliver asynchronously, like the offscreen transport, so callers never re-enter.
    emit: (event) => queueMicrotask(() => listeners.forEach((l) => l(event))),
  });
  const handlers: HandlerTable = createPeerHandlers(links);
  const call: PeerCaller = async <K extends keyof PeerCatalogue>(kind: K, payload: PeerCatalogue[K]['request']) => {
    try {
      const handler = handlers[kind] as unknown as (p: PeerCatalogue[K]['request']) => Promise<Reply<PeerCatalogue[K]['response']>>;
      return await handler(payload);
    } catch (err) {
      return fail(messageError('failed', describeError(err)));
    }
  };
  return peerHostFromCaller(call, (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  });
}
