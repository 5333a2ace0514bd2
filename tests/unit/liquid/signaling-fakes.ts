/**
 * Fakes for the signaling state machine's injected edges: a socket the test plays the server
 * through, a peer (one phone's link in the peer host) that answers every offer, a clock that
 * only moves when told, and in-memory storage. No timers and no network: every step is driven by the test.
 */
import type { Clock, SignalSocket, SignalingDeps } from '../../../lib/liquid/signaling';
import { createSignaling } from '../../../lib/liquid/signaling';
import { OriginRefusedError } from '../../../lib/liquid/origin-refusal';
import { ALICE, CAROL } from '../../fixtures/algorand/accounts';
import type { CandidateInit, ChannelState } from '../../../lib/messaging/peer-protocol';
import { ok } from '../../../lib/result';
import type { HostedPeer } from '../../../lib/peer/peer-host';
import type { Settings } from '../../../lib/storage/types';
import { defaultAlgodEndpoints } from '../../../lib/algorand/algod-endpoints';
import type { ConnectionState, Pairing } from '../../../lib/liquid/types';

export const SERVER = 'http://localhost:3000';
/** The paired phone's account, and another one (someone else's phone). */
export const WALLET = ALICE.addr;
export const OTHER_WALLET = CAROL.addr;

export const SETTINGS: Settings = {
  serverUrl: SERVER,
  iceServers: [],
  requestDeadlineMs: 60_000,
  linkTimeoutMs: 120_000,
  offerTimeoutMs: 5_000,
  channelOpenTimeoutMs: 20_000,
  highFeeMicroAlgos: 100_000,
  localNetGenesisHash: '',
  algod: defaultAlgodEndpoints('http://localhost:4180'),
  networkReads: true,
};

/** Lets every pending promise chain run (the fakes never use real timers). */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

type Listener = (...args: unknown[]) => void;

interface LinkEmit {
  requestId: unknown;
  ack: (reply: unknown) => void;
}

export class FakeSocket implements SignalSocket {
  connected = false;
  /** When false, connect() goes unanswered until the test calls accept(). */
  acceptConnect = true;
  connectCalls = 0;
  readonly emitted: { event: string; args: unknown[] }[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  emit(event: string, ...args: unknown[]): void {
    this.emitted.push({ event, args });
  }

  connect(): void {
    this.connectCalls++;
    // socket.io connects asynchronously.
    if (this.acceptConnect) queueMicrotask(() => this.accept());
  }

  disconnect(): void {
    const was = this.connected;
    this.connected = false;
    if (was) this.fire('disconnect', 'io client disconnect');
  }

  // The server's side --------------------------------------------------------------------

  hasListener(event: string): boolean {
    return (this.listeners.get(event)?.length ?? 0) > 0;
  }

  fire(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }

  accept(): void {
    if (this.connected) return;
    this.connected = true;
    this.fire('connect');
  }

  /** The connection drops (server stopped, network gone). */
  drop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }

  refuse(message: string): void {
    this.fire('connect_error', new Error(message));
  }

  links(): LinkEmit[] {
    return this.emitted.filter((e) => e.event === 'link').map((e) => ({ requestId: (e.args[0] as { requestId?: unknown }).requestId, ack: e.args[1] as (reply: unknown) => void }));
  }

  linkedRequestIds(): unknown[] {
    return this.links().map((l) => l.requestId);
  }

  /** Acks the latest `link` emitted for `requestId`, as the server does once the phone authenticated. */
  ackLink(requestId: string, reply: unknown = { data: { requestId, wallet: WALLET, credId: 'cred-1' } }): void {
    const link = this.links().filter((l) => l.requestId === requestId).at(-1);
    if (!link) throw new Error(`no link emitted for ${requestId}`);
    link.ack(reply);
  }

  sent(event: string): unknown[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.args[0]);
  }
}

export class FakePeerHost implements HostedPeer {
  readonly peerId = 'phone-1';
  channel: ChannelState = 'none';
  readonly offers: string[] = [];
  readonly candidates: CandidateInit[] = [];
  closeCalls = 0;

  async status(): ReturnType<HostedPeer['status']> {
    return ok({ channel: this.channel, connection: 'none' });
  }

  async acceptOffer(sdp: string) {
    this.offers.push(sdp);
    this.channel = 'connecting';
    return ok({ sdp: `answer to ${sdp}` });
  }

  async addCandidate(candidate: CandidateInit) {
    this.candidates.push(candidate);
    return ok({} as Record<string, never>);
  }

  async send() {
    return ok({} as Record<string, never>);
  }

  async close() {
    this.closeCalls++;
    this.channel = 'closed';
    return ok({} as Record<string, never>);
  }
}

export class FakeClock implements Clock {
  private time = 1_700_000_000_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward, running each timer that falls due (and what it starts) in order. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, timer] = due;
      this.timers.delete(id);
      this.time = timer.at;
      timer.fn();
      await flush();
    }
    this.time = end;
    await flush();
  }
}

export interface Harness {
  signaling: ReturnType<typeof createSignaling>;
  clock: FakeClock;
  peer: FakePeerHost;
  sockets: FakeSocket[];
  /** The latest socket opened. */
  socket(): FakeSocket;
  /** Every state written, in order. */
  states: ConnectionState[];
  stored: { pairing: Pairing | null; state: ConnectionState };
  /** `refusesOrigin`: the session fetch finds that the server refuses this origin (OriginRefusedError). */
  server: { down: boolean; refusesOrigin?: string; sessions: number; logouts: number };
  settings: Settings;
  /** The current state, as written to storage. */
  state(): ConnectionState;
  /** Each server-session step, in order, with the session it named: `fetch <id>`, `open <id>`, `logout <id>`, `forget <id>`. */
  sessionSteps: string[];
}

export function createHarness(
  options: {
    settings?: Partial<Settings>;
    pairing?: Pairing;
    state?: ConnectionState;
    newSocket?: (s: FakeSocket) => void;
    /** The host permission for a server (the browser's `permissions.contains`); absent = granted. */
    hasServerPermission?: (serverUrl: string) => Promise<boolean>;
  } = {},
): Harness {
  const clock = new FakeClock();
  const peer = new FakePeerHost();
  const sockets: FakeSocket[] = [];
  const states: ConnectionState[] = [];
  const stored = { pairing: options.pairing ?? null, state: options.state ?? ({ phase: 'unpaired', socket: 'offline', updatedAt: 0 } as ConnectionState) };
  const server: Harness['server'] = { down: false, sessions: 0, logouts: 0 };
  const settings = { ...SETTINGS, ...options.settings };
  let ids = 0;
  const sessionSteps: string[] = [];
  const deps: SignalingDeps = {
    fetchSession: async (_server, session) => {
      sessionSteps.push(`fetch ${session}`);
      if (server.down) throw new Error('fetch failed');
      if (server.refusesOrigin !== undefined) throw new OriginRefusedError(server.refusesOrigin);
      server.sessions++;
    },
    logout: async (_server, session) => {
      sessionSteps.push(`logout ${session}`);
      server.logouts++;
    },
    forgetSession: async (session) => {
      sessionSteps.push(`forget ${session}`);
    },
    openSocket: (_server, session) => {
      sessionSteps.push(`open ${session}`);
      const s = new FakeSocket();
      options.newSocket?.(s);
      sockets.push(s);
      return s;
    },
    ...(options.hasServerPermission ? { hasServerPermission: options.hasServerPermission } : {}),
    peer,
    clock,
    newRequestId: () => `request-${++ids}`,
    settings: async () => settings,
    loadPairing: async () => stored.pairing,
    savePairing: async (pairing) => {
      stored.pairing = pairing;
    },
    writeState: async (state) => {
      states.push(state);
      stored.state = state;
    },
    readState: async () => stored.state,
    log: () => undefined,
  };
  const signaling = createSignaling(deps);
  return {
    signaling,
    clock,
    peer,
    sockets,
    socket: () => {
      const s = sockets.at(-1);
      if (!s) throw new Error('no socket opened yet');
      return s;
    },
    states,
    stored,
    server,
    settings,
    state: () => stored.state,
    sessionSteps,
  };
}
