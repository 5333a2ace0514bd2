/**
 * One phone's link: one RTCPeerConnection answering the phone's offer and the `liquid` data
 * channel the phone creates (liquid-protocol.md §5). Lives in the peer host: the offscreen
 * document on Chrome (a service worker has no WebRTC), the background page on Firefox, which
 * hold one per phone (peer-links.ts). Holds nothing persistent; reports every change through
 * `emit`, without naming its peer: the registry adds the peerId.
 */
import { decodeFrame } from '../liquid/frames';
import type { CandidateInit, ChannelState, PeerLinkEvent, PeerStatus } from '../messaging/peer-protocol';
import type { IceServerSetting } from '../messaging/peer-protocol';

export const LIQUID_CHANNEL_LABEL = 'liquid';
export const CHANNEL_NOT_OPEN = 'the phone channel is not open';

export interface PeerLinkDeps {
  createPeerConnection: (config: RTCConfiguration) => RTCPeerConnection;
  emit: (event: LinkEvent) => void;
  now?: () => number;
  log?: (message: string, detail?: unknown) => void;
}

/** What a link reports: everything but the document-wide `peer/ready`. */
export type LinkEvent = Exclude<PeerLinkEvent, { kind: 'peer/ready' }>;

export interface PeerLink {
  acceptOffer(sdp: string, iceServers: IceServerSetting[]): Promise<string>;
  addRemoteCandidate(candidate: CandidateInit): Promise<void>;
  send(frame: string): void;
  status(): PeerStatus;
  close(): void;
}

export function createPeerLink(deps: PeerLinkDeps): PeerLink {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((message, detail) => console.warn(`[tandem peer] ${message}`, detail ?? ''));
  let pc: RTCPeerConnection | null = null;
  let channel: RTCDataChannel | null = null;
  let channelState: ChannelState = 'none';
  let openedAt: number | undefined;
  // Candidates that arrive before the remote description is applied (liquid-protocol.md §3).
  let pendingCandidates: CandidateInit[] = [];
  let remoteSet = false;

  function setChannelState(state: ChannelState, reason?: string) {
    if (state === channelState) return;
    channelState = state;
    if (state === 'open') openedAt = now();
    deps.emit({ kind: 'peer/channel', payload: reason ? { state, reason } : { state } });
  }

  function attachChannel(dc: RTCDataChannel, owner: RTCPeerConnection) {
    if (dc.label !== LIQUID_CHANNEL_LABEL) {
      log(`ignoring data channel "${dc.label}"`);
      return;
    }
    channel = dc;
    const current = () => pc === owner && channel === dc;
    dc.onopen = () => current() && setChannelState('open');
    dc.onclose = () => current() && setChannelState('closed', 'the phone closed the channel');
    dc.onerror = () => current() && log('data channel error');
    dc.onmessage = (event: MessageEvent) => {
      if (!current()) return;
      const decoded = decodeFrame(event.data);
      // The iOS SDK's keep-alives carry nothing: no log, no state.
      if (decoded.kind === 'ping') return;
      if (decoded.kind === 'invalid') {
        log(`dropped a bad frame: ${decoded.reason}`);
        return;
      }
      const value = decoded.kind === 'envelope' ? decoded.envelope : decoded.credential;
      deps.emit({ kind: 'peer/frame', payload: { kind: decoded.kind, value } });
    };
    if (dc.readyState === 'open') setChannelState('open');
  }

  function teardown() {
    const old = pc;
    pc = null;
    channel = null;
    remoteSet = false;
    openedAt = undefined;
    if (old) {
      old.onicecandidate = null;
      old.ondatachannel = null;
      old.onconnectionstatechange = null;
      try {
        old.close();
      } catch (err) {
        log('closing the old peer connection failed', err);
      }
    }
  }

  return {
    async acceptOffer(sdp, iceServers) {
      teardown();
      const conn = deps.createPeerConnection({ iceServers: iceServers as RTCIceServer[] });
      pc = conn;
      setChannelState('connecting');
      conn.onicecandidate = (event) => {
        if (pc !== conn || !event.candidate) return;
        deps.emit({ kind: 'peer/local-candidate', payload: { candidate: event.candidate.toJSON() as CandidateInit } });
      };
      conn.ondatachannel = (event) => pc === conn && attachChannel(event.channel, conn);
      conn.onconnectionstatechange = () => {
        if (pc !== conn) return;
        if (conn.connectionState === 'failed' || conn.connectionState === 'closed') {
          setChannelState('closed', `peer connection ${conn.connectionState}`);
        }
      };
      await conn.setRemoteDescription({ type: 'offer', sdp });
      remoteSet = true;
      const buffered = pendingCandidates;
      pendingCandidates = [];
      for (const candidate of buffered) await addCandidate(conn, candidate);
      const answer = await conn.createAnswer();
      await conn.setLocalDescription(answer);
      return conn.localDescription?.sdp ?? answer.sdp ?? '';
    },

    async addRemoteCandidate(candidate) {
      if (!pc || !remoteSet) {
        if (pendingCandidates.length < 64) pendingCandidates.push(candidate);
        return;
      }
      await addCandidate(pc, candidate);
    },

    send(frame) {
      if (!channel || channel.readyState !== 'open') throw new Error(CHANNEL_NOT_OPEN);
      channel.send(frame);
    },

    status() {
      return { channel: channelState, connection: pc?.connectionState ?? 'none', ...(openedAt ? { openedAt } : {}) };
    },

    close() {
      const wasOpen = channelState !== 'none' && channelState !== 'closed';
      teardown();
      pendingCandidates = [];
      if (wasOpen) setChannelState('closed', 'closed by Tandem');
    },
  };

  async function addCandidate(conn: RTCPeerConnection, candidate: CandidateInit) {
    try {
      await conn.addIceCandidate(candidate);
    } catch (err) {
      log('a remote candidate was refused', err);
    }
  }
}
