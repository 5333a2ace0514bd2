/**
 * The requester side of Liquid Auth signaling (liquid-protocol.md §3), as a state machine
 * with injected edges: the socket, the session fetch, the peer host, the clock and the
 * state writer. The background composes it with the real ones; unit tests with fakes.
 *
 * Three parts share one state object (signaling/core.ts): the socket's lifecycle
 * (signaling/socket.ts), the link attempt (signaling/link-attempt.ts) and the offer and
 * channel (signaling/offer-channel.ts). This file composes them into what the background uses.
 *
 * Rules from the protocol: GET /auth/session before the socket so the handshake carries
 * the session; emit `link` and arm the offer listeners together; accept an offer as a bare
 * string or `{sdp, type}`; ignore echoes and repeats; put a deadline on every wait (the
 * server has none); re-link with the same requestId when the phone goes away.
 */
import { buildDeepLink } from './deep-link';
import { createCore, rescanOf, type Attempt, type SignalingDeps } from './signaling/core';
import { createLinkAttempts } from './signaling/link-attempt';
import { createOfferChannel, type LinkPeerEvent } from './signaling/offer-channel';
import { createSocketLifecycle } from './signaling/socket';
import type { ConnectionState } from './types';

export type { Clock, SignalSocket, SignalingDeps, SignalingPeer } from './signaling/core';
export { MAX_LINK_REFRESHES } from './signaling/link-attempt';
export type { LinkPeerEvent } from './signaling/offer-channel';

export interface Signaling {
  /** Reload state after a (worker) start: resume a pairing attempt or re-check the phone link. */
  restore(): Promise<void>;
  /** Start or resume pairing; `fresh` forces a new requestId. Returns the attempt's requestId. */
  startPairing(options?: { fresh?: boolean }): Promise<string>;
  cancelPairing(): Promise<void>;
  unpair(): Promise<void>;
  /** Feed a peer-host event in (the background subscribes the peer host to this). */
  handlePeerEvent(event: LinkPeerEvent): Promise<void>;
  /**
   * Ask the peer host whether the channel we call connected is still open. A peer host that went
   * away (Chrome closed or lost the offscreen document) reports nothing by itself.
   */
  checkPeer(): Promise<void>;
  /** The current state (from memory; persisted on every change). */
  state(): ConnectionState;
  dispose(): void;
}

const IN_FLIGHT: ConnectionState['phase'][] = ['starting', 'waiting-for-scan', 'linked', 'connecting'];

export function createSignaling(deps: SignalingDeps): Signaling {
  const core = createCore(deps);
  const channel = createOfferChannel(core, () => links, () => socket.close());
  const links = createLinkAttempts(core, () => socket, channel.heldOffer);
  const socket = createSocketLifecycle(core, {
    onConnected: links.onConnected,
    onDisconnected: links.onDisconnected,
    onConnectError: links.onConnectError,
    onOffer: (payload) => void channel.onOffer(payload),
    onCandidate: (payload) => void channel.onCandidate(payload),
  });

  return {
    async restore() {
      core.pairing = await deps.loadPairing();
      const saved = await deps.readState();
      core.current = saved;
      const { pairing } = core;
      const status = await deps.peer.status();
      if (status.ok && status.value.channel === 'open' && pairing) {
        core.attempt = rescanOf(pairing);
        // The live channel needs no socket (see README: when the signaling socket is open).
        core.setState({ phase: 'connected', socket: 'offline', wallet: pairing.wallet, requestId: pairing.requestId, link: buildDeepLink(pairing.server, pairing.requestId), failure: undefined });
        return;
      }
      if (IN_FLIGHT.includes(saved.phase) && saved.requestId && !pairing) {
        const server = (await deps.settings()).serverUrl;
        await links.begin({ requestId: saved.requestId, server, rescan: false, refreshes: 0 });
        return;
      }
      if (pairing) {
        await links.begin(rescanOf(pairing));
        return;
      }
      if (saved.phase !== 'unpaired' && saved.phase !== 'failed') core.setState({ phase: 'unpaired' }, true);
    },

    async startPairing(options = {}) {
      const { attempt, pairing, current } = core;
      const live = attempt && !attempt.rescan && IN_FLIGHT.includes(current.phase);
      if (live && !options.fresh && attempt) return attempt.requestId;
      if (current.phase === 'connected' && !options.fresh && attempt) return attempt.requestId;
      const settings = await deps.settings();
      if (pairing && !options.fresh) {
        await links.begin(rescanOf(pairing));
        return pairing.requestId;
      }
      const next: Attempt = { requestId: deps.newRequestId(), server: settings.serverUrl, rescan: false, refreshes: 0 };
      void links.begin(next);
      return next.requestId;
    },

    async cancelPairing() {
      const cancelled = core.attempt;
      if (!cancelled || cancelled.rescan) return;
      core.attempt = null;
      core.disarmAll();
      core.forget(cancelled.requestId);
      // The link ack saved a pairing, but its channel never opened: that phone is not paired.
      if (core.pairing?.requestId === cancelled.requestId) {
        core.pairing = null;
        await deps.savePairing(null);
      }
      if (core.pairing) {
        // Back to the earlier pairing's re-scan QR: a "phone offline" without one is a dead end.
        await links.begin(rescanOf(core.pairing));
        return;
      }
      core.setState({ phase: 'unpaired', failure: undefined, link: undefined, linkExpiresAt: undefined, requestId: undefined, wallet: undefined });
      socket.close();
    },

    async unpair() {
      const server = core.pairing?.server ?? core.socketServer;
      const session = core.pairing?.requestId ?? core.socketSession;
      const attempt = core.attempt?.requestId;
      core.attempt = null;
      core.pairing = null;
      core.lastOfferSdp = null;
      core.disarmAll();
      await deps.peer.close();
      if (server && session) await deps.logout(server, session).catch((err) => core.log('logout failed', err));
      socket.close();
      for (const key of new Set([session, attempt])) if (key) core.forget(key);
      await deps.savePairing(null);
      core.setState({ phase: 'unpaired', socket: 'offline' }, true);
    },

    handlePeerEvent: channel.handlePeerEvent,
    checkPeer: channel.checkPeer,
    state: () => core.current,
    dispose() {
      core.disarmAll();
      socket.close();
    },
  };
}
