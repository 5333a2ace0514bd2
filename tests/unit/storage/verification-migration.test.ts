/**
 * The stored proof of possession's versions, each migrated from the exact shape the version before
 * it wrote (lib/storage/migrations.ts), through WXT storage as the extension runs it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const REQUEST_ID = '0190d5a0-1111-7000-8000-000000000003';
const WALLET = 'HZ57J3K46JIJXILONBBZOHX6BKPXEM2VVXNRFSUED6DKFD5ZD24PMJ3MVA';

/** What version 1 stored under `local:pairingVerification`, one value per state, byte for byte the same fields. */
const STORED_V1 = {
  checking: {
    state: 'checking',
    requestId: REQUEST_ID,
    wallet: WALLET,
    challengeId: '0190d5a0-2222-7000-8000-000000000004',
    txn: 'iaNhbXTNA+iiZnbOAAAAAaNnZW6sdGVzdG5ldC12MS4womdoxCBIY7UYpLPITsgQ8i1PEIHLD3HwWaesIN7GL39w5Qk6IqJsds4AAAPpo3JjdsQgPnZPZV55IQvRW3CEM5cNqbF3VJGJ7aBI+hfQ1T/o9Rmjc25kxCA+dk9lXnkhC9FbcIQzlw2psXdUkYntoEj6F9DVP+j1GaR0eXBlo3BheQ==',
    startedAt: 1_766_000_000_000,
  },
  verified: { state: 'verified', requestId: REQUEST_ID, wallet: WALLET, at: 1_766_000_001_000 },
  /** Before the texts were translated, the reason was stored as English text. */
  notVerifiedText: { state: 'not-verified', requestId: REQUEST_ID, wallet: WALLET, at: 1_766_000_002_000, reason: 'the phone did not answer the check' },
  /** Since, a message key and its parameters. */
  notVerifiedMessage: { state: 'not-verified', requestId: REQUEST_ID, wallet: WALLET, at: 1_766_000_003_000, reason: { key: 'verify_refused', params: ['User rejected the request'] } },
  notVerifiedBareMessage: { state: 'not-verified', requestId: REQUEST_ID, wallet: WALLET, at: 1_766_000_004_000, reason: { key: 'verify_no_answer' } },
};

async function freshItems() {
  vi.resetModules();
  return import('@/lib/storage/items');
}

describe('stored proof of possession migrations', () => {
  beforeEach(() => fakeBrowser.reset());

  for (const [name, v1] of Object.entries(STORED_V1)) {
    it(`v1 → v2 (${name}): the value, every field exactly as it was, is the record's one entry under its pairing's requestId`, async () => {
      await fakeBrowser.storage.local.set({ pairingVerification: v1, pairingVerification$: { v: 1 } });
      const { verificationItem } = await freshItems();
      expect(await verificationItem.getValue()).toEqual({ [REQUEST_ID]: v1 });
      expect(await fakeBrowser.storage.local.get(['pairingVerification', 'pairingVerification$'])).toEqual({ pairingVerification: { [REQUEST_ID]: v1 }, pairingVerification$: { v: 2 } });
    });
  }

  it('v1 null (nothing proven) becomes an empty record', async () => {
    await fakeBrowser.storage.local.set({ pairingVerification: null, pairingVerification$: { v: 1 } });
    const { verificationItem } = await freshItems();
    expect(await verificationItem.getValue()).toEqual({});
  });

  it('nothing stored reads as the empty record', async () => {
    const { verificationItem } = await freshItems();
    expect(await verificationItem.getValue()).toEqual({});
  });

  it('the start-up migration (the item’s migrate()) takes a stored v1 value to v2, read back through the item', async () => {
    await fakeBrowser.storage.local.set({ pairingVerification: STORED_V1.verified, pairingVerification$: { v: 1 } });
    const { verificationItem } = await freshItems();
    await verificationItem.migrate();
    expect(await fakeBrowser.storage.local.get('pairingVerification$')).toEqual({ pairingVerification$: { v: 2 } });
    expect(await verificationItem.getValue()).toEqual({ [REQUEST_ID]: STORED_V1.verified });
  });

  it('a stored verification of an unknown shape fails loudly instead of being guessed', async () => {
    const { verificationV1ToV2 } = await import('@/lib/storage/migrations');
    expect(() => verificationV1ToV2({ state: 'verified', wallet: WALLET, at: 1 })).toThrow(/unexpected shape/);
    expect(() => verificationV1ToV2({ ...STORED_V1.verified, state: 'proven' })).toThrow(/unexpected shape/);
    expect(() => verificationV1ToV2({ ...STORED_V1.checking, startedAt: '1766000000000' })).toThrow(/unexpected shape/);
    expect(() => verificationV1ToV2({ ...STORED_V1.notVerifiedText, reason: 7 })).toThrow(/unexpected shape/);
    expect(() => verificationV1ToV2([STORED_V1.verified])).toThrow(/unexpected shape/);
    // Already a v2 record: no version of Tandem wrote that at v1.
    expect(() => verificationV1ToV2({ [REQUEST_ID]: STORED_V1.verified })).toThrow(/unexpected shape/);
  });
});
