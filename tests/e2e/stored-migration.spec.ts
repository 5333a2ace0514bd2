/**
 * The stored pairing across an update (#16: one pairing becomes a list, `local:pairing` v3). The
 * extension finds what the version before wrote, exactly (a v2 pairing), when its worker next
 * starts: a good one is migrated and its phone reconnects with the same QR; one that cannot be
 * migrated stops start-up, the popup says so, a dApp gets an error, and the stored value stays.
 * Likewise the proof of possession (`local:pairingVerification` v2: one entry per pairing).
 */
import type { Worker } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { killServiceWorker } from './support/browser';
import { DappPage } from './support/dapp-page';
import { PopupPage } from './support/popup-page';
import { pairPhone } from './support/flows';

type StorageApi = { chrome: { storage: { local: { get(k: string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> } } } };

const storeAsBefore = (worker: Worker, items: object) => worker.evaluate((i) => (globalThis as unknown as StorageApi).chrome.storage.local.set(i), items);
const stored = (popup: PopupPage) => popup.page.evaluate(() => (globalThis as unknown as StorageApi).chrome.storage.local.get(['pairing', 'pairing$']));
const storedProof = (popup: PopupPage) => popup.page.evaluate(() => (globalThis as unknown as StorageApi).chrome.storage.local.get(['pairingVerification', 'pairingVerification$']));

test.describe('the stored pairing after an update', () => {
  test('a v2 pairing becomes the first entry of the list, and its phone reconnects with the same QR', async ({ context, extensionId, worker, server, seedSettings }) => {
    await seedSettings({});
    // The phone's passkey and account exist on the server, as they did when the earlier version paired it.
    const { popup: popupBefore, wallet, link: firstLink, address } = await pairPhone(context, extensionId, server);
    const [current] = (await stored(popupBefore)).pairing as object[];
    await popupBefore.close();
    await wallet.disconnect();

    // What v2 wrote: the pairing itself, not a list.
    const v2 = { ...current, phone: null };
    await storeAsBefore(worker, { pairing: v2, pairing$: { v: 2 } });
    await killServiceWorker(context, extensionId);

    const popup = await PopupPage.open(context, extensionId);
    await popup.expectPhase('phone-offline');
    expect(await popup.link()).toBe(firstLink);
    expect(await stored(popup)).toEqual({ pairing: [v2], pairing$: { v: 3 } });
    await wallet.connect(firstLink);
    await popup.expectPhase('connected');
    await expect(popup.walletAddress()).toHaveAttribute('title', address);
  });

  test('a pairing that cannot be migrated stops start-up: the popup says so, a dApp gets an error, nothing is changed', async ({ context, extensionId, worker, server, seedSettings }) => {
    await seedSettings({});
    const corrupt = { server: server.url, requestId: '0190d5a0-1111-7000-8000-000000000009', wallet: 'not an address', credId: '', pairedAt: 1, phone: 'pera' };
    await storeAsBefore(worker, { pairing: corrupt, pairing$: { v: 2 } });
    await killServiceWorker(context, extensionId);

    const popup = await PopupPage.open(context, extensionId);
    await popup.expectFailure('stored-state');
    await expect(popup.failure()).toContainText('could not read its stored pairing');
    await expect(popup.failure()).toContainText('Nothing was changed or deleted');
    // Nothing is offered that could not work: no retry, no other wallet.
    await expect(popup.page.getByTestId('connection-phase')).toHaveText('Tandem stopped');
    await expect(popup.retryButton()).toHaveCount(0);

    const dapp = await DappPage.open(context, `${server.url}/dapp`);
    const outcome = await dapp.enableSilently();
    expect(outcome).toMatchObject({ ok: false, error: { code: 4000 } });
    expect(await stored(popup)).toEqual({ pairing: corrupt, pairing$: { v: 2 } });
  });

  test('a v1 proof of possession becomes its pairing\'s entry: the popup shows it as before, and an unproven pairing is checked again when its phone reconnects', async ({
    context,
    extensionId,
    worker,
    server,
    seedSettings,
  }) => {
    await seedSettings({});
    const { popup: popupBefore, wallet, link } = await pairPhone(context, extensionId, server);
    const [pairing] = (await stored(popupBefore)).pairing as { requestId: string; wallet: string }[];
    await popupBefore.close();
    await wallet.disconnect();

    // What v1 wrote: the one pairing's proof itself, here a failed check from before the texts were translated.
    const v1 = { state: 'not-verified', requestId: pairing!.requestId, wallet: pairing!.wallet, at: 1_766_000_000_000, reason: 'the phone did not answer the check' };
    await storeAsBefore(worker, { pairingVerification: v1, pairingVerification$: { v: 1 } });
    await killServiceWorker(context, extensionId);

    const popup = await PopupPage.open(context, extensionId);
    await popup.expectPhase('phone-offline');
    await popup.expectVerification('not-verified');
    await expect(popup.verification()).toContainText('the phone did not answer the check');
    expect(await storedProof(popup)).toEqual({ pairingVerification: { [pairing!.requestId]: v1 }, pairingVerification$: { v: 2 } });

    await wallet.connect(link);
    await popup.expectPhase('connected');
    await popup.expectVerification('verified');
    expect(Object.keys((await storedProof(popup)).pairingVerification as object)).toEqual([pairing!.requestId]);
  });

  test('a proof of possession that cannot be migrated stops start-up: the popup says so and the stored value stays', async ({ context, extensionId, worker, server, seedSettings }) => {
    await seedSettings({});
    const { popup: popupBefore, wallet } = await pairPhone(context, extensionId, server);
    await popupBefore.close();
    await wallet.disconnect();
    const corrupt = { state: 'proven', requestId: 'r-1', wallet: 'not an address' };
    await storeAsBefore(worker, { pairingVerification: corrupt, pairingVerification$: { v: 1 } });
    await killServiceWorker(context, extensionId);

    const popup = await PopupPage.open(context, extensionId);
    await popup.expectFailure('stored-state');
    await expect(popup.failure()).toContainText('could not read its stored pairingVerification');
    await expect(popup.failure()).toContainText('Nothing was changed or deleted');
    expect(await storedProof(popup)).toEqual({ pairingVerification: corrupt, pairingVerification$: { v: 1 } });
  });
});
