/**
 * background ↔ peer host. Commands go background → peer host ('tandem/peer'); events come
 * back peer host → background ('tandem/peer-events'). On Chrome they cross to the offscreen
 * document through runtime messaging; on Firefox the same shapes are passed in-process.
 *
 * The peer host holds one link per paired phone, keyed by a `peerId` the background picks: every
 * command names the peer it is for, and every event but the document-wide `peer/ready` names the
 * peer it concerns.
 */
import type { ChannelSpec } from './channel';

/** An ICE server as the user sets it in Settings and the peer host uses it. */
export interface IceServerSetting {
  urls: string | string[];
  username?: string;
  credential?: string;
}

import { emptyPayload, isRecord, stringField } from './parse';

export type ChannelState = 'none' | 'connecting' | 'open' | 'closed';

export interface PeerStatus {
  channel: ChannelState;
  /** RTCPeerConnection.connectionState, or 'none' without one. */
  connection: string;
  /** When the channel last opened (peer-host clock), for diagnostics. */
  openedAt?: number;
}

export interface CandidateInit {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

/** One peer the host holds, as `peer/statuses` lists it. */
export interface PeerEntry {
  peerId: string;
  status: PeerStatus;
}

export type PeerCatalogue = {
  /** That peer's link; `{channel: 'none', connection: 'none'}` for an id the host does not hold. */
  'peer/status': { request: { peerId: string }; response: PeerStatus };
  /** Every peer the host holds: how a background that restarted learns which phones are linked. */
  'peer/statuses': { request: Record<string, never>; response: { peers: PeerEntry[] } };
  /** Answers the phone's offer; a new id beyond MAX_PEERS (lib/peer/peer-links.ts) is refused with 'limit-reached'. */
  'peer/accept-offer': { request: { peerId: string; sdp: string; iceServers: IceServerSetting[] }; response: { sdp: string } };
  'peer/add-candidate': { request: { peerId: string; candidate: CandidateInit }; response: Record<string, never> };
  'peer/send': { request: { peerId: string; frame: string }; response: Record<string, never> };
  /** Closes that peer's link and forgets it; the others are untouched. */
  'peer/close': { request: { peerId: string }; response: Record<string, never> };
};

export type PeerEventCatalogue = {
  /** The document is up (document-wide: concerns no one peer). */
  'peer/ready': { request: Record<string, never>; response: Record<string, never> };
  'peer/local-candidate': { request: { peerId: string; candidate: CandidateInit }; response: Record<string, never> };
  'peer/channel': { request: { peerId: string; state: ChannelState; reason?: string }; response: Record<string, never> };
  /** A decoded frame from the phone: an ARC-0027 envelope or the reference wallet's credential message. */
  'peer/frame': { request: { peerId: string; kind: 'envelope' | 'credential'; value: Record<string, unknown> }; response: Record<string, never> };
};

export type PeerEvent = { [K in keyof PeerEventCatalogue]: { kind: K; payload: PeerEventCatalogue[K]['request'] } }[keyof PeerEventCatalogue];

/**
 * An event without the peer it concerns: what one link emits (the host adds its `peerId`), and
 * what a consumer bound to one peer handles (its listener has already picked that peer's events).
 */
export type PeerLinkEvent = { [K in keyof PeerEventCatalogue]: { kind: K; payload: Omit<PeerEventCatalogue[K]['request'], 'peerId'> } }[keyof PeerEventCatalogue];

/** The peer an event concerns, or null for a document-wide one (`peer/ready`). */
export function peerOfEvent(event: PeerEvent): string | null {
  return event.kind === 'peer/ready' ? null : event.payload.peerId;
}

/** Whether an event is for this peer: its own, or a document-wide one. */
export function concernsPeer(event: PeerEvent, peerId: string): boolean {
  const of = peerOfEvent(event);
  return of === null || of === peerId;
}

/** The peer a command is for, or null for one about the whole host (`peer/statuses`). */
export function peerOfCommand(payload: PeerCatalogue[keyof PeerCatalogue]['request']): string | null {
  return 'peerId' in payload ? payload.peerId : null;
}

export const MAX_PEER_ID = 64;
/** Visible ASCII only: an id is logged and used as a map key, never shown to the user. */
const PEER_ID_CHARS = /^[\x21-\x7e]+$/;

/** A peer id: a non-empty string of at most MAX_PEER_ID visible ASCII characters. */
export function parsePeerId(value: unknown): string | null {
  return typeof value === 'string' && value.length <= MAX_PEER_ID && PEER_ID_CHARS.test(value) ? value : null;
}

/** The peer id of a payload and the rest of it, parsed by `rest`; null when either is malformed. */
function forPeer<T extends object>(p: unknown, rest: (record: Record<string, unknown>) => T | null): (T & { peerId: string }) | null {
  if (!isRecord(p)) return null;
  const peerId = parsePeerId(p.peerId);
  if (peerId === null) return null;
  const parsed = rest(p);
  return parsed === null ? null : { ...parsed, peerId };
}

const MAX_SDP = 64 * 1024;
const MAX_FRAME = 400 * 1024;

export function parseCandidate(value: unknown): CandidateInit | null {
  if (!isRecord(value)) return null;
  const candidate = stringField(value, 'candidate', 2048);
  if (candidate === null) return null;
  const out: CandidateInit = { candidate };
  if (typeof value.sdpMid === 'string' || value.sdpMid === null) out.sdpMid = value.sdpMid;
  if (typeof value.sdpMLineIndex === 'number' || value.sdpMLineIndex === null) out.sdpMLineIndex = value.sdpMLineIndex;
  if (typeof value.usernameFragment === 'string' || value.usernameFragment === null) out.usernameFragment = value.usernameFragment;
  return out;
}

function candidatePayload(record: Record<string, unknown>): { candidate: CandidateInit } | null {
  const candidate = parseCandidate(record.candidate);
  return candidate ? { candidate } : null;
}

export const peerChannel: ChannelSpec<PeerCatalogue> = {
  name: 'tandem/peer',
  parsers: {
    'peer/status': (p) => forPeer(p, () => ({})),
    'peer/statuses': emptyPayload,
    'peer/accept-offer': (p) =>
      forPeer(p, (r) => {
        const sdp = stringField(r, 'sdp', MAX_SDP);
        if (sdp === null || !Array.isArray(r.iceServers)) return null;
        return { sdp, iceServers: r.iceServers as IceServerSetting[] };
      }),
    'peer/add-candidate': (p) => forPeer(p, candidatePayload),
    'peer/send': (p) =>
      forPeer(p, (r) => {
        const frame = stringField(r, 'frame', MAX_FRAME);
        return frame === null ? null : { frame };
      }),
    'peer/close': (p) => forPeer(p, () => ({})),
  },
};

const CHANNEL_STATES: ChannelState[] = ['none', 'connecting', 'open', 'closed'];

export const peerEventChannel: ChannelSpec<PeerEventCatalogue> = {
  name: 'tandem/peer-events',
  parsers: {
    'peer/ready': emptyPayload,
    'peer/local-candidate': (p) => forPeer(p, candidatePayload),
    'peer/channel': (p) =>
      forPeer(p, (r) => {
        if (!CHANNEL_STATES.includes(r.state as ChannelState)) return null;
        return typeof r.reason === 'string' ? { state: r.state as ChannelState, reason: r.reason.slice(0, 500) } : { state: r.state as ChannelState };
      }),
    'peer/frame': (p) =>
      forPeer(p, (r) => {
        if ((r.kind !== 'envelope' && r.kind !== 'credential') || !isRecord(r.value)) return null;
        return { kind: r.kind, value: r.value };
      }),
  },
};

/** The port the background holds open to the offscreen document, to learn at once when it closes. */
export const PEER_WATCH_PORT = 'tandem/peer-watch';
