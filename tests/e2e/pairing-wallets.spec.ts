/**
 * The wallet step (issue #18): "Pair your phone" asks which wallet app the phone has, and the new
 * pairing goes through that app's server. Two dev servers run: the fixture's on localhost (Settings'
 * server, what the step starts on) and a second one on wallet-b.localhost (cookies ignore ports, so
 * it needs another host name; Chromium resolves *.localhost to loopback, and the development build
 * grants http://*.localhost). Each server logs what reaches it, so the test can show that the
 * pairing, signing, a re-scan and unpair all reach the chosen server and never the other.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { connectDapp } from './support/flows';
import { PopupPage } from './support/popup-page';
import { startTestServer, type TestServer } from './support/server';
import { signWithApproval, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';
import { WalletPage } from './support/wallet-page';

/** What reached a server, without its own start-up line. */
const traffic = (server: TestServer) => server.log.filter((line) => !line.startsWith('listening on'));
const count = (server: TestServer, pattern: RegExp) => traffic(server).filter((line) => pattern.test(line)).length;

/** What the browser's permission prompt answers, for this extension page (Playwright cannot click the prompt). */
async function answerPermissionPrompts(page: Page, granted: boolean) {
  await page.evaluate((answer) => {
    const api = (globalThis as unknown as { browser: { permissions: { request: unknown } } }).browser.permissions;
    Object.defineProperty(api, 'request', { configurable: true, value: async () => answer });
  }, granted);
}

async function storedValue(popup: PopupPage, key: string): Promise<unknown> {
  return popup.page.evaluate(async (k) => (await (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(k))[k], key);
}

test.describe('pairing through the wallet app\'s own server', () => {
  let serverB: TestServer;
  test.beforeEach(async () => {
    serverB = await startTestServer({ hostName: 'wallet-b.localhost' });
  });
  test.afterEach(async () => {
    await serverB.dispose();
  });

  test('pairs through another server chosen in the wallet step; signing, a re-scan and unpair reach only that server', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const popup = await PopupPage.open(context, extensionId);
    await popup.openWalletStep();
    // Nothing chosen yet: the step starts on Settings' server (the fixture's), as "another server…".
    await expect(popup.walletOption('other')).toBeChecked();
    await popup.chooseOtherServer(serverB.url);
    const link = await popup.link();
    expect(link).toMatch(new RegExp(`^liquid://wallet-b\\.localhost:${serverB.port}/\\?requestId=`));

    // The phone is the dev wallet served by server B (a phone's passkeys belong to its server).
    const wallet = await WalletPage.open(context, serverB.url);
    await wallet.connect(link);
    await popup.expectPhase('connected');
    await popup.expectVerification('verified');
    const address = await wallet.address();
    expect(await storedValue(popup, 'pairing')).toMatchObject([{ server: serverB.url, wallet: address }]);
    expect(await storedValue(popup, 'walletChoice')).toEqual({ walletId: 'other', server: serverB.url });
    expect(count(serverB, /^GET \/auth\/session/)).toBeGreaterThanOrEqual(1);
    expect(count(serverB, /waiting for auth with request/)).toBe(1);

    // Signing: a dApp (also served by B, so nothing else touches the fixture's server) gets a verified signature.
    const { dapp } = await connectDapp(context, extensionId, `${serverB.url}/dapp`);
    const txn = await dapp.buildPayment(address, { note: 'through wallet-b' });
    const { outcome } = await signWithApproval(context, extensionId, dapp, [{ txn }]);
    verifySignedTxn(stxnsOf(outcome)[0]!, txn, address);

    // A re-scan: the phone leaves, the popup shows the same QR (server B's), the phone scans it again.
    await wallet.disconnect();
    await popup.expectPhase('phone-offline');
    expect(await popup.link()).toBe(link);
    // The same QR shows at once; Tandem's socket to B waits for the phone again a moment later. A phone
    // scanning before that loses its first offer (liquid-protocol.md §3): scan once it waits, as a person would.
    const requestId = new URL(link.replace(/^liquid:/, 'http:')).searchParams.get('requestId')!;
    await expect.poll(() => serverB.linksWaiting(requestId)).toBeGreaterThan(0);
    await wallet.connect(link);
    await popup.expectPhase('connected');
    expect(count(serverB, /waiting for auth with request/)).toBe(2);

    // Unpair logs out on server B.
    await popup.unpair();
    await popup.expectPhase('unpaired');
    await expect.poll(() => count(serverB, /^GET \/auth\/logout/)).toBe(1);

    // Nothing of this ever reached the fixture's server (Settings' server, where the step started).
    expect(traffic(server)).toEqual([]);
  });

  test('remembers the chosen wallet for the next pairing, and pairs a listed wallet through its own server', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const popup = await PopupPage.open(context, extensionId);
    await popup.openWalletStep();
    // Biatec Wallet is in the shipped list, so its host permission came with the extension: no prompt.
    await expect(popup.walletStep()).toContainText('Biatec Wallet');
    await expect(popup.walletStep()).toContainText('unverified');
    await popup.chooseWallet('biatec');
    // The attempt is on Biatec's server, which the test browser cannot reach (it resolves only loopback names).
    await popup.expectFailure('server-unreachable');
    await expect(popup.failure()).toContainText('Cannot reach the Liquid Auth server at https://liquid.biatec.io');
    expect(await storedValue(popup, 'walletChoice')).toEqual({ walletId: 'biatec', server: 'https://liquid.biatec.io' });
    await popup.close();

    // A new popup starts on the remembered wallet (here from the failed pairing's "Choose another wallet").
    const reopened = await PopupPage.open(context, extensionId);
    await reopened.page.getByTestId('choose-wallet').click();
    await expect(reopened.walletOption('biatec')).toBeChecked();

    // "Another server…" is remembered with its URL, and the next pairing uses it.
    await reopened.chooseOtherServer(serverB.url);
    // The failed Biatec attempt's QR can show for a moment, until the new attempt's state arrives.
    await expect(reopened.pairingLink()).toContainText(`liquid://wallet-b.localhost:${serverB.port}/`);
    await reopened.cancelPairing();
    await reopened.close();
    const third = await PopupPage.open(context, extensionId);
    await third.openWalletStep();
    await expect(third.walletOption('other')).toBeChecked();
    await expect(third.page.getByTestId('other-server')).toHaveValue(serverB.url);
    expect(traffic(server)).toEqual([]);
  });

  test('a refused host permission shows no QR and says what it means', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const popup = await PopupPage.open(context, extensionId);

    // A wallet app the user added (its https server is not in the manifest, so the browser would prompt).
    await popup.openSettings();
    await popup.addWallet('Wallet D', 'https://liquid.example.org');
    await popup.closeSettings();

    // The user says no to the browser's prompt for an https server.
    await answerPermissionPrompts(popup.page, false);
    await popup.openWalletStep();
    await popup.chooseOtherServer('https://liquid.example.test');
    await expect(popup.walletMessage()).toContainText('Tandem was not allowed to connect to the server liquid.example.test');
    await expect(popup.walletMessage()).toContainText('a wallet app pairs only through its own server');
    // A wallet app with a name is named.
    await popup.walletStep().getByRole('radio', { name: /Wallet D/ }).check();
    await popup.page.getByTestId('wallet-continue').click();
    await expect(popup.walletMessage()).toContainText("not allowed to connect to Wallet D's Liquid Auth server (liquid.example.org)");
    await expect(popup.walletStep()).toBeVisible();
    await expect(popup.qrCode()).toHaveCount(0);
    expect(await storedValue(popup, 'pairing')).toBeUndefined();

    // A plain-http server on another machine can never be granted (the manifest has no such host): the real browser refuses it.
    const fresh = await PopupPage.open(context, extensionId);
    await fresh.openWalletStep();
    await fresh.chooseOtherServer('http://lan.example.test:3000');
    await expect(fresh.walletMessage()).toContainText('Tandem can pair only through an https server, and http://lan.example.test:3000 is not one.');
    await expect(fresh.qrCode()).toHaveCount(0);
    expect(traffic(server)).toEqual([]);
  });

  test('the background refuses a remembered server whose permission is gone, before any request to it', async ({ context, extensionId, worker, seedSettings }) => {
    await seedSettings({});
    // A choice remembered earlier (the user has since removed the site access, or the popup closed during the prompt).
    await worker.evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({
        walletChoice: { walletId: 'other', server: 'https://liquid.example.test' },
      }),
    );
    const popup = await PopupPage.open(context, extensionId);
    await popup.startPairingWithoutWalletStep();
    await popup.expectFailure('no-permission');
    await expect(popup.failure()).toContainText('not allowed to connect to https://liquid.example.test');
    await expect(popup.failure()).toContainText('choose your wallet app');
    await expect(popup.qrCode()).toHaveCount(0);
    // Back to the wallet step from the failure.
    await popup.page.getByTestId('choose-wallet').click();
    await expect(popup.walletOption('other')).toBeChecked();
  });

  test('a wallet app added in Settings is offered in the wallet step, and Settings shows the pairing\'s server', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const popup = await PopupPage.open(context, extensionId);
    await popup.openSettings();
    await expect(popup.pairingServer()).toHaveCount(0);
    expect(await popup.addWallet('Wallet B', `${serverB.url}/`)).toBe('Wallet apps saved.');
    expect(await storedValue(popup, 'customWallets')).toEqual([{ id: expect.stringMatching(/^added-/), name: 'Wallet B', server: serverB.url }]);
    await popup.closeSettings();

    await popup.openWalletStep();
    const added = popup.walletStep().getByRole('radio', { name: /Wallet B/ });
    await expect(added).toHaveCount(1);
    await added.check();
    await popup.page.getByTestId('wallet-continue').click();
    const link = await popup.link();
    expect(link).toContain(`liquid://wallet-b.localhost:${serverB.port}/`);
    const wallet = await WalletPage.open(context, serverB.url);
    await wallet.connect(link);
    await popup.expectPhase('connected');

    await popup.openSettings();
    await expect(popup.pairingServer()).toHaveText(`Paired through ${serverB.url} (Wallet B)`);
    expect(traffic(server)).toEqual([]);
  });

  test("names the wallet app when its server does not accept Tandem's origin", async ({ context, extensionId, seedSettings }) => {
    // Like the newer Liquid Auth server with an origin list that leaves Tandem out (server-origin.spec.ts).
    const refusing = await startTestServer({ hostName: 'wallet-c.localhost', allowedOrigins: ['https://wallet.example'], refuseWithoutOrigin: true });
    try {
      await seedSettings({});
      const popup = await PopupPage.open(context, extensionId);
      await popup.openSettings();
      await popup.addWallet('Wallet C', refusing.url);
      await popup.closeSettings();
      await popup.openWalletStep();
      await popup.walletStep().getByRole('radio', { name: /Wallet C/ }).check();
      await popup.page.getByTestId('wallet-continue').click();
      await popup.expectFailure('origin-refused');
      await expect(popup.failure()).toHaveText(`Wallet C's Liquid Auth server does not accept Tandem (origin chrome-extension://${extensionId}). Ask its operator to allow it.`);
      await expect(popup.qrCode()).toHaveCount(0);
    } finally {
      await refusing.dispose();
    }
  });
});
