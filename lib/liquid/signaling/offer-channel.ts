/**
 * The phone's offer and the data channel: answer an offer (a bare SDP string or `{sdp, type}`;
 * echoes and repeats ignored), trade candidates through the socket, and follow the channel's
 * state as the peer host reports it (open → connected; closed → back to the re-scan QR).
 */
import { t } from '../../i18n';
import { parseCandidate, type PeerLinkEvent } from '../../messaging/peer-protocol';
import { dtlsFingerprint } from '../sdp';
import { rescanOf, type SignalingCore } from './core';
import type { HeldOffer, LinkAttempts } from './link-attempt';
import { SOCKET_EVENTS, type SocketPayloads } from '../socket-events';

/**
 * The peer host's events that concern the link (phone frames go straight to the requests), without
 * their peerId: the caller hands this machine only its own peer's events.
 */
export type LinkPeerEvent = Exclude<PeerLinkEvent, { kind: 'peer/frame' }>;

export interface OfferChannel {
  onOffer(payload: unknown): Promise<void>;
  heldOffer: HeldOffer;
  onCandidate(payload: unknown): Promise<void>;
  handlePeerEvent(event: LinkPeerEvent): Promise<void>;
  /** Asks the peer host whether the channel we call connected is still open. */
  checkPeer(): Promise<void>;
}

function isOfferObject(value: unknown): value is { sdp: string; type?: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { sdp?: unknown; type?: unknown };
  return typeof v.sdp === 'string' && (v.type === undefined || v.type === 'offer');
}

export function createOfferChannel(core: SignalingCore, links: () => LinkAttempts, closeSocket: () => void): OfferChannel {
  const { deps } = core;

  /** An offer that came during a re-scan before the link ack confirmed the paired account. */
  let held: unknown = null;
  const heldOffer: HeldOffer = {
    release() {
      const payload = held;
      held = null;
      if (payload !== null) void onOffer(payload);
    },
    drop() {
      held = null;
    },
  };

  async function onOffer(payload: unknown) {
    const sdp = typeof payload === 'string' ? payload : isOfferObject(payload) ? payload.sdp : null;
    if (sdp === null) return core.log('ignoring a malformed offer', payload);
    if (sdp === core.lastOfferSdp) return; // an echo or a repeat of the offer we already answered
    if (!core.attempt && !core.pairing) return core.log('ignoring an offer with no pairing in progress');
    // Every socket linked to the account hears and may send offers (liquid-protocol.md §3): one
    // arriving while the channel is up would tear it down or hand it to another peer.
    if (core.current.phase === 'connected') return core.log('ignoring an offer while the phone is connected');
    // A re-scan answers only once the ack named the paired account (link-attempt.ts).
    if (core.attempt?.rescan && !core.attempt.accountConfirmed) {
      held = payload;
      return;
    }
    core.lastOfferSdp = sdp;
    core.disarm('offer');
    core.setState({ phase: 'connecting', failure: undefined });
    const settings = await deps.settings();
    const answer = await deps.peer.acceptOffer(sdp, settings.iceServers);
    if (!answer.ok) return core.fail('channel-failed', answer.error.message);
    core.socket?.emit(SOCKET_EVENTS.answerDescription, answer.value.sdp satisfies SocketPayloads['answerDescription']);
    core.setState({ fingerprint: dtlsFingerprint(answer.value.sdp) });
    core.arm('channel', settings.channelOpenTimeoutMs, () => {
      if (core.current.phase === 'connecting') core.fail('channel-failed', t('failure_channel_not_open'));
    });
  }

  async function onCandidate(payload: unknown) {
    const candidate = parseCandidate(payload);
    if (!candidate) return;
    const result = await deps.peer.addCandidate(candidate);
    if (!result.ok) core.log('the peer host refused a candidate', result.error);
  }

  async function handlePeerEvent(event: LinkPeerEvent) {
    switch (event.kind) {
      case 'peer/local-candidate':
        core.socket?.emit(SOCKET_EVENTS.answerCandidate, event.payload.candidate satisfies SocketPayloads['answerCandidate']);
        return;
      case 'peer/channel': {
        const { state: channel, reason } = event.payload;
        if (channel === 'open') {
          core.disarm('channel');
          core.disarm('offer');
          core.disarm('link');
          if (core.pairing) core.attempt = rescanOf(core.pairing);
          core.setState({ phase: 'connected', wallet: core.pairing?.wallet, connectedAt: deps.clock.now(), failure: undefined, linkExpiresAt: undefined });
          // The channel needs no server: with the account known, the socket closes (its 25 s pings
          // would keep a service worker awake). A first pairing whose offer beat the link ack keeps
          // it until the ack names the account (link-attempt.ts).
          if (core.pairing) closeSocket();
          deps.onChannelOpen?.();
        } else if (channel === 'closed' && (core.current.phase === 'connected' || core.current.phase === 'connecting')) {
          core.lastOfferSdp = null;
          core.disarm('channel');
          deps.onChannelClosed?.();
          if (core.pairing) {
            core.log('phone went offline', reason);
            await links().begin(rescanOf(core.pairing));
          } else {
            core.fail('channel-failed', reason ?? t('failure_channel_closed'));
          }
        }
        return;
      }
      case 'peer/ready':
        return;
      default: {
        const never: never = event;
        return never;
      }
    }
  }

  return {
    onOffer,
    heldOffer,
    onCandidate,
    handlePeerEvent,
    async checkPeer() {
      if (core.current.phase !== 'connected') return;
      const status = await deps.peer.status();
      // An unanswered status proves nothing; only a peer host that answers without an open channel does.
      if (!status.ok || status.value.channel === 'open' || core.current.phase !== 'connected') return;
      await handlePeerEvent({ kind: 'peer/channel', payload: { state: 'closed', reason: `the peer host has no open channel (${status.value.channel})` } });
    },
  };
}
