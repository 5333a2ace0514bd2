import { describe, expect, it } from 'vitest';
import { createPreferences, type WatchedValue } from '../../../entrypoints/background/preferences';
import { createQueueStore } from '../../../entrypoints/background/queue';
import { createPairingStore } from '../../../entrypoints/background/pairing-store';
import { createSiteSessions } from '../../../entrypoints/background/sites';
import type { Pairing } from '../../../lib/liquid/types';
import type { QueuedRequest, Settings, SiteSession } from '../../../lib/storage/types';
import { MemoryValue } from './fakes';

class WatchedMemory<T> extends MemoryValue<T> implements WatchedValue<T> {
  reads = 0;
  private readonly listeners: (() => void)[] = [];
  override async getValue() {
    this.reads++;
    return this.value;
  }
  watch(callback: () => void) {
    this.listeners.push(callback);
    return () => undefined;
  }
  /** Another writer (a test seeding storage, another extension page) changed the value. */
  changeOutside(value: T) {
    this.value = value;
    for (const l of this.listeners) l();
  }
}

describe('preferences', () => {
  it('reads settings once, not per request, and again after storage changes', async () => {
    const settings = new WatchedMemory<Partial<Settings>>({ highFeeMicroAlgos: 5 });
    const prefs = createPreferences({ settings, blockedOrigins: new WatchedMemory<string[]>([]) });
    for (let i = 0; i < 5; i++) expect((await prefs.settings()).highFeeMicroAlgos).toBe(5);
    expect(settings.reads).toBe(1);
    settings.changeOutside({ highFeeMicroAlgos: 9 });
    expect((await prefs.settings()).highFeeMicroAlgos).toBe(9);
    expect((await prefs.saveSettings({ requestDeadlineMs: 1 })).highFeeMicroAlgos).toBe(9);
    expect(settings.value).toEqual({ highFeeMicroAlgos: 9, requestDeadlineMs: 1 });
  });

  it('blocks and unblocks an origin once, writing only on a change', async () => {
    const blocked = new WatchedMemory<string[]>([]);
    const prefs = createPreferences({ settings: new WatchedMemory<Partial<Settings>>({}), blockedOrigins: blocked });
    await prefs.block('https://a.example');
    await prefs.block('https://a.example');
    expect(blocked.value).toEqual(['https://a.example']);
    expect(blocked.writes).toBe(1);
    await prefs.unblock('https://b.example');
    expect(blocked.writes).toBe(1);
    await prefs.unblock('https://a.example');
    expect(await prefs.blockedOrigins()).toEqual([]);
  });
});

describe('site sessions', () => {
  const session = (origin: string, genesisHash: string): SiteSession => ({ origin, genesisHash, genesisId: 'x', accounts: [], sessionId: `${origin}${genesisHash}`, connectedAt: 0 });

  it('revokes one network or all of an origin, and writes nothing when nothing goes', async () => {
    const item = new MemoryValue<Record<string, SiteSession>>({});
    const sites = createSiteSessions(item);
    await sites.save(session('https://a', 'h1'));
    await sites.save(session('https://a', 'h2'));
    await sites.save(session('https://b', 'h1'));
    const writes = item.writes;
    expect(await sites.revoke('https://c')).toEqual([]);
    expect(item.writes).toBe(writes);
    expect((await sites.revoke('https://a', 'h1')).map((s) => s.genesisHash)).toEqual(['h1']);
    expect((await sites.sessionsFor('https://a')).map((s) => s.genesisHash)).toEqual(['h2']);
    await sites.revokeAll();
    expect(item.value).toEqual({});
  });

  it("takes an unpaired phone's accounts out of every session, ending those left with none, and writes nothing when none held them", async () => {
    const item = new MemoryValue<Record<string, SiteSession>>({});
    const sites = createSiteSessions(item);
    await sites.save({ ...session('https://only-a', 'h'), accounts: ['A1'] });
    await sites.save({ ...session('https://both', 'h'), accounts: ['A1', 'B1', 'A2'] });
    await sites.save({ ...session('https://only-b', 'h'), accounts: ['B1'] });
    await sites.dropAccounts(['A1', 'A2']);
    expect(Object.values(item.value).map((s) => [s.origin, s.accounts])).toEqual([
      ['https://both', ['B1']],
      ['https://only-b', ['B1']],
    ]);
    const writes = item.writes;
    await sites.dropAccounts(['C']);
    expect(item.writes).toBe(writes);
  });
});

describe('queue store', () => {
  it('serializes changes, and decide resolves before its write lands', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const item = new MemoryValue<QueuedRequest[]>([]);
    const slow = { getValue: () => item.getValue(), setValue: async (v: QueuedRequest[]) => (await gate, item.setValue(v)) };
    const store = createQueueStore(slow);
    const entry = { key: 'k', method: 'enable', tabId: 1, frameId: 0, origin: 'o', createdAt: 0, genesisHash: 'h', genesisId: 'g', site: {} } as QueuedRequest;
    const decided = await store.decide((q) => ({ queue: [...q, entry], result: 'decided' }));
    expect(decided).toBe('decided');
    expect(item.value).toEqual([]); // still being written
    const read = store.read();
    release();
    expect(await read).toEqual([entry]);
    expect(item.value).toEqual([entry]);
  });
});

describe('pairing store', () => {
  const pairing = (wallet: string) => ({ server: 's', requestId: 'r', wallet, credId: '', pairedAt: 0, phone: null });
  const site = (origin: string, accounts: string[]): SiteSession => ({ origin, genesisHash: 'h', genesisId: 'g', accounts, sessionId: origin, connectedAt: 0 });

  it('adds each new pairing, and replaces only one of the same account, revoking nothing it still holds', async () => {
    const sitesItem = new MemoryValue<Record<string, SiteSession>>({});
    const sites = createSiteSessions(sitesItem);
    await sites.save(site('https://gets-a', ['A']));
    await sites.save(site('https://gets-b', ['B']));
    const item = new MemoryValue<Pairing[]>([{ ...pairing('A'), requestId: 'r-a' }]);
    const store = createPairingStore(item, sites);
    expect(await store.put({ ...pairing('B'), requestId: 'r-b' })).toEqual([]);
    expect(item.value.map((p) => p.requestId)).toEqual(['r-a', 'r-b']);
    // The same account paired again (its phone lost the pairing): the old one goes, its sites stay.
    expect((await store.put({ ...pairing('A'), requestId: 'r-a2' })).map((p) => p.requestId)).toEqual(['r-a']);
    expect(item.value.map((p) => p.requestId)).toEqual(['r-b', 'r-a2']);
    expect(Object.keys(sitesItem.value)).toHaveLength(2);
  });

  it("revokes the sessions of every account of a replaced connections phone that the new one does not hold", async () => {
    const sitesItem = new MemoryValue<Record<string, SiteSession>>({});
    const sites = createSiteSessions(sitesItem);
    await sites.save(site('https://gets-a', ['A']));
    await sites.save(site('https://gets-b', ['B']));
    const connections = (wallet: string, accounts: string[], requestId: string): Pairing => ({ ...pairing(wallet), requestId, phone: { protocol: 'connections', methods: null, accounts: accounts.map((address) => ({ address })) } });
    const store = createPairingStore(new MemoryValue<Pairing[]>([connections('A', ['A', 'B'], 'r-1')]), sites);
    await store.put(connections('A', ['A'], 'r-2'));
    expect(Object.values(sitesItem.value).map((s) => s.origin)).toEqual(['https://gets-a']);
  });

  it('removes one pairing by its requestId, and a profile lands on its own pairing only', async () => {
    const item = new MemoryValue<Pairing[]>([]);
    const store = createPairingStore(item, createSiteSessions(new MemoryValue<Record<string, SiteSession>>({})));
    expect(await store.load()).toBeNull();
    const first = { ...pairing('A'), requestId: 'r-a' };
    const second = { ...pairing('B'), requestId: 'r-b' };
    await store.put(first);
    await store.put(second);
    expect(await store.load()).toEqual(first);
    await store.saveProfile('r-b', { protocol: 'arc27', methods: ['sign_transactions'], accounts: [] });
    await store.saveProfile('r-gone', { protocol: 'connections', methods: null, accounts: [] });
    expect(item.value).toEqual([first, { ...second, phone: { protocol: 'arc27', methods: ['sign_transactions'], accounts: [] } }]);
    expect(await store.remove('r-a')).toEqual(first);
    expect(await store.remove('r-a')).toBeNull();
    expect((await store.list()).map((p) => p.requestId)).toEqual(['r-b']);
  });
});
