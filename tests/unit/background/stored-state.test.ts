/**
 * A stored value that cannot be migrated stops the background's start-up loudly and changes
 * nothing (entrypoints/background/stored-state.ts), through WXT storage as the extension runs it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { migrateStoredState, StoredStateError } from '../../../entrypoints/background/stored-state';

/** A v2 pairing whose phone profile is not an object: no version of Tandem wrote it. */
const CORRUPT_V2 = { server: 'http://localhost:3000', requestId: 'r-1', wallet: 'A', credId: '', pairedAt: 1, phone: 'pera' };

async function freshItems() {
  vi.resetModules();
  return import('@/lib/storage/items');
}

describe('start-up migrations', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it('migrates the stored pairing to the list before anything reads it', async () => {
    const v2 = { ...CORRUPT_V2, phone: null };
    await fakeBrowser.storage.local.set({ pairing: v2, pairing$: { v: 2 } });
    const { pairingsItem } = await freshItems();
    const report = vi.fn(async () => undefined);
    await migrateStoredState([pairingsItem], report);
    expect(report).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(['pairing', 'pairing$'])).toEqual({ pairing: [v2], pairing$: { v: 3 } });
  });

  it('a pairing that cannot be migrated stops start-up: the failure is reported and logged, and the stored value is left exactly as it was', async () => {
    await fakeBrowser.storage.local.set({ pairing: CORRUPT_V2, pairing$: { v: 2 } });
    const { pairingsItem } = await freshItems();
    const report = vi.fn(async () => undefined);
    const started = migrateStoredState([pairingsItem], report);
    await expect(started).rejects.toBeInstanceOf(StoredStateError);
    await expect(started).rejects.toThrow(/pairing/);
    expect(report).toHaveBeenCalledWith({ phase: 'failed', failure: { reason: 'stored-state', message: expect.stringContaining('unexpected shape') } });
    expect(console.error).toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(['pairing', 'pairing$'])).toEqual({ pairing: CORRUPT_V2, pairing$: { v: 2 } });
  });

  it('migrates the stored proof of possession to its record by requestId, after the pairing', async () => {
    const verified = { state: 'verified', requestId: 'r-1', wallet: 'A', at: 2 };
    await fakeBrowser.storage.local.set({ pairing: { ...CORRUPT_V2, phone: null }, pairing$: { v: 2 }, pairingVerification: verified, pairingVerification$: { v: 1 } });
    const { pairingsItem, verificationItem } = await freshItems();
    const report = vi.fn(async () => undefined);
    await migrateStoredState([pairingsItem, verificationItem], report);
    expect(report).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(['pairingVerification', 'pairingVerification$'])).toEqual({ pairingVerification: { 'r-1': verified }, pairingVerification$: { v: 2 } });
  });

  it('a stored proof of possession that cannot be migrated stops start-up and is left exactly as it was', async () => {
    const corrupt = { state: 'verified', requestId: 'r-1', wallet: 'A' };
    await fakeBrowser.storage.local.set({ pairingVerification: corrupt, pairingVerification$: { v: 1 } });
    const { pairingsItem, verificationItem } = await freshItems();
    const report = vi.fn(async () => undefined);
    const started = migrateStoredState([pairingsItem, verificationItem], report);
    await expect(started).rejects.toBeInstanceOf(StoredStateError);
    await expect(started).rejects.toThrow(/pairingVerification/);
    expect(report).toHaveBeenCalledWith({ phase: 'failed', failure: { reason: 'stored-state', message: expect.stringContaining('unexpected shape') } });
    expect(await fakeBrowser.storage.local.get(['pairingVerification', 'pairingVerification$'])).toEqual({ pairingVerification: corrupt, pairingVerification$: { v: 1 } });
  });

  it('a report that fails does not hide the migration failure', async () => {
    const item = { key: 'local:pairing', migrate: async () => Promise.reject(new Error('v3 migration failed')) };
    await expect(migrateStoredState([item], async () => Promise.reject(new Error('storage full')))).rejects.toThrow(/v3 migration failed/);
  });
});
