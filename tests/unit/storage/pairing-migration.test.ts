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

/** What version 2 (issues #1–#15) stored under `local:pairing`: one pairing, with what its phone said. */
const STORED_V2 = {
  server: 'http://localhost:3000',
  requestId: '0190d5a0-1111-7000-8000-000000000002',
  wallet: 'HZ57J3K46JIJXILONBBZOHX6BKPXEM2VVXNRFSUED6DKFD5ZD24PMJ3MVA',
  credId: 'cred-2',
  pairedAt: 1_765_000_000_000,
  phone: {
    protocol: 'connections',
    methods: ['sign_transactions', 'sign_data'],
    accounts: [{ address: 'HZ57J3K46JIJXILONBBZOHX6BKPXEM2VVXNRFSUED6DKFD5ZD24PMJ3MVA', name: 'Main' }, { address: 'GD64YIY3TWGDMCNPP553DZPPR6LDUSFQOIJVFDPPXWEG3FVOJCCDBBHU5A' }],
    name: 'Pera',
  },
};

async function freshItems() {
  vi.resetModules();
  return import('@/lib/storage/items');
}

describe('stored pairing migrations', () => {
  beforeEach(() => fakeBrowser.reset());

  it('v1 → v2: the pairing keeps every field and gains an unknown phone profile', async () => {
    const { pairingV1ToV2 } = await import('@/lib/storage/migrations');
    expect(pairingV1ToV2(STORED_V1)).toEqual({ ...STORED_V1, phone: null });
  });

  it('v1 → v3 through v2: the pairing, with an unknown phone profile, is the only entry of the list', async () => {
    await fakeBrowser.storage.local.set({ pairing: STORED_V1, pairing$: { v: 1 } });
    const { pairingsItem } = await freshItems();
    expect(await pairingsItem.getValue()).toEqual([{ ...STORED_V1, phone: null }]);
    expect(await fakeBrowser.storage.local.get('pairing$')).toEqual({ pairing$: { v: 3 } });
  });

  it('a v1 value written before WXT kept versions (no metadata) migrates the same way', async () => {
    await fakeBrowser.storage.local.set({ pairing: STORED_V1 });
    const { pairingsItem } = await freshItems();
    expect(await pairingsItem.getValue()).toEqual([{ ...STORED_V1, phone: null }]);
  });

  it('v2 → v3: the stored pairing becomes the first entry of the list, every field (the phone profile too) exactly as it was', async () => {
    await fakeBrowser.storage.local.set({ pairing: STORED_V2, pairing$: { v: 2 } });
    const { pairingsItem } = await freshItems();
    expect(await pairingsItem.getValue()).toEqual([STORED_V2]);
    expect(await fakeBrowser.storage.local.get('pairing$')).toEqual({ pairing$: { v: 3 } });
  });

  it('v2 → v3: a pairing whose phone never answered (profile null) migrates too', async () => {
    const v2 = { ...STORED_V2, phone: null };
    await fakeBrowser.storage.local.set({ pairing: v2, pairing$: { v: 2 } });
    const { pairingsItem } = await freshItems();
    expect(await pairingsItem.getValue()).toEqual([v2]);
  });

  it('no pairing stays no pairing: an empty list', async () => {
    await fakeBrowser.storage.local.set({ pairing$: { v: 2 } });
    const { pairingsItem } = await freshItems();
    expect(await pairingsItem.getValue()).toEqual([]);
  });

  it('a stored pairing of an unknown shape fails loudly instead of being guessed', async () => {
    const { pairingV1ToV2, pairingV2ToV3 } = await import('@/lib/storage/migrations');
    expect(() => pairingV1ToV2({ server: 'x', wallet: 7 })).toThrow(/unexpected shape/);
    expect(() => pairingV2ToV3({ ...STORED_V2, phone: 'pera' })).toThrow(/unexpected shape/);
    expect(() => pairingV2ToV3([STORED_V2])).toThrow(/unexpected shape/);
  });
});
