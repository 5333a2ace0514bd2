/**
 * The stored pairing's versions, each migrated from the exact shape the version before it wrote
 * (lib/storage/migrations.ts), through WXT storage as the extension runs it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** What version 1 (issues #1–#17) stored under `local:pairing`, byte for byte the same fields. */
const STORED_V1 = {
  server: 'http://localhost:3000',
  requestId: '0190d5a0-1111-7000-8000-000000000001',
  wallet: 'HZ57J3K46JIJXILONBBZOHX6BKPXEM2VVXNRFSUED6DKFD5ZD24PMJ3MVA',
  credId: 'cred-1',
  pairedAt: 1_760_000_000_000,
};

async function freshItems() {
  vi.resetModules();
  return import('@/lib/storage/items');
}

describe('stored pairing migrations', () => {
  beforeEach(() => fakeBrowser.reset());

  it('v1 → v2: the pairing keeps every field and gains an unknown phone profile', async () => {
    await fakeBrowser.storage.local.set({ pairing: STORED_V1, pairing$: { v: 1 } });
    const { pairingItem } = await freshItems();
    expect(await pairingItem.getValue()).toEqual({ ...STORED_V1, phone: null });
    expect(await fakeBrowser.storage.local.get('pairing$')).toEqual({ pairing$: { v: 2 } });
  });

  it('a v1 value written before WXT kept versions (no metadata) migrates the same way', async () => {
    await fakeBrowser.storage.local.set({ pairing: STORED_V1 });
    const { pairingItem } = await freshItems();
    expect(await pairingItem.getValue()).toEqual({ ...STORED_V1, phone: null });
  });

  it('no pairing stays no pairing', async () => {
    await fakeBrowser.storage.local.set({ pairing$: { v: 1 } });
    const { pairingItem } = await freshItems();
    expect(await pairingItem.getValue()).toBeNull();
  });

  it('a stored pairing of an unknown shape fails loudly instead of being guessed', async () => {
    const { pairingV1ToV2 } = await import('@/lib/storage/migrations');
    expect(() => pairingV1ToV2({ server: 'x', wallet: 7 })).toThrow(/unexpected shape/);
  });
});
