/**
 * A link attempt: a QR code's requestId, `link` emitted on the server (again after every
 * reconnection, since the server's waiter dies with the connection), its ack naming the phone's
 * account, the QR's expiry (fresh codes a few times) and, for an existing pairing, retrying a
 * server that is away.
 */
import { t } from '../../i18n';
import { isValidAddress } from 'algosdk';
import { buildDeepLink } from '../deep-link';
import { OriginRefusedError } from '../origin-refusal';
import { errorText, type Attempt, type SignalingCore, type SignalSocket } from './core';
import type { SocketLifecycle } from './socket';
import { SOCKET_EVENTS, type SocketPayloads } from '../socket-events';

/** How many fresh QR codes are made for an unscanned pairing before giving up. */
export const MAX_LINK_REFRESHES = 5;
/** While the server is away beside a live channel, the socket is retried after this long, doubling up to the max. */
const RELINK_RETRY_MS = 1_000;
const RELINK_RETRY_MAX_MS = 30_000;

/** An offer that came during a re-scan before the ack confirmed the account (offer-channel.ts). */
export interface HeldOffer {
  /** Answers the held offer now that the account is confirmed. */
  release(): void;
  drop(): void;
}

const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-6)}`;

export interface LinkAttempts {
  /** Makes `a` the current attempt: shows its QR (or re-scan QR), opens the socket, emits `link`. */
  begin(a: Attempt): Promise<void>;
  /** Opens (or waits for) the socket of an attempt and links it. */
  relink(a: Attempt, retryMs?: number): Promise<void>;
  onConnected(socket: SignalSocket): void;
  onDisconnected(): void;
  onConnectError(message: string): void;
}

export function createLinkAttempts(core: SignalingCore, socket: () => SocketLifecycle, heldOffer: HeldOffer): LinkAttempts {
  const { deps } = core;

  function emitLink(s: SignalSocket, a: Attempt) {
    a.linkPending = true;
    s.emit(SOCKET_EVENTS.link, { requestId: a.requestId } satisfies SocketPayloads['link'], (ack: unknown) => void onLinkAck(a, ack));
  }

  async function onLinkAck(a: Attempt, ack: unknown) {
    // Taken before any await: the benchmark times pairing from the ack (bench/README.md).
    const linkedAt = deps.clock.now();
    if (core.attempt !== a) return; // a late ack for an old attempt
    const data = typeof ack === 'object' && ack !== null ? (ack as { data?: unknown }).data : undefined;
    const d = (typeof data === 'object' && data !== null ? data : {}) as { requestId?: unknown; wallet?: unknown; credId?: unknown };
    // The ack's account is the server's claim: it must at least be an Algorand address.
    if (d.requestId !== a.requestId || typeof d.wallet !== 'string' || !isValidAddress(d.wallet)) {
      core.log('ignoring a malformed link ack', ack);
      return;
    }
    a.linkPending = false;
    const credId = typeof d.credId === 'string' ? d.credId : '';
    if (a.rescan && core.pairing) {
      // A re-scan reconnects the paired phone; another account only ever comes from a new pairing.
      if (d.wallet !== core.pairing.wallet) return refuseOtherAccount(a, d.wallet);
      a.accountConfirmed = true;
      core.setState({ linkedAt });
      heldOffer.release();
      return;
    }
    core.disarm('link');
    // A new pairing replaces the one before: its server session is no longer used.
    if (core.pairing && core.pairing.requestId !== a.requestId) core.forget(core.pairing.requestId);
    core.pairing = { server: a.server, requestId: a.requestId, wallet: d.wallet, credId, pairedAt: deps.clock.now(), phone: null };
    a.accountConfirmed = true;
    await deps.savePairing(core.pairing);
    if (core.current.phase === 'connecting' || core.current.phase === 'connected') {
      core.setState({ wallet: core.pairing.wallet, linkedAt });
      // The offer beat the ack: with the channel open, the socket is no longer needed.
      if (core.current.phase === 'connected') socket().close();
      return;
    }
    core.setState({ phase: 'linked', wallet: core.pairing.wallet, linkedAt, failure: undefined, linkExpiresAt: undefined });
    const { offerTimeoutMs } = await deps.settings();
    core.arm('offer', offerTimeoutMs, () => {
      if (core.current.phase !== 'linked' || core.attempt !== a) return;
      // The real server can relay the first offer before we joined the room; phones never resend.
      core.setState({ phase: 'waiting-for-scan', failure: { reason: 'no-offer', message: t('failure_no_offer') } });
      if (core.socket) emitLink(core.socket, a);
    });
  }

  /**
   * Someone scanned the re-scan QR with another account (it can be seen on a shared screen). The
   * server has already written that account into Tandem's server session and joined Tandem's socket
   * to its room (liquid-protocol.md §3), so that socket is dropped at once (its offers are never
   * heard), the session's account is cleared (logout), and the re-scan starts again on a fresh
   * socket. The pairing, the sites and any channel stay as they were.
   */
  async function refuseOtherAccount(a: Attempt, other: string) {
    const paired = core.pairing!.wallet;
    core.log('refused a re-scan by another account', other);
    heldOffer.drop();
    socket().close();
    core.setState({
      failure: {
        reason: 'wrong-account',
        message: t('failure_wrong_account', shortAddress(other), shortAddress(paired)),
      },
    });
    await deps.logout(a.server, a.requestId).catch((err) => core.log('logout failed', err));
    if (core.attempt !== a) return;
    const failure = core.current.failure;
    await begin(a);
    // begin() clears the failure; the user still needs to know why the QR came back.
    if (core.attempt === a && core.current.phase === 'phone-offline' && failure) core.setState({ failure });
  }

  async function relink(a: Attempt, retryMs = RELINK_RETRY_MS) {
    if (core.attempt !== a) return;
    try {
      const s = await socket().ensure(a.server, a.requestId);
      if (core.attempt === a && !a.linkPending) emitLink(s, a);
    } catch (err) {
      serverAway(a, err, retryMs);
    }
  }

  /**
   * The server could not be reached for `a`. A live channel does not need it: the pairing still
   * works, only the socket is away. An existing pairing's socket is retried with backoff (a socket
   * that never opened has no socket.io reconnection); a first pairing refreshes its QR on its own timer.
   */
  function serverAway(a: Attempt, err: unknown, retryMs = RELINK_RETRY_MS) {
    if (core.attempt !== a) return;
    if (err instanceof OriginRefusedError) {
      // Only the server's operator can change this: no QR that could never connect, no retrying on
      // our own; Retry tries again once the operator has listed Tandem.
      core.disarm('link');
      if (core.current.phase === 'connected') return;
      core.setState({ link: undefined, linkExpiresAt: undefined, socket: 'offline' });
      core.fail('origin-refused', err.message);
      return;
    }
    if (core.current.phase !== 'connected') core.fail('server-unreachable', t(a.rescan ? 'failure_unreachable_retrying' : 'failure_unreachable', a.server, errorText(err)));
    if (!a.rescan) return;
    core.log('the server is away; retrying the socket', errorText(err));
    core.setState({ socket: 'reconnecting' });
    core.arm('relink', retryMs, () => void relink(a, Math.min(retryMs * 2, RELINK_RETRY_MAX_MS)));
  }

  async function begin(a: Attempt) {
    const before = core.attempt;
    core.attempt = a;
    // An attempt replaced by another (a fresh QR, a new pairing, back to the pairing's re-scan) leaves its server session unused.
    if (before && before.requestId !== a.requestId && before.requestId !== core.pairing?.requestId) core.forget(before.requestId);
    core.lastOfferSdp = null;
    // Without the host permission the session cookie and the socket cannot work: say so, and show
    // no QR code that could never connect.
    if (deps.hasServerPermission && !(await deps.hasServerPermission(a.server))) {
      if (core.attempt !== a) return;
      core.disarm('link');
      core.setState({ requestId: a.requestId, link: undefined, linkExpiresAt: undefined });
      core.fail('no-permission', t('failure_no_permission', a.server));
      return;
    }
    const settings = await deps.settings();
    const expiresAt = a.rescan ? undefined : deps.clock.now() + settings.linkTimeoutMs;
    core.setState(
      {
        phase: a.rescan ? 'phone-offline' : 'starting',
        requestId: a.requestId,
        link: buildDeepLink(a.server, a.requestId),
        linkExpiresAt: expiresAt,
        wallet: core.pairing?.wallet,
        failure: undefined,
      },
      true,
    );
    if (!a.rescan) core.arm('link', settings.linkTimeoutMs, () => void onLinkExpired(a));
    try {
      await socket().ensure(a.server, a.requestId);
    } catch (err) {
      serverAway(a, err);
      return;
    }
    if (core.attempt !== a) return;
    if (!a.rescan) core.setState({ phase: 'waiting-for-scan' });
    if (core.socket && !a.linkPending) emitLink(core.socket, a);
  }

  async function onLinkExpired(a: Attempt) {
    const { phase } = core.current;
    if (core.attempt !== a || (phase !== 'waiting-for-scan' && phase !== 'starting' && phase !== 'failed')) return;
    if (a.refreshes >= MAX_LINK_REFRESHES) {
      core.attempt = null;
      core.fail('link-timeout', t('failure_link_timeout'));
      return;
    }
    core.log('link expired unscanned; making a fresh QR');
    await begin({ requestId: deps.newRequestId(), server: a.server, rescan: false, refreshes: a.refreshes + 1 });
  }

  return {
    begin,
    relink,
    onConnected(s) {
      // begin() emits an attempt's first link once connected; this covers every later (re)connection,
      // and a first one that came after begin() had given up on its deadline.
      const a = core.attempt;
      if (!a || a.linkPending) return;
      const { phase } = core.current;
      if (phase !== 'waiting-for-scan' && phase !== 'phone-offline' && phase !== 'failed') return;
      if (phase === 'failed' && core.current.failure?.reason === 'server-unreachable') {
        core.setState({ phase: a.rescan ? 'phone-offline' : 'waiting-for-scan', failure: undefined });
      }
      emitLink(s, a);
    },
    onDisconnected() {
      // The server-side link waiter dies with the connection.
      if (core.attempt) core.attempt.linkPending = false;
      const { phase } = core.current;
      if (core.attempt && (phase === 'waiting-for-scan' || phase === 'linked' || phase === 'starting')) {
        core.fail('server-unreachable', t('failure_server_lost'));
      }
    },
    onConnectError(message) {
      if (core.attempt && core.current.phase !== 'connected' && core.current.phase !== 'connecting') core.fail('server-unreachable', message);
    },
  };
}
