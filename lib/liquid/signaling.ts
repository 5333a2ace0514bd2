/**
 * The requester side of Liquid Auth signaling (liquid-protocol.md §3), as a state machine
 * with injected edges: the socket, the session fetch, the peer host, the clock and the
 * state writer. The background composes it with the real ones; unit tests with fakes.
 *
 * Rules from the protocol: GET /auth/session before the socket so the handshake carries
 * the session; emit `link` and arm the offer listeners together; accept an offer as a bare
 * string or `{sdp, type}`; ignore echoes and repeats; put a deadline on every wait (the
 * server has none); re-link with the same requestId when the phone goes away.
 */
import type { PeerHost } from '../peer/peer-host';
import type { CandidateInit, PeerEvent } from '../messaging/peer-protocol';
import { parseCandidate } from '../messaging/peer-protocol';
import type { ConnectionState, FailureReason, Pairing, Settings } from '../storage/types';
import { buildDeepLink } from './deep-link';

/** The part of a socket.io client socket this module uses. */
export interface SignalSocket {
  readonly connected: boolean;
  on(event: string, listener: (...args: unknown[]) => void): void;
  emit(event: string, ...args: unknown[]): void;
  connect(): void;
  disconnect(): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SignalingDeps {
  /** GET /auth/session with credentials, so the session cookie exists before the socket. */
  fetchSession(serverUrl: string): Promise<void>;
  /** GET /auth/logout with credentials. */
  logout(serverUrl: string): Promise<void>;
  openSocket(serverUrl: string): SignalSocket;
  /**
   * Whether the browser lets Tandem reach this server (its host permission: the manifest grants only
   * the build's default server; others are granted from Settings). Absent = always.
   */
  hasServerPermission?(serverUrl: string): Promise<boolean>;
  peer: PeerHost;
  clock: Clock;
  newRequestId(): string;
  settings(): Promise<Settings>;
  loadPairing(): Promise<Pairing | null>;
  savePairing(pairing: Pairing | null): Promise<void>;
  /** The single writer of the connection state. */
  writeState(state: ConnectionState): Promise<void>;
  readState(): Promise<ConnectionState>;
  /** Called when the channel opens (pending requests resume) and for every phone frame. */
  onChannelOpen?(): void;
  /** Called when a channel we called connected (or connecting) closes: the phone went offline. */
  onChannelClosed?(): void;
  log?(message: string, detail?: unknown): void;
}

/** How many fresh QR codes are made for an unscanned pairing before giving up. */
export const MAX_LINK_REFRESHES = 5;
const CONNECT_DEADLINE_MS = 10_000;
/** While the server is away beside a live channel, the socket is retried after this long, doubling up to the max. */
const RELINK_RETRY_MS = 1_000;
const RELINK_RETRY_MAX_MS = 30_000;

export interface Signaling {
  /** Reload state after a (worker) start: resume a pairing attempt or re-check the phone link. */
  restore(): Promise<void>;
  /** Start or resume pairing; `fresh` forces a new requestId. Returns the attempt's requestId. */
  startPairing(options?: { fresh?: boolean }): Promise<string>;
  cancelPairing(): Promise<void>;
  unpair(): Promise<void>;
  /** Feed a peer-host event in (the background subscribes the peer host to this). */
  handlePeerEvent(event: PeerEvent): Promise<void>;
  /**
   * Ask the peer host whether the channel we call connected is still open. A peer host that went
   * away (Chrome closed or lost the offscreen document) reports nothing by itself.
   */
  checkPeer(): Promise<void>;
  /** The current state (from memory; persisted on every change). */
  state(): ConnectionState;
  dispose(): void;
}

interface Attempt {
  requestId: string;
  server: string;
  /** True when re-linking an existing pairing (the phone re-scans the same QR). */
  rescan: boolean;
  refreshes: number;
  /** A `link` of this attempt is waiting on the server; the server drops it on its ack and with the connection. */
  linkPending?: boolean;
}

export function createSignaling(deps: SignalingDeps): Signaling {
  const log = deps.log ?? ((m, d) => console.info(`[tandem signaling] ${m}`, d ?? ''));
  let current: ConnectionState = { phase: 'unpaired', socket: 'offline', updatedAt: 0 };
  let socket: SignalSocket | null = null;
  let socketServer: string | null = null;
  let attempt: Attempt | null = null;
  let pairing: Pairing | null = null;
  let lastOfferSdp: string | null = null;
  const timers = new Map<string, unknown>();
  let writeChain: Promise<void> = Promise.resolve();

  function setState(patch: Partial<ConnectionState>, replace = false) {
    const base = replace ? { phase: current.phase, socket: current.socket } : current;
    current = { ...base, ...patch, updatedAt: deps.clock.now() } as ConnectionState;
    for (const key of Object.keys(current) as (keyof ConnectionState)[]) if (current[key] === undefined) delete current[key];
    const snapshot = current;
    writeChain = writeChain.then(() => deps.writeState(snapshot)).catch((err) => log('writing state failed', err));
  }

  function arm(name: string, ms: number, fn: () => void) {
    disarm(name);
    timers.set(name, deps.clock.setTimeout(() => {
      timers.delete(name);
      fn();
    }, ms));
  }
  function disarm(name: string) {
    if (timers.has(name)) deps.clock.clearTimeout(timers.get(name));
    timers.delete(name);
  }

  function fail(reason: FailureReason, message: string) {
    log(`failed: ${reason}`, message);
    setState({ phase: 'failed', failure: { reason, message } });
  }

  async function ensureSocket(server: string): Promise<SignalSocket> {
    if (socket && socketServer === server) {
      if (!socket.connected) await waitConnected(socket);
      return socket;
    }
    closeSocket();
    setState({ socket: 'connecting' });
    await deps.fetchSession(server);
    const s = deps.openSocket(server);
    socket = s;
    socketServer = server;
    wireSocket(s, server);
    await waitConnected(s);
    return s;
  }

  function waitConnected(s: SignalSocket): Promise<void> {
    if (s.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let settled = false;
      const done = (err?: Error) => {
        if (settled) return;
        settled = true;
        deps.clock.clearTimeout(handle);
        if (err) reject(err);
        else resolve();
      };
      const handle = deps.clock.setTimeout(() => done(new Error('the Liquid Auth server did not accept the connection in time')), CONNECT_DEADLINE_MS);
      s.on('connect', () => done());
      s.connect();
    });
  }

  function wireSocket(s: SignalSocket, server: string) {
    const mine = () => socket === s;
    s.on('connect', () => {
      if (!mine()) return;
      setState({ socket: 'connected' });
      // begin() emits an attempt's first link once connected; this covers every later (re)connection,
      // and a first one that came after begin() had given up on its deadline.
      if (!attempt || attempt.linkPending) return;
      if (current.phase === 'waiting-for-scan' || current.phase === 'phone-offline' || current.phase === 'failed') {
        if (current.phase === 'failed' && current.failure?.reason === 'server-unreachable') {
          setState({ phase: attempt.rescan ? 'phone-offline' : 'waiting-for-scan', failure: undefined });
        }
        emitLink(s, attempt);
      }
    });
    s.on('disconnect', (reason: unknown) => {
      if (!mine()) return;
      // The server-side link waiter dies with the connection.
      if (attempt) attempt.linkPending = false;
      setState({ socket: reason === 'io client disconnect' ? 'offline' : 'reconnecting' });
      if (attempt && (current.phase === 'waiting-for-scan' || current.phase === 'linked' || current.phase === 'starting')) {
        fail('server-unreachable', 'Lost the connection to the Liquid Auth server; reconnecting…');
      }
    });
    s.on('connect_error', (err: unknown) => {
      if (!mine()) return;
      const message = err instanceof Error ? err.message : String(err);
      setState({ socket: 'reconnecting' });
      if (attempt && current.phase !== 'connected' && current.phase !== 'connecting') {
        fail('server-unreachable', `Cannot reach the Liquid Auth server at ${server} (${message}); retrying…`);
      }
      // A refused handshake means the server forgot our session (restarted): get a new one.
      if (/unauthori[sz]ed|session/i.test(message)) {
        deps.fetchSession(server).then(() => mine() && !s.connected && s.connect()).catch(() => undefined);
      }
    });
    s.on('offer-description', (payload: unknown) => void onOffer(payload));
    s.on('offer-candidate', (payload: unknown) => void onRemoteCandidate(payload));
  }

  function closeSocket() {
    const s = socket;
    socket = null;
    socketServer = null;
    if (s) s.disconnect();
    setState({ socket: 'offline' });
  }

  function emitLink(s: SignalSocket, a: Attempt) {
    a.linkPending = true;
    s.emit('link', { requestId: a.requestId }, (ack: unknown) => void onLinkAck(a, ack));
  }

  async function onLinkAck(a: Attempt, ack: unknown) {
    // Taken before any await: the benchmark times pairing from the ack (bench/README.md).
    const linkedAt = deps.clock.now();
    if (attempt !== a) return; // a late ack for an old attempt
    const data = typeof ack === 'object' && ack !== null ? (ack as { data?: unknown }).data : undefined;
    const d = (typeof data === 'object' && data !== null ? data : {}) as { requestId?: unknown; wallet?: unknown; credId?: unknown };
    if (d.requestId !== a.requestId || typeof d.wallet !== 'string') {
      log('ignoring a malformed link ack', ack);
      return;
    }
    a.linkPending = false;
    disarm('link');
    pairing = { server: a.server, requestId: a.requestId, wallet: d.wallet, credId: typeof d.credId === 'string' ? d.credId : '', pairedAt: deps.clock.now() };
    await deps.savePairing(pairing);
    if (current.phase === 'connecting' || current.phase === 'connected') {
      setState({ wallet: pairing.wallet, linkedAt });
      return; // the offer beat the ack
    }
    setState({ phase: 'linked', wallet: pairing.wallet, linkedAt, failure: undefined, linkExpiresAt: undefined });
    const { offerTimeoutMs } = await deps.settings();
    arm('offer', offerTimeoutMs, () => {
      if (current.phase !== 'linked' || attempt !== a) return;
      // The real server can relay the first offer before we joined the room; phones never resend.
      setState({ phase: 'waiting-for-scan', failure: { reason: 'no-offer', message: 'Your phone linked but did not connect. Scan the same QR code again.' } });
      if (socket) emitLink(socket, a);
    });
  }

  async function onOffer(payload: unknown) {
    const sdp = typeof payload === 'string' ? payload : isOfferObject(payload) ? payload.sdp : null;
    if (sdp === null) return log('ignoring a malformed offer', payload);
    if (sdp === lastOfferSdp) return; // an echo or a repeat of the offer we already answered
    if (!attempt && !pairing) return log('ignoring an offer with no pairing in progress');
    lastOfferSdp = sdp;
    disarm('offer');
    setState({ phase: 'connecting', failure: undefined });
    const settings = await deps.settings();
    const answer = await deps.peer.acceptOffer(sdp, settings.iceServers);
    if (!answer.ok) return fail('channel-failed', answer.error.message);
    socket?.emit('answer-description', answer.value.sdp);
    arm('channel', settings.channelOpenTimeoutMs, () => {
      if (current.phase === 'connecting') fail('channel-failed', 'The connection to your phone did not open. Check that both are online, then try again.');
    });
  }

  async function onRemoteCandidate(payload: unknown) {
    const candidate = parseCandidate(payload);
    if (!candidate) return;
    const result = await deps.peer.addCandidate(candidate);
    if (!result.ok) log('the peer host refused a candidate', result.error);
  }

  /** Opens (or waits for) the socket of an attempt and links it. */
  async function relink(a: Attempt, retryMs = RELINK_RETRY_MS) {
    if (attempt !== a) return;
    try {
      const s = await ensureSocket(a.server);
      if (attempt === a && !a.linkPending) emitLink(s, a);
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
    if (attempt !== a) return;
    if (current.phase !== 'connected') fail('server-unreachable', `Cannot reach the Liquid Auth server at ${a.server}: ${errorText(err)}${a.rescan ? '; retrying…' : ''}`);
    if (!a.rescan) return;
    log('the server is away; retrying the socket', errorText(err));
    setState({ socket: 'reconnecting' });
    arm('relink', retryMs, () => void relink(a, Math.min(retryMs * 2, RELINK_RETRY_MAX_MS)));
  }

  async function begin(a: Attempt) {
    attempt = a;
    lastOfferSdp = null;
    // Without the host permission the session cookie and the socket cannot work: say so, and show
    // no QR code that could never connect.
    if (deps.hasServerPermission && !(await deps.hasServerPermission(a.server))) {
      if (attempt !== a) return;
      disarm('link');
      setState({ requestId: a.requestId, link: undefined, linkExpiresAt: undefined });
      fail('no-permission', `Tandem is not allowed to connect to ${a.server}. Open Settings and save the server to allow it.`);
      return;
    }
    const settings = await deps.settings();
    const expiresAt = a.rescan ? undefined : deps.clock.now() + settings.linkTimeoutMs;
    setState(
      {
        phase: a.rescan ? 'phone-offline' : 'starting',
        requestId: a.requestId,
        link: buildDeepLink(a.server, a.requestId),
        linkExpiresAt: expiresAt,
        wallet: pairing?.wallet,
        failure: undefined,
      },
      true,
    );
    if (!a.rescan) {
      arm('link', settings.linkTimeoutMs, () => void onLinkExpired(a));
    }
    try {
      await ensureSocket(a.server);
    } catch (err) {
      serverAway(a, err);
      return;
    }
    if (attempt !== a) return;
    if (!a.rescan) setState({ phase: 'waiting-for-scan' });
    if (socket && !a.linkPending) emitLink(socket, a);
  }

  async function onLinkExpired(a: Attempt) {
    if (attempt !== a || (current.phase !== 'waiting-for-scan' && current.phase !== 'starting' && current.phase !== 'failed')) return;
    if (a.refreshes >= MAX_LINK_REFRESHES) {
      attempt = null;
      fail('link-timeout', 'The QR code was not scanned in time.');
      return;
    }
    log('link expired unscanned; making a fresh QR');
    await begin({ requestId: deps.newRequestId(), server: a.server, rescan: false, refreshes: a.refreshes + 1 });
  }

  async function handlePeerEvent(event: PeerEvent) {
    switch (event.kind) {
      case 'peer/local-candidate': {
        const candidate: CandidateInit = event.payload.candidate;
        socket?.emit('answer-candidate', candidate);
        return;
      }
      case 'peer/channel': {
        const { state: channel, reason } = event.payload;
        if (channel === 'open') {
          disarm('channel');
          disarm('offer');
          disarm('link');
          if (pairing) attempt = { requestId: pairing.requestId, server: pairing.server, rescan: true, refreshes: 0 };
          setState({ phase: 'connected', wallet: pairing?.wallet, connectedAt: deps.clock.now(), failure: undefined, linkExpiresAt: undefined });
          deps.onChannelOpen?.();
        } else if (channel === 'closed' && (current.phase === 'connected' || current.phase === 'connecting')) {
          lastOfferSdp = null;
          disarm('channel');
          deps.onChannelClosed?.();
          if (pairing) {
            log('phone went offline', reason);
            await begin({ requestId: pairing.requestId, server: pairing.server, rescan: true, refreshes: 0 });
          } else {
            fail('channel-failed', reason ?? 'The connection to your phone closed.');
          }
        }
        return;
      }
      case 'peer/ready':
      case 'peer/frame':
        return;
      default: {
        const never: never = event;
        return never;
      }
    }
  }

  return {
    async restore() {
      pairing = await deps.loadPairing();
      const saved = await deps.readState();
      current = saved;
      const status = await deps.peer.status();
      if (status.ok && status.value.channel === 'open' && pairing) {
        attempt = { requestId: pairing.requestId, server: pairing.server, rescan: true, refreshes: 0 };
        setState({ phase: 'connected', wallet: pairing.wallet, requestId: pairing.requestId, link: buildDeepLink(pairing.server, pairing.requestId), failure: undefined });
        // Keep a socket so a re-scan can deliver a fresh offer; not needed for the live channel.
        void relinkQuietly();
        return;
      }
      const inFlight = saved.phase === 'starting' || saved.phase === 'waiting-for-scan' || saved.phase === 'linked' || saved.phase === 'connecting';
      if (inFlight && saved.requestId && !pairing) {
        const server = (await deps.settings()).serverUrl;
        await begin({ requestId: saved.requestId, server, rescan: false, refreshes: 0 });
        return;
      }
      if (pairing) {
        await begin({ requestId: pairing.requestId, server: pairing.server, rescan: true, refreshes: 0 });
        return;
      }
      if (saved.phase !== 'unpaired' && saved.phase !== 'failed') setState({ phase: 'unpaired' }, true);
    },

    async startPairing(options = {}) {
      const live = attempt && !attempt.rescan && (current.phase === 'starting' || current.phase === 'waiting-for-scan' || current.phase === 'linked' || current.phase === 'connecting');
      if (live && !options.fresh && attempt) return attempt.requestId;
      if (current.phase === 'connected' && !options.fresh && attempt) return attempt.requestId;
      const settings = await deps.settings();
      if (pairing && !options.fresh) {
        await begin({ requestId: pairing.requestId, server: pairing.server, rescan: true, refreshes: 0 });
        return pairing.requestId;
      }
      const next: Attempt = { requestId: deps.newRequestId(), server: settings.serverUrl, rescan: false, refreshes: 0 };
      void begin(next);
      return next.requestId;
    },

    async cancelPairing() {
      if (!attempt || attempt.rescan) return;
      const cancelled = attempt;
      attempt = null;
      for (const name of [...timers.keys()]) disarm(name);
      // The link ack saved a pairing, but its channel never opened: that phone is not paired.
      if (pairing?.requestId === cancelled.requestId) {
        pairing = null;
        await deps.savePairing(null);
      }
      if (pairing) {
        // Back to the earlier pairing's re-scan QR: a "phone offline" without one is a dead end.
        await begin({ requestId: pairing.requestId, server: pairing.server, rescan: true, refreshes: 0 });
        return;
      }
      setState({ phase: 'unpaired', failure: undefined, link: undefined, linkExpiresAt: undefined, requestId: undefined, wallet: undefined });
      closeSocket();
    },

    async unpair() {
      const server = pairing?.server ?? socketServer;
      attempt = null;
      pairing = null;
      lastOfferSdp = null;
      for (const name of [...timers.keys()]) disarm(name);
      await deps.peer.close();
      if (server) await deps.logout(server).catch((err) => log('logout failed', err));
      closeSocket();
      await deps.savePairing(null);
      setState({ phase: 'unpaired', socket: 'offline' }, true);
    },

    handlePeerEvent,

    async checkPeer() {
      if (current.phase !== 'connected') return;
      const status = await deps.peer.status();
      // An unanswered status proves nothing; only a peer host that answers without an open channel does.
      if (!status.ok || status.value.channel === 'open' || current.phase !== 'connected') return;
      await handlePeerEvent({ kind: 'peer/channel', payload: { state: 'closed', reason: `the peer host has no open channel (${status.value.channel})` } });
    },

    state: () => current,
    dispose() {
      for (const name of [...timers.keys()]) disarm(name);
      closeSocket();
    },
  };

  async function relinkQuietly() {
    if (!attempt) return;
    await relink(attempt);
  }
}

function isOfferObject(value: unknown): value is { sdp: string; type?: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { sdp?: unknown; type?: unknown };
  return typeof v.sdp === 'string' && (v.type === undefined || v.type === 'offer');
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
