/**
 * Reconnecting from the phone, with no scan (liquid-protocol.md §5.2): while the phone is offline Tandem keeps a
 * `link` for its pairing's requestId pending on the server (re-emitted on every socket connect, re-armed by a
 * restarted service worker), so a wallet app that is opened again and asserts with the same requestId, then
 * offers, gets its channel back. The dev wallet's Reconnect button does what that app does.
 */
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { killServiceWorker } from './support/browser';
import { localItemSeenFrom } from './support/fault-probes';
import { stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';
import { WalletPage } from './support/wallet-page';

test('the phone reconnects by itself after going offline and a service-worker restart, with no scan, and a payment then signs', async ({
  context,
  extensionId,
  server,
  signSetup: { popup, wallet, link, address, dapp },
}) => {
  const requestId = new URL(link).searchParams.get('requestId')!;
  const pairing = await localItemSeenFrom(popup.page, 'pairing');

  await wallet.disconnect();
  await popup.expectPhase('phone-offline');
  await popup.expectSocket('connected');

  const firstStart = await popup.backgroundStartedAt();
  await killServiceWorker(context, extensionId);
  expect(await popup.backgroundStartedAt()).toBeGreaterThan(firstStart);
  // The new worker has its own socket, and its link for the pairing's requestId waits on the server (the old
  // worker's died with its socket): only then can the phone's assertion resolve it.
  await popup.expectPhase('phone-offline');
  await popup.expectSocket('connected');
  await expect.poll(() => server.linksWaiting(requestId), { message: "one link waiting for the pairing's requestId" }).toBe(1);

  await wallet.reconnect();
  await wallet.expectPhase('connected');
  await popup.expectPhase('connected');
  expect((await wallet.lastPasskey())?.mode).toBe('asserted');
  // Same pairing, same requestId: nothing was scanned.
  expect(await localItemSeenFrom(popup.page, 'pairing')).toEqual(pairing);

  const txn = await dapp.buildPayment(address, { note: 'after reconnecting from the phone' });
  const signing = dapp.signTransactions([{ txn }]);
  const approval = await ApprovalPage.find(context, extensionId);
  await approval.approveSign();
  verifySignedTxn(stxnsOf(await signing)[0]!, txn, address);
});

test('Reconnect on a phone that never linked says there is nothing to reconnect to', async ({ context, server }) => {
  const wallet = await WalletPage.open(context, server.url);
  await wallet.reconnect();
  await wallet.expectPhase('error');
  await expect(wallet.page.getByTestId('error')).toContainText('nothing to reconnect to');
});
