/**
 * The peer host goes away: Chrome closes the offscreen document that holds the data channel
 * (it may, e.g. under memory pressure, and a closed document reports nothing). Tandem notices
 * within seconds while a view is open, says "phone offline" with the pairing's QR, and a
 * re-scan of the same link reconnects through a new document.
 */
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { connectDapp, pairPhone } from './support/flows';
import { closeOffscreenDocument, offscreenExists } from './support/fault-probes';
import { stxnsOf, signWithApproval } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';

test.describe('offscreen document closed', () => {
  test('while paired: phone offline within seconds, the same link reconnects, signing works', async ({ context, extensionId, signSetup: { popup, wallet, link, address, dapp } }) => {

    await closeOffscreenDocument(context, extensionId);
    await wallet.expectPhase('closed');
    // The open popup is told within seconds (no click, no reopen).
    await popup.expectPhase('phone-offline', 10_000);
    expect(await popup.link()).toBe(link);

    await wallet.connect(link);
    await popup.expectPhase('connected');
    expect(await offscreenExists(context, extensionId)).toBe(true);

    const txn = await dapp.buildPayment(address, { note: 'after the peer host came back' });
    const { outcome } = await signWithApproval(context, extensionId, dapp, [{ txn }]);
    verifySignedTxn(stxnsOf(outcome)[0]!, txn, address);
  });

  test('while a request waits for the phone: the approval window shows the QR and the request goes through after a re-scan', async ({
    context,
    extensionId,
    server,
    seedSettings,
  }) => {
    await seedSettings({});
    const { popup, wallet, link, address } = await pairPhone(context, extensionId, server);
    await popup.close();
    await wallet.setAutoApprove(false);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const txn = await dapp.buildPayment(address, { note: 'peer host lost mid-request' });
    const signing = dapp.signTransactions([{ txn }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveSign();
    await wallet.expectPending(1);

    await closeOffscreenDocument(context, extensionId);
    await wallet.expectPhase('closed');
    await approval.expectPhase('phone-offline', 10_000);
    await expect(approval.pairingLink()).toHaveText(link);

    await wallet.setAutoApprove(true);
    // The QR shows a moment before Tandem's new socket waits for the phone: scan once it waits, as a person would.
    const requestId = new URL(link.replace(/^liquid:/, 'http:')).searchParams.get('requestId')!;
    await expect.poll(() => server.linksWaiting(requestId)).toBeGreaterThan(0);
    await wallet.connect(link);
    verifySignedTxn(stxnsOf(await signing)[0]!, txn, address);
  });
});
