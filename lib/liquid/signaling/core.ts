/**
 * The state every part of signaling shares (one object, one writer of the connection state), the
 * injected edges, and the timers. The parts (socket, link attempt, offer and channel) each get it.
 */
import type { CandidateInit, IceServerSetting, PeerStatus } from '../../messaging/peer-protocol';
import type { Reply } from '../../messaging/result';
import type { ConnectionState, FailureReason, Pairing, SignalingSettings } from '../types';

/** The part of a socket.io client socket signaling uses. */
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

/** What signaling asks of the peer host (lib/peer implements it; frames go to the requests, not here). */
export interface SignalingPeer {
  status(): Promise<Reply<PeerStatus>>;
  acceptOffer(sdp: string, iceServers: IceServerSetting[]): Promise<Reply<{ sdp: string }>>;
  addCandidate(candidate: CandidateInit): Promise<Reply<Record<string, never>>>;
  close(): Promise<Reply<Record<string, never>>>;
}

/**
 * `session` names the server session a step belongs to: the requestId of the pairing, or of the
 * pairing attempt, that uses it. Each has its own (entrypoints/background/server-sessions.ts).
 */
export interface SignalingDeps {
  /** GET /auth/session with credentials, so the session cookie exists before the socket. */
  fetchSession(serverUrl: string, session: string): Promise<void>;
  /** GET /auth/logout with credentials. */
  logout(serverUrl: string, session: string): Promise<void>;
  /** A socket whose every `connect()` handshakes with that session; it never reconnects by itself. */
  openSocket(serverUrl: string, session: string): SignalSocket;
  /** The session is no longer used by anything (unpair, a cancelled or replaced attempt). Absent = nothing to forget. */
  forgetSession?(session: string): Promise<void>;
  /**
   * Whether the browser lets Tandem reach this server (its host permission: the manifest grants only
   * the build's default server; others are granted from Settings). Absent = always.
   */
  hasServerPermission?(serverUrl: string): Promise<boolean>;
  peer: SignalingPeer;
  clock: Clock;
  newRequestId(): string;
  settings(): Promise<SignalingSettings>;
  loadPairing(): Promise<Pairing | null>;
  savePairing(pairing: Pairing | null): Promise<void>;
  /** The single writer of the connection state. */
  writeState(state: ConnectionState): Promise<void>;
  readState(): Promise<ConnectionState>;
  /** Called when the channel opens (pending requests resume). */
  onChannelOpen?(): void;
  /** Called when a channel we called connected (or connecting) closes: the phone went offline. */
  onChannelClosed?(): void;
  log?(message: string, detail?: unknown): void;
}

export interface Attempt {
  requestId: string;
  server: string;
  /** True when re-linking an existing pairing (the phone re-scans the same QR). */
  rescan: boolean;
  refreshes: number;
  /** A `link` of this attempt is waiting on the server; the server drops it on its ack and with the connection. */
  linkPending?: boolean;
  /** The link ack named the account (for a re-scan: the paired one); offers are answered only then. */
  accountConfirmed?: boolean;
}

export type TimerName = 'link' | 'offer' | 'channel' | 'relink' | 'reconnect';

export interface SignalingCore {
  readonly deps: SignalingDeps;
  current: ConnectionState;
  socket: SignalSocket | null;
  socketServer: string | null;
  /** The server session the socket handshook with. */
  socketSession: string | null;
  attempt: Attempt | null;
  pairing: Pairing | null;
  /** The offer answered last: echoes and repeats of it are ignored. */
  lastOfferSdp: string | null;
  log(message: string, detail?: unknown): void;
  /** Changes the connection state (and persists it, in order); `replace` keeps only phase and socket. */
  setState(patch: Partial<ConnectionState>, replace?: boolean): void;
  fail(reason: FailureReason, message: string): void;
  arm(name: TimerName, ms: number, fn: () => void): void;
  disarm(name: TimerName): void;
  disarmAll(): void;
  /** Tells the session's owner it is no longer used; a failure is only logged. */
  forget(session: string): void;
}

export const rescanOf = (pairing: Pairing): Attempt => ({ requestId: pairing.requestId, server: pairing.server, rescan: true, refreshes: 0 });

export function createCore(deps: SignalingDeps): SignalingCore {
  const log = deps.log ?? ((m: string, d?: unknown) => console.info(`[tandem signaling] ${m}`, d ?? ''));
  const timers = new Map<TimerName, unknown>();
  let writeChain: Promise<void> = Promise.resolve();

  const core: SignalingCore = {
    deps,
    current: { phase: 'unpaired', socket: 'offline', updatedAt: 0 },
    socket: null,
    socketServer: null,
    socketSession: null,
    attempt: null,
    pairing: null,
    lastOfferSdp: null,
    log,
    setState(patch, replace = false) {
      const base = replace ? { phase: core.current.phase, socket: core.current.socket } : core.current;
      const next = { ...base, ...patch, updatedAt: deps.clock.now() } as ConnectionState;
      for (const key of Object.keys(next) as (keyof ConnectionState)[]) if (next[key] === undefined) delete next[key];
      core.current = next;
      writeChain = writeChain.then(() => deps.writeState(next)).catch((err) => log('writing state failed', err));
    },
    fail(reason, message) {
      log(`failed: ${reason}`, message);
      core.setState({ phase: 'failed', failure: { reason, message } });
    },
    arm(name, ms, fn) {
      core.disarm(name);
      timers.set(name, deps.clock.setTimeout(() => {
        timers.delete(name);
        fn();
      }, ms));
    },
    disarm(name) {
      if (timers.has(name)) deps.clock.clearTimeout(timers.get(name));
      timers.delete(name);
    },
    disarmAll() {
      for (const name of [...timers.keys()]) core.disarm(name);
    },
    forget(session) {
      deps.forgetSession?.(session).catch((err) => log('forgetting a server session failed', err));
    },
  };
  return core;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
