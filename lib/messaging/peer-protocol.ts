/**
 * background ↔ peer host. Commands go background → peer host ('tandem/peer'); events come
 * back peer host → background ('tandem/peer-events'). On Chrome they cross to the offscreen
 * document through runtime messaging; on Firefox the same shapes are passed in-process.
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

export type PeerCatalogue = {
  'peer/status': { request: Record<string, never>; response: PeerStatus };
  'peer/accept-offer': { request: { sdp: string; iceServers: IceServerSetting[] }; response: { sdp: string } };
  'peer/add-candidate': { request: { candidate: CandidateInit }; response: Record<string, never> };
  'peer/send': { request: { frame: string }; response: Record<string, never> };
  'peer/close': { request: Record<string, never>; response: Record<string, never> };
};

export type PeerEventCatalogue = {
  'peer/ready': { request: Record<string, never>; response: Record<string, never> };
  'peer/local-candidate': { request: { candidate: CandidateInit }; response: Record<string, never> };
  'peer/channel': { request: { state: ChannelState; reason?: string }; response: Record<string, never> };
  /** A decoded frame from the phone: an ARC-0027 envelope or the reference wallet's credential message. */
  'peer/frame': { request: { kind: 'envelope' | 'credential'; value: Record<string, unknown> }; response: Record<string, never> };
};

export type PeerEvent = { [K in keyof PeerEventCatalogue]: { kind: K; payload: PeerEventCatalogue[K]['request'] } }[keyof PeerEventCatalogue];

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

export const peerChannel: ChannelSpec<PeerCatalogue> = {
  name: 'tandem/peer',
  parsers: {
    'peer/status': emptyPayload,
    'peer/accept-offer': (p) => {
      if (!isRecord(p)) return null;
      const sdp = stringField(p, 'sdp', MAX_SDP);
      if (sdp === null || !Array.isArray(p.iceServers)) return null;
      return { sdp, iceServers: p.iceServers as IceServerSetting[] };
    },
    'peer/add-candidate': (p) => {
      const candidate = isRecord(p) ? parseCandidate(p.candidate) : null;
      return candidate ? { candidate } : null;
    },
    'peer/send': (p) => {
      if (!isRecord(p)) return null;
      const frame = stringField(p, 'frame', MAX_FRAME);
      return frame === null ? null : { frame };
    },
    'peer/close': emptyPayload,
  },
};

const CHANNEL_STATES: ChannelState[] = ['none', 'connecting', 'open', 'closed'];

export const peerEventChannel: ChannelSpec<PeerEventCatalogue> = {
  name: 'tandem/peer-events',
  parsers: {
    'peer/ready': emptyPayload,
    'peer/local-candidate': (p) => {
      const candidate = isRecord(p) ? parseCandidate(p.candidate) : null;
      return candidate ? { candidate } : null;
    },
    'peer/channel': (p) => {
      if (!isRecord(p) || !CHANNEL_STATES.includes(p.state as ChannelState)) return null;
      return typeof p.reason === 'string' ? { state: p.state as ChannelState, reason: p.reason.slice(0, 500) } : { state: p.state as ChannelState };
    },
    'peer/frame': (p) => {
      if (!isRecord(p) || (p.kind !== 'envelope' && p.kind !== 'credential') || !isRecord(p.value)) return null;
      return { kind: p.kind, value: p.value };
    },
  },
};

/** The port the background holds open to the offscreen document, to learn at once when it closes. */
export const PEER_WATCH_PORT = 'tandem/peer-watch';
