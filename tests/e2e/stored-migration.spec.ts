/**
 * The stored pairing across an update (#16: one pairing becomes a list, `local:pairing` v3). The
 * extension finds what the version before wrote, exactly (a v2 pairing), when its worker next
 * starts: a good one is migrated and its phone reconnects with the same QR; one that cannot be
 * migrated stops start-up, the popup says so, a dApp gets an error, and the stored value stays.
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
});
