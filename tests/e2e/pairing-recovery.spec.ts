/**
 * Pairing when things go wrong: the worker dies, the phone leaves, the server goes away, nobody
 * scans, the popup closes, the user unpairs. Each test starts from a fresh profile and server.
 *
 * The phone is the dev wallet page. It is a phone built on `@algorandfoundation/liquid-client`:
 * its signaling and data channel go through the library's `SignalClient.peer(requestId, 'answer')`
 * (dev/wallet/peer.ts), so every pairing here is also a liquid-client pairing; its passkey
 * ceremonies are @simplewebauthn/browser's, posted in the shape of the library's encoders (passkey.ts).
 */
import { test, expect } from './support/fixtures';
import { parseDeepLink } from '../../lib/liquid/deep-link';
import { approvalWindow, PopupPage } from './support/popup-page';
import { approveOnce } from './support/flows';
import { verifySignedTxn } from './support/verify';
import { WalletPage } from './support/wallet-page';
import { killServiceWorker } from './support/browser';

function requestIdOf(link: string): string {
  const parsed = parseDeepLink(link);
  if (!parsed) throw new Error(`not a liquid:// link: ${link}`);
  return parsed.requestId;
}

test.describe('pairing recovery', () => {
  test('a killed service worker leaves the phone channel up: the popup shows connected and a sign request crosses it both ways', async ({
    context,
    extensionId,
    signSetup: { popup, wallet, address, dapp },
  }) => {
    const firstStart = await popup.backgroundStartedAt();
    await popup.close();

    await killServiceWorker(context, extensionId);
    // A new popup wakes a new worker, which asks the offscreen document for the channel it kept.
    const reopened = await PopupPage.open(context, extensionId);
    expect(await reopened.backgroundStartedAt()).toBeGreaterThan(firstStart);
    await reopened.expectPhase('connected');
    expect(await wallet.phase()).toBe('connected');

    // Real traffic over the channel the old worker set up: the request frame goes to the phone,
    // the phone's signature comes back and reaches the dApp.
    const txn = await dapp.buildPayment(address, { note: 'after a worker restart' });
    const signing = dapp.signTransactions([{ txn }]);
    await approveOnce(await approvalWindow(context, extensionId));
    const signed = await signing;
    if (!signed.ok) throw new Error(`signing failed: ${JSON.stringify(signed.error)}`);
    const [stxn] = signed.result.stxns as string[];
    verifySignedTxn(stxn!, txn, address);
    expect(await wallet.dappSignRequests()).toHaveLength(1);
  });

  test('when the phone closes the channel, the popup shows phone offline with the same QR, and a re-scan reconnects with an assertion', async ({
    pairedPhone: { popup, wallet, link },
  }) => {
    expect(await wallet.lastPasskeyMode()).toBe('registered');

    await wallet.disconnect();
    await popup.expectPhase('phone-offline');
    const rescan = await popup.link();
    expect(requestIdOf(rescan)).toBe(requestIdOf(link));

    await wallet.connect(rescan);
    await popup.expectPhase('connected');
    await wallet.expectPhase('connected');
    expect(await wallet.lastPasskeyMode()).toBe('asserted');
  });

  test('a phone that leaves while the worker is dead is noticed on restart: phone offline with the same QR, and a re-scan reconnects', async ({
    context,
    extensionId,
    pairedPhone: { popup, wallet, link },
  }) => {
    const firstStart = await popup.backgroundStartedAt();
    await popup.close();

    await killServiceWorker(context, extensionId);
    await wallet.disconnect();
    const reopened = await PopupPage.open(context, extensionId);
    expect(await reopened.backgroundStartedAt()).toBeGreaterThan(firstStart);
    await reopened.expectPhase('phone-offline');
    const rescan = await reopened.link();
    expect(requestIdOf(rescan)).toBe(requestIdOf(link));

    await wallet.connect(rescan);
    await reopened.expectPhase('connected');
    expect(await wallet.lastPasskeyMode()).toBe('asserted');
  });

  test('when the server stops while the QR is shown, the popup says it is unreachable and pairing resumes once it is back', async ({
    context,
    extensionId,
    server,
    seedSettings,
  }) => {
    await seedSettings({});
    const popup = await PopupPage.open(context, extensionId);
    const link = await popup.pair();
    await popup.expectPhase('waiting-for-scan');

    await server.stop();
    await popup.expectPhase('failed');
    await popup.expectFailure('server-unreachable');

    await server.start();
    // No click: the extension reconnects by itself and re-arms the same QR.
    await popup.expectPhase('waiting-for-scan');
    await expect(popup.failure()).toHaveCount(0);
    expect(requestIdOf(await popup.link())).toBe(requestIdOf(link));

    const wallet = await WalletPage.open(context, server.url);
    await wallet.connect(link);
    await popup.expectPhase('connected');
  });

  test('when the server is down as pairing starts, the popup says so and a retry pairs once it is back', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    await server.stop();
    const popup = await PopupPage.open(context, extensionId);
    await popup.pair();
    await popup.expectPhase('failed');
    await popup.expectFailure('server-unreachable');

    await server.start();
    await popup.retry();
    await popup.expectPhase('waiting-for-scan');
    const link = await popup.link();
    const wallet = await WalletPage.open(context, server.url);
    await wallet.connect(link);
    await popup.expectPhase('connected');
  });

  test('an unscanned QR is replaced by one with a fresh requestId when it expires', async ({ context, extensionId, seedSettings }) => {
    await seedSettings({ linkTimeoutMs: 1_500 });
    const popup = await PopupPage.open(context, extensionId);
    const first = await popup.pair();
    const second = await popup.nextLink(first);
    expect(requestIdOf(second)).not.toBe(requestIdOf(first));
    await popup.expectPhase('waiting-for-scan');
  });

  test('after the refresh limit an unscanned QR ends in a link-timeout failure with a retry that starts afresh', async ({
    context,
    extensionId,
    server,
    seedSettings,
  }) => {
    await seedSettings({ linkTimeoutMs: 1_000 });
    const popup = await PopupPage.open(context, extensionId);
    const first = await popup.pair();
    await popup.expectFailure('link-timeout', 60_000);
    await popup.expectPhase('failed');
    await expect(popup.pairingLink()).toHaveCount(0);
    await expect(popup.retryButton()).toBeVisible();

    // Give the user time to scan the new code.
    await seedSettings({ linkTimeoutMs: 120_000 });
    await popup.retry();
    const fresh = await popup.link();
    expect(requestIdOf(fresh)).not.toBe(requestIdOf(first));
    const wallet = await WalletPage.open(context, server.url);
    await wallet.connect(fresh);
    await popup.expectPhase('connected');
  });

  test('closing and reopening the popup mid-pairing shows the same link, which still pairs', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const popup = await PopupPage.open(context, extensionId);
    const link = await popup.pair();
    await popup.close();

    const reopened = await PopupPage.open(context, extensionId);
    await reopened.expectPhase('waiting-for-scan');
    expect(await reopened.link()).toBe(link);

    const wallet = await WalletPage.open(context, server.url);
    await wallet.connect(link);
    await reopened.expectPhase('connected');
  });

  test('cancelling mid-pairing returns to unpaired, and pairing again shows a new link that pairs', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const popup = await PopupPage.open(context, extensionId);
    const cancelled = await popup.pair();
    await popup.expectPhase('waiting-for-scan');
    await popup.cancelPairing();
    await popup.expectPhase('unpaired');
    await expect(popup.pairingLink()).toHaveCount(0);

    const link = await popup.pair();
    expect(requestIdOf(link)).not.toBe(requestIdOf(cancelled));
    const wallet = await WalletPage.open(context, server.url);
    await wallet.connect(link);
    await popup.expectPhase('connected');
  });

  test('a worker killed mid-pairing comes back with the same link, which still pairs', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const popup = await PopupPage.open(context, extensionId);
    const link = await popup.pair();
    await popup.expectPhase('waiting-for-scan');
    const firstStart = await popup.backgroundStartedAt();
    await popup.close();

    await killServiceWorker(context, extensionId);
    const reopened = await PopupPage.open(context, extensionId);
    expect(await reopened.backgroundStartedAt()).toBeGreaterThan(firstStart);
    await reopened.expectPhase('waiting-for-scan');
    expect(await reopened.link()).toBe(link);

    const wallet = await WalletPage.open(context, server.url);
    await wallet.connect(link);
    await reopened.expectPhase('connected');
  });

  test('unpairing from settings returns to unpaired, and a new pairing works', async ({ pairedPhone: { popup, wallet, link } }) => {

    await popup.unpair();
    await popup.expectPhase('unpaired');
    await expect(popup.walletAddress()).toHaveCount(0);
    await wallet.expectPhase('closed');

    const next = await popup.pair();
    expect(requestIdOf(next)).not.toBe(requestIdOf(link));
    await wallet.connect(next);
    await popup.expectPhase('connected');
    await expect(popup.walletAddress()).toHaveAttribute('title', await wallet.address());
  });

  test.describe('with the reference phone', () => {
    test.use({ phoneBehaviour: 'reference' });

    test('a phone on liquid-client pairs: its offer and the answer travel through SignalClient', async ({ pairedPhone: { wallet } }) => {
      // dev/wallet/peer.ts logs these from SignalClient's own 'offer-description' / 'answer-description' events.
      const log = await wallet.log();
      expect(log.some((line) => line.endsWith('offer sent'))).toBe(true);
      expect(log.some((line) => line.endsWith('answer received'))).toBe(true);
    });
  });
});
