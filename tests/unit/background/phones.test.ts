/**
 * The phones manager (entrypoints/background/phones.ts): one machine per paired phone plus one for a
 * new pairing's attempt, adopted at its link ack; each phone's state under its requestId; the pairing
 * screen's state; unpairing one phone leaves the others alone. The signaling machines are fakes that
 * drive the manager's edges the way lib/liquid/signaling.ts does.
 */
import { describe, expect, it } from 'vitest';
import { createPhones, type MachineEdges, type SessionEdges } from '../../../entrypoints/background/phones';
import type { Signaling } from '../../../lib/liquid/signaling';
import type { ConnectionState, Pairing } from '../../../lib/liquid/types';
import type { PeerEvent } from '../../../lib/messaging/peer-protocol';
import type { HostedPeer } from '../../../lib/peer/peer-host';
import type { PhoneSession } from '../../../entrypoints/background/phone-session';
import { INITIAL_CONNECTION } from '../../../lib/storage/items';
import { ok } from '../../../lib/result';
import { createPairingStore } from '../../../entrypoints/background/pairing-store';
import { createSiteSessions } from '../../../entrypoints/background/sites';
import type { SiteSession } from '../../../lib/storage/types';
import { MemoryValue } from './fakes';

const pairingOf = (requestId: string, wallet: string): Pairing => ({ server: 'http://localhost:3000', requestId, wallet, credId: '', pairedAt: 1, phone: null });

/** A signaling machine as the manager sees it: it writes its state and saves its pairing through its edges. */
class FakeMachine implements Signaling {
  current: ConnectionState = INITIAL_CONNECTION;
  calls: string[] = [];
  constructor(readonly edges: MachineEdges) {}
  set(patch: Partial<ConnectionState>) {
    this.current = { ...this.current, ...patch };
    return this.edges.writeState(this.current);
  }
  async restore() {
    this.calls.push('restore');
    const pairing = await this.edges.loadPairing();
    this.current = await this.edges.readState();
    const open = await this.edges.peer.status();
    if (pairing) await this.set({ phase: open.ok && open.value.channel === 'open' ? 'connected' : 'phone-offline', requestId: pairing.requestId, wallet: pairing.wallet });
  }
  async startPairing(options: { fresh?: boolean } = {}) {
    this.calls.push(options.fresh ? 'start-fresh' : 'start');
    const pairing = await this.edges.loadPairing();
    const requestId = pairing?.requestId ?? `new-${machines.length}`;
    await this.set({ phase: pairing ? 'phone-offline' : 'waiting-for-scan', requestId });
    return requestId;
  }
  async cancelPairing() {
    this.calls.push('cancel');
    // As signaling does: an attempt that failed (its QR ran out) has no attempt left to cancel.
    if (this.current.phase === 'failed') return;
    await this.set({ phase: 'unpaired', requestId: undefined });
  }
  async unpair() {
    this.calls.push('unpair');
    await this.edges.peer.close();
    await this.edges.savePairing(null);
    await this.set({ phase: 'unpaired' });
  }
  /** The server acked the link with this account: the pairing is saved, as link-attempt.ts does. */
  async linkAck(wallet: string) {
    await this.edges.savePairing(pairingOf(this.current.requestId!, wallet));
    await this.set({ phase: 'linked', wallet });
  }
  async channelOpen() {
    await this.set({ phase: 'connected' });
    this.edges.onChannelOpen();
  }
  async channelClosed() {
    await this.set({ phase: 'phone-offline' });
    this.edges.onChannelClosed();
  }
  async handlePeerEvent(event: unknown) {
    this.calls.push(`event:${(event as PeerEvent).kind}`);
  }
  async checkPeer() {
    this.calls.push('check');
  }
  state() {
    return this.current;
  }
  dispose() {
    this.calls.push('dispose');
  }
}

let machines: FakeMachine[] = [];

function setup(stored: Pairing[] = [], open: string[] = []) {
  machines = [];
  const items = { phones: new MemoryValue<Record<string, ConnectionState>>({}), attempt: new MemoryValue<ConnectionState>(INITIAL_CONNECTION), connection: new MemoryValue<ConnectionState>(INITIAL_CONNECTION) };
  const pairingsItem = new MemoryValue<Pairing[]>(stored);
  const sent: { peerId: string; frame: string }[] = [];
  const closed: string[] = [];
  const greeted: string[] = [];
  const ready: string[] = [];
  const offline: string[] = [];
  const toolbar: string[] = [];
  const peerFor = (peerId: string): HostedPeer => ({
    peerId,
    status: async () => ok({ channel: open.includes(peerId) ? 'open' : 'none', connection: 'none' }) as never,
    acceptOffer: async () => ok({ sdp: 'answer' }),
    addCandidate: async () => ok({}),
    send: async (frame) => (sent.push({ peerId, frame }), ok({})),
    close: async () => (closed.push(peerId), ok({})),
  });
  const phones = createPhones({
    createSignaling: (edges) => {
      const m = new FakeMachine(edges);
      machines.push(m);
      return m;
    },
    createSession: (edges: SessionEdges) =>
      ({
        onChannelOpen: async () => void greeted.push((await edges.pairing())?.requestId ?? '?'),
        onChannelClosed: () => undefined,
        sendSign: async (id: string) => edges.send(`sign:${id}`),
        onPhoneFrame: async (value: Record<string, unknown>) => ({ kind: 'reply', requestId: String(value.requestId), stxns: [] }),
      }) as unknown as PhoneSession,
    peerFor,
    pairings: createPairingStore(pairingsItem, createSiteSessions(new MemoryValue<Record<string, SiteSession>>({}))),
    items,
    showPhase: async (phase) => void toolbar.push(phase),
    onPhoneReady: (id) => void ready.push(id),
    onPhoneOffline: (id) => void offline.push(id),
    log: () => undefined,
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { phones, items, pairingsItem, sent, closed, greeted, ready, offline, toolbar, settle };
}

/** Pairs a first phone and then another through "pair another phone"; both connected. */
async function twoPaired() {
  const t = setup();
  await t.phones.restore();
  await t.phones.startPairing({ fresh: true });
  const a = machines[0]!;
  await a.linkAck('ALICE');
  await a.channelOpen();
  a.calls = [];
  await t.phones.startPairing({ fresh: true });
  const b = machines[1]!;
  await b.linkAck('BOB');
  await b.channelOpen();
  await t.settle();
  // From here on, what each machine is asked to do (A's calls since it connected are kept: none).
  for (const m of machines) if (m !== a) m.calls = [];
  return { ...t, a, b };
}

describe('phones manager', () => {
  it("adopts the attempt's machine as the phone's at the link ack, and pairs another phone on a new machine without touching the first", async () => {
    const { a, b, pairingsItem, items, ready, greeted, phones } = await twoPaired();
    expect(machines).toHaveLength(3); // A's, B's, and the idle attempt's
    expect(pairingsItem.value.map((p) => p.wallet)).toEqual(['ALICE', 'BOB']);
    expect(Object.keys(items.phones.value)).toEqual([a.current.requestId, b.current.requestId]);
    expect(Object.values(items.phones.value).map((s) => s.phase)).toEqual(['connected', 'connected']);
    expect(a.calls).toEqual([]); // pairing B never restarted, cancelled or unpaired A
    expect(greeted).toEqual([a.current.requestId, b.current.requestId]);
    expect(ready).toEqual([a.current.requestId, b.current.requestId]);
    expect(items.attempt.value).toEqual(INITIAL_CONNECTION);
    expect(phones.keys()).toEqual([a.current.requestId, b.current.requestId]);
  });

  it('shows the attempt on the pairing screen while one is under way, and the first phone once it is cancelled', async () => {
    const { phones, items, a } = await twoPaired();
    expect(items.connection.value).toMatchObject({ requestId: a.current.requestId, phase: 'connected' });
    await phones.startPairing({ fresh: true });
    expect(items.connection.value).toMatchObject({ phase: 'waiting-for-scan', requestId: machines[2]!.current.requestId });
    await phones.cancelPairing();
    expect(items.connection.value).toMatchObject({ requestId: a.current.requestId, phase: 'connected' });
  });

  it('cancelling a new pairing that failed puts a fresh idle attempt in its place, and the pairing screen goes back to the first phone', async () => {
    const { phones, items, a } = await twoPaired();
    await phones.startPairing({ fresh: true });
    const failed = machines[2]!;
    await failed.set({ phase: 'failed', failure: { reason: 'link-timeout', message: 'ran out' } });
    expect(items.connection.value).toMatchObject({ phase: 'failed' });
    await phones.cancelPairing();
    expect(failed.calls).toEqual(['start-fresh', 'cancel', 'dispose']);
    expect(items.connection.value).toMatchObject({ requestId: a.current.requestId, phase: 'connected' });
    expect(items.attempt.value).toEqual(INITIAL_CONNECTION);
    await phones.startPairing({ fresh: true });
    expect(machines).toHaveLength(4);
    expect(machines[3]!.calls).toEqual(['start-fresh']);
  });

  it('follows a new pairing on the pairing screen until its channel opens, and cancelling it then unpairs it alone', async () => {
    const t = setup();
    await t.phones.restore();
    await t.phones.startPairing({ fresh: true });
    await machines[0]!.linkAck('ALICE');
    await machines[0]!.channelOpen();
    await t.phones.startPairing({ fresh: true });
    const b = machines[1]!;
    await b.linkAck('BOB');
    expect(t.items.connection.value).toMatchObject({ phase: 'linked', wallet: 'BOB' });
    await t.phones.cancelPairing();
    expect(b.calls).toContain('unpair');
    expect(machines[0]!.calls).toEqual(['restore', 'start-fresh']);
    expect(t.pairingsItem.value.map((p) => p.wallet)).toEqual(['ALICE']);
    expect(t.items.connection.value).toMatchObject({ phase: 'connected', wallet: 'ALICE' });
  });

  it('unpairs one phone: its machine unpairs and goes, the other phone, its state and its pairing stay', async () => {
    const { phones, a, b, pairingsItem, items, closed } = await twoPaired();
    const gone = await phones.unpair(a.current.requestId!);
    expect(gone.map((p) => p.wallet)).toEqual(['ALICE']);
    expect(a.calls).toEqual(['unpair', 'dispose']);
    expect(b.calls).toEqual([]);
    expect(closed).toEqual([a.current.requestId]);
    expect(pairingsItem.value.map((p) => p.wallet)).toEqual(['BOB']);
    expect(Object.keys(items.phones.value)).toEqual([b.current.requestId]);
    expect(items.connection.value).toMatchObject({ requestId: b.current.requestId, phase: 'connected' });
    expect(phones.state(a.current.requestId!)).toBeNull();
  });

  it('unpairs every phone when none is named', async () => {
    const { phones, a, b, pairingsItem, items } = await twoPaired();
    expect((await phones.unpair()).map((p) => p.wallet)).toEqual(['ALICE', 'BOB']);
    expect(a.calls).toContain('unpair');
    expect(b.calls).toContain('unpair');
    expect(pairingsItem.value).toEqual([]);
    expect(items.phones.value).toEqual({});
    expect(items.connection.value.phase).toBe('unpaired');
  });

  it("re-links only the phone named; each phone's peer is its pairing's requestId, for commands and for events", async () => {
    const { phones, a, b, sent } = await twoPaired();
    await phones.startPairing({ requestId: b.current.requestId! });
    expect(b.calls).toEqual(['start']);
    expect(a.calls).toEqual([]);
    await phones.sendSign(b.current.requestId!, 'x', []);
    await phones.sendFrame(a.current.requestId!, 'frame');
    await phones.sendSign('', 'first', []);
    expect(sent).toEqual([
      { peerId: b.current.requestId!, frame: 'sign:x' },
      { peerId: a.current.requestId!, frame: 'frame' },
      { peerId: a.current.requestId!, frame: 'sign:first' },
    ]);
    expect(await phones.sendSign('r-unknown', 'y', [])).toMatchObject({ ok: false });
    await phones.handlePeerEvent({ kind: 'peer/channel', payload: { peerId: a.current.requestId!, state: 'closed' } });
    expect(a.calls).toEqual(['event:peer/channel']);
    expect(b.calls).toEqual(['start']);
    const answered = await phones.onPhoneFrame({ kind: 'peer/frame', payload: { peerId: b.current.requestId!, kind: 'envelope', value: { requestId: 'q' } } });
    expect(answered).toMatchObject({ pairingId: b.current.requestId, reply: { requestId: 'q' } });
  });

  it("tells the requests which phone went offline, and the toolbar shows offline while any phone is", async () => {
    const { a, offline, toolbar, settle } = await twoPaired();
    expect(toolbar.at(-1)).toBe('connected');
    await a.channelClosed();
    await settle();
    expect(offline).toEqual([a.current.requestId]);
    expect(toolbar.at(-1)).toBe('phone-offline');
  });

  it('restores a machine per stored pairing after a worker restart, each with its own channel', async () => {
    const stored = [pairingOf('r-a', 'ALICE'), pairingOf('r-b', 'BOB')];
    const t = setup(stored, ['r-b']);
    await t.phones.restore();
    expect(machines.map((m) => m.calls)).toEqual([['restore'], ['restore'], ['restore']]);
    expect(t.items.phones.value).toEqual({ 'r-a': expect.objectContaining({ phase: 'phone-offline' }), 'r-b': expect.objectContaining({ phase: 'connected' }) });
    expect(t.items.connection.value).toMatchObject({ requestId: 'r-a', phase: 'phone-offline' });
  });

  it("a new pairing of an account already paired replaces that phone's pairing and machine", async () => {
    const { phones, a, pairingsItem } = await twoPaired();
    await phones.startPairing({ fresh: true });
    const again = machines[2]!;
    await again.linkAck('ALICE');
    expect(a.calls).toEqual(['unpair', 'dispose']);
    expect(pairingsItem.value.map((p) => [p.wallet, p.requestId])).toEqual([
      ['BOB', machines[1]!.current.requestId],
      ['ALICE', again.current.requestId],
    ]);
  });
});
