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

  it('revokes the sessions of a replaced account, and only those', async () => {
    const sitesItem = new MemoryValue<Record<string, SiteSession>>({});
    const sites = createSiteSessions(sitesItem);
    await sites.save(site('https://old', ['A']));
    await sites.save(site('https://other', ['B']));
    const store = createPairingStore(new MemoryValue<Pairing[]>([pairing('A')]), sites);
    await store.save(pairing('A')); // the same account again (a re-pair): nothing revoked
    expect(Object.keys(sitesItem.value)).toHaveLength(2);
    await store.save(pairing('C'));
    expect(Object.values(sitesItem.value).map((s) => s.origin)).toEqual(['https://other']);
    await store.save(null); // unpair revokes through its own path (popup-handlers)
    expect(Object.values(sitesItem.value).map((s) => s.origin)).toEqual(['https://other']);
  });

  it("revokes the sessions of every account of a replaced connections phone that the new one does not hold", async () => {
    const sitesItem = new MemoryValue<Record<string, SiteSession>>({});
    const sites = createSiteSessions(sitesItem);
    await sites.save(site('https://gets-b', ['B']));
    await sites.save(site('https://gets-c', ['C']));
    const connections = (wallet: string, accounts: string[]): Pairing => ({ ...pairing(wallet), phone: { protocol: 'connections', methods: null, accounts: accounts.map((address) => ({ address })) } });
    const store = createPairingStore(new MemoryValue<Pairing[]>([connections('A', ['A', 'B'])]), sites);
    await store.save(connections('C', ['C']));
    expect(Object.values(sitesItem.value).map((s) => s.origin)).toEqual(['https://gets-c']);
  });

  it('keeps the pairings as a list: a new pairing replaces it, unpair empties it, a profile lands on its own pairing only', async () => {
    const item = new MemoryValue<Pairing[]>([]);
    const saved: (Pairing | null)[] = [];
    const store = createPairingStore(item, createSiteSessions(new MemoryValue<Record<string, SiteSession>>({})), (p) => saved.push(p));
    expect(await store.load()).toBeNull();
    const first = { ...pairing('A'), requestId: 'r-a' };
    await store.save(first);
    expect(item.value).toEqual([first]);
    expect(await store.load()).toEqual(first);
    await store.saveProfile('r-a', { protocol: 'arc27', methods: ['sign_transactions'], accounts: [] });
    await store.saveProfile('r-gone', { protocol: 'connections', methods: null, accounts: [] });
    expect(item.value).toEqual([{ ...first, phone: { protocol: 'arc27', methods: ['sign_transactions'], accounts: [] } }]);
    await store.save(null);
    expect(item.value).toEqual([]);
    expect(await store.list()).toEqual([]);
    expect(saved).toEqual([first, null]);
  });
});
