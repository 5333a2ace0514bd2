/**
 * The paired phones: one signaling machine, one phone session and one peer link per pairing, keyed
 * by the pairing's requestId, and one more machine for a new pairing's attempt. The attempt's
 * machine is adopted under its requestId when the server acks its link (the pairing is saved then),
 * and a new, idle machine takes its place. So each phone reconnects, re-scans and unpairs on its own
 * socket and server session, and pairing another phone never touches the ones already connected.
 *
 * The peer link of a machine is named by the requestId it links under: the pairing's, or while it
 * is a new attempt, the attempt's (a refreshed QR changes it before any offer made a link).
 *
 * State: each phone's link goes to `session:phones` under its requestId, the attempt's to
 * `session:pairingAttempt`, and this module also writes the pairing screen's `session:connection`
 * (focus()): the attempt while one is under way, else a new pairing still completing, else the
 * first phone. With one phone that is exactly that phone's state, as before several phones.
 */
import type { Signaling, SignalingPeer } from '@/lib/liquid/signaling';
import type { ConnectionPhase, ConnectionState, Pairing } from '@/lib/liquid/types';
import { messageError, type Reply } from '@/lib/messaging/result';
import { peerOfEvent, type PeerEvent, type PeerStatus } from '@/lib/messaging/peer-protocol';
import type { HostedPeer } from '@/lib/peer/peer-host';
import { fail } from '@/lib/result';
import { INITIAL_CONNECTION } from '@/lib/storage/items';
import type { WalletTransaction } from '@/lib/arc27/types';
import type { PhoneReply } from '@/lib/arc27/phone-envelope';
import type { PhoneSession } from './phone-session';
import type { StoredValue } from './queue';

/** What one machine's signaling needs from the manager (connection.ts adds the server and the clock). */
export interface MachineEdges {
  peer: SignalingPeer;
  loadPairing(): Promise<Pairing | null>;
  savePairing(pairing: Pairing | null): Promise<void>;
  writeState(state: ConnectionState): Promise<void>;
  readState(): Promise<ConnectionState>;
  onChannelOpen(): void;
  onChannelClosed(): void;
}

/** What one machine's phone session needs (phone-session.ts adds the envelopes and timers). */
export interface SessionEdges {
  send(frame: string): Promise<Reply<Record<string, never>>>;
  pairing(): Promise<Pairing | null>;
}

export interface PairingList {
  list(): Promise<Pairing[]>;
  /** Adds a pairing; one of the same account is replaced (returned, with anything else it replaced). */
  put(pairing: Pairing): Promise<Pairing[]>;
  remove(requestId: string): Promise<Pairing | null>;
}

export interface PhonesDeps {
  createSignaling(edges: MachineEdges): Signaling;
  createSession(edges: SessionEdges): PhoneSession;
  peerFor(peerId: string): HostedPeer;
  pairings: PairingList;
  items: { phones: StoredValue<Record<string, ConnectionState>>; attempt: StoredValue<ConnectionState>; connection: StoredValue<ConnectionState> };
  /** The toolbar's look follows the phones together. */
  showPhase(phase: ConnectionPhase): Promise<void>;
  /** A phone's channel opened and its phone spoke: what waited for it goes out. */
  onPhoneReady(pairingId: string): void;
  onPhoneOffline(pairingId: string): void;
  log?(message: string, detail?: unknown): void;
}

interface Machine {
  /** The pairing's requestId; null while it is a new pairing's attempt. */
  key: string | null;
  signaling: Signaling;
  session: PhoneSession;
  /** Unpaired: what it still writes goes nowhere. */
  retired: boolean;
  /** Its channel opened before the link ack named the account: its phone is greeted at adoption. */
  openedUnadopted: boolean;
}

export interface Phones {
  restore(): Promise<void>;
  /**
   * `requestId`: re-link that phone. Otherwise the new pairing's attempt (`fresh`: a new QR), or with
   * neither, the attempt under way, else the first phone's re-scan, else a first pairing.
   */
  startPairing(options: { fresh?: boolean; requestId?: string }): Promise<string>;
  /** Cancels the new pairing: its attempt, or a pairing its link ack saved whose channel never opened. */
  cancelPairing(): Promise<void>;
  /** Unpairs that phone, or with none every phone; resolves with the pairings removed. */
  unpair(requestId?: string): Promise<Pairing[]>;
  /** The link's events go to the machine of the peer they name (document-wide ones to every machine). */
  handlePeerEvent(event: Exclude<PeerEvent, { kind: 'peer/frame' }>): Promise<void>;
  /** A frame from a phone, through its session: the reply to a request and the phone it came from, if any. */
  onPhoneFrame(event: Extract<PeerEvent, { kind: 'peer/frame' }>): Promise<{ pairingId: string; reply: PhoneReply } | null>;
  /** Asks the peer host about every phone we call connected. */
  checkPeers(): Promise<void>;
  /** The state of phone `pairingId` (the first phone for ''), null when it is not paired. */
  state(pairingId: string): ConnectionState | null;
  sendSign(pairingId: string, id: string, txns: WalletTransaction[]): Promise<Reply<Record<string, never>>>;
  sendFrame(pairingId: string, frame: string): Promise<Reply<Record<string, never>>>;
  /** The pairing ids in paired order, as this manager holds them. */
  keys(): string[];
}

const NOT_PAIRED = () => fail(messageError('unavailable', 'That phone is not paired'));
const NO_PEER: PeerStatus = { channel: 'none', connection: 'none' };
const FINISHED: ConnectionPhase[] = ['connected', 'unpaired'];

export function createPhones(deps: PhonesDeps): Phones {
  const log = deps.log ?? ((m: string, d?: unknown) => console.info(`[tandem phones] ${m}`, d ?? ''));
  /** The paired phones' machines, in paired order. */
  const machines = new Map<string, Machine>();
  let attempt: Machine = newMachine(null);
  /** The machine of the last pairing adopted, until its channel opens (the pairing screen follows it). */
  let adopted: Machine | null = null;
  const phoneStates: Record<string, ConnectionState> = {};
  let attemptState: ConnectionState = INITIAL_CONNECTION;
  let shown: ConnectionState | null = null;
  // The manifest's own look is the unpaired one: a start with nothing paired draws nothing.
  let shownPhase: ConnectionPhase = 'unpaired';
  let writes: Promise<unknown> = Promise.resolve();
  const serially = (write: () => Promise<unknown>) => {
    writes = writes.then(write).catch((err) => log('writing state failed', err));
    return writes.then(() => undefined);
  };

  const peerIdOf = (m: Machine) => m.key ?? m.signaling.state().requestId ?? null;

  function newMachine(key: string | null): Machine {
    const m = { key, retired: false, openedUnadopted: false } as Machine;
    const peer = (): HostedPeer | null => {
      const id = peerIdOf(m);
      return id ? deps.peerFor(id) : null;
    };
    m.session = deps.createSession({
      send: (frame) => peer()?.send(frame) ?? Promise.resolve(NOT_PAIRED()),
      pairing: async () => (m.key ? ((await deps.pairings.list()).find((p) => p.requestId === m.key) ?? null) : null),
    });
    m.signaling = deps.createSignaling({
      peer: {
        status: () => peer()?.status() ?? Promise.resolve({ ok: true as const, value: NO_PEER }),
        acceptOffer: (sdp, ice) => peer()?.acceptOffer(sdp, ice) ?? Promise.resolve(NOT_PAIRED()),
        addCandidate: (candidate) => peer()?.addCandidate(candidate) ?? Promise.resolve(NOT_PAIRED()),
        close: () => peer()?.close() ?? Promise.resolve({ ok: true as const, value: {} }),
      },
      loadPairing: async () => (m.key ? ((await deps.pairings.list()).find((p) => p.requestId === m.key) ?? null) : null),
      savePairing: (pairing) => (pairing ? adopt(m, pairing) : removed(m)),
      writeState: (state) => write(m, state),
      readState: async () => {
        if (m.key) return phoneStates[m.key] ?? INITIAL_CONNECTION;
        // An attempt adopted before the worker stopped is its pairing's machine now.
        const paired = new Set((await deps.pairings.list()).map((p) => p.requestId));
        return attemptState.requestId && paired.has(attemptState.requestId) ? INITIAL_CONNECTION : attemptState;
      },
      onChannelOpen: () => {
        if (!m.key) m.openedUnadopted = true;
        else greet(m);
      },
      onChannelClosed: () => {
        m.session.onChannelClosed();
        if (m.key) deps.onPhoneOffline(m.key);
      },
    });
    return m;
  }

  /** The phone speaks first (phone-session.ts); then what waited for it goes out. */
  function greet(m: Machine) {
    void m.session.onChannelOpen().then(() => {
      if (m.key && !m.retired) deps.onPhoneReady(m.key);
    });
  }

  /** The attempt's link ack saved its pairing: the attempt becomes that phone's machine. */
  async function adopt(m: Machine, pairing: Pairing) {
    const replaced = await deps.pairings.put(pairing);
    if (m.key === null) {
      m.key = pairing.requestId;
      machines.set(pairing.requestId, m);
      if (attempt === m) {
        attempt = newMachine(null);
        attemptState = INITIAL_CONNECTION;
        void serially(() => deps.items.attempt.setValue(INITIAL_CONNECTION));
      }
      adopted = m;
      phoneStates[pairing.requestId] = m.signaling.state();
      void serially(() => deps.items.phones.setValue({ ...phoneStates }));
      if (m.openedUnadopted && m.signaling.state().phase === 'connected') greet(m);
    }
    // The same account paired again (a phone that lost its pairing): the old pairing goes.
    for (const old of replaced) {
      const machine = machines.get(old.requestId);
      if (machine && machine !== m) await retire(machine, { unpair: true });
    }
    await project();
  }

  /** The machine saved "no pairing" (it unpaired, or its new pairing was cancelled before the channel opened). */
  async function removed(m: Machine) {
    if (m.key) await deps.pairings.remove(m.key);
  }

  async function retire(m: Machine, options: { unpair: boolean }) {
    if (options.unpair) await m.signaling.unpair();
    m.retired = true;
    m.signaling.dispose();
    if (m.key) {
      machines.delete(m.key);
      delete phoneStates[m.key];
    }
    if (adopted === m) adopted = null;
    await serially(() => deps.items.phones.setValue({ ...phoneStates }));
    await project();
  }

  async function write(m: Machine, state: ConnectionState) {
    if (m.retired) return;
    if (m.key) {
      phoneStates[m.key] = state;
      if (adopted === m && FINISHED.includes(state.phase)) adopted = null;
      await serially(() => deps.items.phones.setValue({ ...phoneStates }));
    } else {
      attemptState = state;
      await serially(() => deps.items.attempt.setValue(state));
    }
    await project();
  }

  /** The pairing screen's state (see the file's comment). */
  function focus(): ConnectionState {
    const live = attempt.signaling.state();
    if (live.phase !== 'unpaired' || machines.size === 0) return live;
    if (adopted && !adopted.retired) return adopted.signaling.state();
    const first = machines.values().next().value as Machine;
    return first.signaling.state();
  }

  /** The toolbar: one phone's phase, or with several, connected only when every phone is. */
  function toolbarPhase(state: ConnectionState): ConnectionPhase {
    if (machines.size < 2) return state.phase;
    return [...machines.values()].every((m) => m.signaling.state().phase === 'connected') ? 'connected' : 'phone-offline';
  }

  async function project() {
    const state = focus();
    if (state !== shown) {
      shown = state;
      await serially(() => deps.items.connection.setValue(state));
    }
    const phase = toolbarPhase(state);
    if (phase !== shownPhase) {
      shownPhase = phase;
      // A failure to draw the toolbar never holds up the state.
      void deps.showPhase(phase).catch(() => undefined);
    }
  }

  const machineFor = (pairingId: string): Machine | undefined => (pairingId ? machines.get(pairingId) : machines.values().next().value);

  return {
    async restore() {
      const [pairings, saved, savedAttempt] = await Promise.all([deps.pairings.list(), deps.items.phones.getValue(), deps.items.attempt.getValue()]);
      for (const p of pairings) {
        if (saved[p.requestId]) phoneStates[p.requestId] = saved[p.requestId]!;
        machines.set(p.requestId, newMachine(p.requestId));
      }
      attemptState = savedAttempt;
      await Promise.all([...machines.values()].map((m) => m.signaling.restore()));
      await attempt.signaling.restore();
      // States of phones unpaired while the worker was away go with them.
      if (Object.keys(saved).some((key) => !machines.has(key))) await serially(() => deps.items.phones.setValue({ ...phoneStates }));
      await project();
    },

    async startPairing({ fresh, requestId }) {
      if (requestId !== undefined) {
        const m = machines.get(requestId);
        if (!m) throw new Error('That phone is not paired');
        return m.signaling.startPairing();
      }
      const underWay = attempt.signaling.state().phase !== 'unpaired';
      const first = machines.values().next().value as Machine | undefined;
      if (!fresh && !underWay && first) return first.signaling.startPairing();
      return attempt.signaling.startPairing({ fresh });
    },

    async cancelPairing() {
      if (attempt.signaling.state().phase !== 'unpaired') {
        await attempt.signaling.cancelPairing();
        // An attempt that already failed (its QR ran out, the server refused) has nothing left to
        // cancel: a new idle machine takes its place, so the pairing screen goes back to the phones.
        if (attempt.signaling.state().phase !== 'unpaired') {
          attempt.retired = true;
          attempt.signaling.dispose();
          attempt = newMachine(null);
          attemptState = INITIAL_CONNECTION;
          await serially(() => deps.items.attempt.setValue(INITIAL_CONNECTION));
        }
        await project();
        return;
      }
      // The link ack saved the pairing, but its channel never opened: that phone is not paired.
      const pending = adopted;
      if (pending?.key && pending.signaling.state().phase !== 'connected') await retire(pending, { unpair: true });
    },

    async unpair(requestId) {
      const before = await deps.pairings.list();
      const targets = requestId === undefined ? [...machines.values()] : [machines.get(requestId)].filter((m): m is Machine => m !== undefined);
      if (requestId === undefined && attempt.signaling.state().phase !== 'unpaired') await attempt.signaling.cancelPairing();
      for (const m of targets) await retire(m, { unpair: true });
      const kept = new Set((await deps.pairings.list()).map((p) => p.requestId));
      return before.filter((p) => !kept.has(p.requestId));
    },

    async handlePeerEvent(event) {
      const id = peerOfEvent(event);
      const all = [...machines.values(), attempt];
      const targets = id === null ? all : all.filter((m) => peerIdOf(m) === id);
      for (const m of targets) await m.signaling.handlePeerEvent(event);
    },

    async onPhoneFrame(event) {
      if (event.payload.kind !== 'envelope') return null;
      const m = [...machines.values(), attempt].find((candidate) => peerIdOf(candidate) === event.payload.peerId);
      if (!m) return null;
      const reply = await m.session.onPhoneFrame(event.payload.value);
      return reply && m.key ? { pairingId: m.key, reply } : null;
    },

    async checkPeers() {
      await Promise.all([...machines.values(), attempt].map((m) => m.signaling.checkPeer()));
    },

    state: (pairingId) => machineFor(pairingId)?.signaling.state() ?? null,

    sendSign(pairingId, id, txns) {
      const m = machineFor(pairingId);
      return m ? m.session.sendSign(id, txns) : Promise.resolve(NOT_PAIRED());
    },

    sendFrame(pairingId, frame) {
      const m = machineFor(pairingId);
      const id = m ? peerIdOf(m) : null;
      return id ? deps.peerFor(id).send(frame) : Promise.resolve(NOT_PAIRED());
    },

    keys: () => [...machines.keys()],
  };
}
