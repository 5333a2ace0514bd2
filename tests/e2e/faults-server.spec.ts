/**
 * The Liquid Auth server goes away: restarted (its sessions live in memory, so the extension's
 * session cookie is dead afterwards) or unusable for a while. The data channel does not need the
 * server, and while the phone is connected Tandem keeps no socket open at all (its pings would keep
 * the service worker awake), so a connected phone keeps signing and nothing retries. Once the QR is
 * needed again (the phone left), the socket opens with a new session, and while the server is away
 * the popup says the socket is reconnecting; it comes back with backoff; re-scans work again.
 */
import { test, expect } from './support/fixtures';
import { killServiceWorker } from './support/browser';
import { PopupPage } from './support/popup-page';
import { startUnavailableServer } from './support/fault-probes';
import { signWithApproval, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';

/** The socket's longest reconnection delay (5 s, lib/liquid/signaling/socket.ts), and room for a loaded machine. */
const RECONNECT_WITHIN_MS = 15_000;

test.describe('signaling server faults', () => {
  test('restarted while paired: the connected phone signs with no socket open, and the re-scan after it goes through the restarted server', async ({
    context,
    extensionId,
    server,
    signSetup: { popup, wallet, link, address, dapp },
  }) => {
    await popup.expectSocket('offline');

    await server.stop();
    await popup.expectPhase('connected');
    const whileDown = await dapp.buildPayment(address, { note: 'server down' });
    verifySignedTxn(stxnsOf((await signWithApproval(context, extensionId, dapp, [{ txn: whileDown }])).outcome)[0]!, whileDown, address);
    await popup.expectSocket('offline');
    await expect(popup.failure()).toHaveCount(0);

    await server.start();
    // The phone leaves; re-linking opens a socket on the restarted server with the extension's new session.
    await wallet.disconnect();
    await popup.expectPhase('phone-offline');
    await popup.expectSocket('connected');
    expect(await popup.link()).toBe(link);
    await wallet.connect(link);
    await popup.expectPhase('connected');
    await popup.expectSocket('offline');
    const after = await dapp.buildPayment(address, { note: 'after the restart' });
    verifySignedTxn(stxnsOf((await signWithApproval(context, extensionId, dapp, [{ txn: after }])).outcome)[0]!, after, address);
  });

  test('restarted while the re-scan QR is shown: the same QR works once the server is back', async ({ context, extensionId, server, signSetup: { popup, wallet, link, address, dapp } }) => {
    await wallet.disconnect();
    await popup.expectPhase('phone-offline');

    await server.stop();
    await popup.expectSocket('reconnecting');
    await server.start();
    await popup.expectSocket('connected', RECONNECT_WITHIN_MS);
    await popup.expectPhase('phone-offline');
    expect(await popup.link()).toBe(link);

    await wallet.connect(link);
    await popup.expectPhase('connected');
    const txn = await dapp.buildPayment(address);
    verifySignedTxn(stxnsOf((await signWithApproval(context, extensionId, dapp, [{ txn }])).outcome)[0]!, txn, address);
  });

  test('down while the worker restarts: the phone stays connected and signs, with no socket and no failure, and re-scans once the server is back', async ({
    context,
    extensionId,
    server,
    signSetup: { popup, wallet, link, address, dapp },
  }) => {
    const firstStart = await popup.backgroundStartedAt();
    await popup.close();

    await server.stop();
    await killServiceWorker(context, extensionId);
    const reopened = await PopupPage.open(context, extensionId);
    expect(await reopened.backgroundStartedAt()).toBeGreaterThan(firstStart);
    await reopened.expectPhase('connected');
    await reopened.expectSocket('offline');
    await expect(reopened.failure()).toHaveCount(0);
    const whileDown = await dapp.buildPayment(address, { note: 'server down, new worker' });
    verifySignedTxn(stxnsOf((await signWithApproval(context, extensionId, dapp, [{ txn: whileDown }])).outcome)[0]!, whileDown, address);

    await server.start();
    await wallet.disconnect();
    await reopened.expectPhase('phone-offline');
    // The QR shows a moment before Tandem's new socket waits for the phone: scan once it waits, as a person would.
    const requestId = new URL(link.replace(/^liquid:/, 'http:')).searchParams.get('requestId')!;
    await expect.poll(() => server.linksWaiting(requestId)).toBeGreaterThan(0);
    await wallet.connect(link);
    await reopened.expectPhase('connected');
  });

  test('down while the worker restarts with the phone offline: the QR says the server is unreachable, and comes back by itself with the server', async ({
    context,
    extensionId,
    server,
    pairedPhone: { popup, wallet, link },
  }) => {
    await wallet.disconnect();
    await popup.expectPhase('phone-offline');
    const firstStart = await popup.backgroundStartedAt();
    await popup.close();

    await server.stop();
    await killServiceWorker(context, extensionId);
    const reopened = await PopupPage.open(context, extensionId);
    expect(await reopened.backgroundStartedAt()).toBeGreaterThan(firstStart);
    await reopened.expectFailure('server-unreachable');
    await reopened.expectSocket('reconnecting');

    await server.start();
    // No click: the re-scan QR is re-armed once the server answers.
    await reopened.expectPhase('phone-offline', RECONNECT_WITHIN_MS);
    await expect(reopened.failure()).toHaveCount(0);
    expect(await reopened.link()).toBe(link);
    await wallet.connect(link);
    await reopened.expectPhase('connected');
  });

  test('unusable for a while: the socket retries with growing delays, the popup says it is reconnecting, and it recovers', async ({
    server,
    pairedPhone: { popup, wallet, link },
  }) => {
    // The QR is shown (the phone left), so the socket is open and has to come back.
    await wallet.disconnect();
    await popup.expectPhase('phone-offline');
    await popup.expectSocket('connected');
    await server.stop();
    const unusable = await startUnavailableServer(server.port);
    try {
      await popup.expectSocket('reconnecting');
      await expect.poll(() => unusable.handshakes.length, { message: 'the socket should keep retrying', timeout: 30_000 }).toBeGreaterThanOrEqual(4);
      const gaps = unusable.handshakes.slice(1).map((at, i) => at - unusable.handshakes[i]!);
      // The socket's backoff (lib/liquid/signaling/socket.ts, as socket.io's was): 0.5 s, 1 s, 2 s, 4 s ..., never a tight loop.
      expect(Math.min(...gaps), JSON.stringify(gaps)).toBeGreaterThanOrEqual(300);
      expect(gaps[2]!, JSON.stringify(gaps)).toBeGreaterThan(gaps[0]!);
      await popup.expectSocket('reconnecting');
      await popup.expectFailure('server-unreachable');
    } finally {
      await unusable.close();
    }

    await server.start();
    await popup.expectSocket('connected', RECONNECT_WITHIN_MS);
    // No click: the same re-scan QR is armed again once the server answers.
    await popup.expectPhase('phone-offline', RECONNECT_WITHIN_MS);
    expect(await popup.link()).toBe(link);
    await wallet.connect(link);
    await popup.expectPhase('connected');
  });
});
