import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { DappPage } from './support/dapp-page';
import { storedSessions } from './support/extension-state';
import { badgeSeenFrom, queueSeenFrom, watchApprovalWindows } from './support/fault-probes';
import { connectDapp, pairPhone } from './support/flows';
import { PopupPage } from './support/popup-page';
import { errorOf, signWithApproval, stxnsOf } from './support/sign-flow';
import { noSites, revokeSite, siteRow } from './support/sites-list';
import { verifySignedTxn } from './support/verify';
import { WalletPage } from './support/wallet-page';

test.describe('site sessions', () => {
  test('enable while unpaired pairs the phone inside the approval window, then connects', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const dapp = await DappPage.open(context, `${server.url}/dapp`);
    const enabling = dapp.enable();
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.connectPrompt()).toBeVisible();
    await expect(approval.approveButton()).toBeDisabled();

    const pairing = new PopupPage(approval.page);
    await pairing.expectPhase('unpaired');
    const link = await pairing.pairInApprovalWindow();
    await expect(pairing.qrCode()).toBeVisible();
    const wallet = await WalletPage.open(context, server.url);
    await wallet.page.bringToFront();
    await wallet.connect(link);
    // Once the phone is connected the pairing panel gives way to the prompt, now with the account.
    await expect(pairing.phase()).toBeHidden();
    await expect(approval.approveButton()).toBeEnabled();

    await approval.approveConnect();
    const enabled = await enabling;
    expect(enabled.ok, JSON.stringify(enabled)).toBe(true);
    const address = await wallet.address();
    expect(enabled.ok && enabled.result.accounts).toEqual([{ address }]);
    await approval.waitForClose();
    const txn = await dapp.buildPayment(address);
    verifySignedTxn(stxnsOf((await signWithApproval(context, extensionId, dapp, [{ txn }])).outcome)[0]!, txn, address);
  });

  test('two origins have separate sessions', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const { dapp: first } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const otherOrigin = `http://127.0.0.1:${server.port}`;
    const second = await DappPage.open(context, `${otherOrigin}/dapp`);

    const refused = await second.signTransactions([{ txn: await second.buildPayment(address) }]);
    expect(errorOf(refused).code).toBe(4100);

    const enabling = second.enable();
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.connectPrompt()).toBeVisible();
    await expect(approval.promptOrigin()).toHaveText(otherOrigin);
    await approval.reject();
    expect(errorOf(await enabling).code).toBe(4001);
    await approval.waitForClose();

    // The first site's session is untouched.
    const txn = await first.buildPayment(address);
    verifySignedTxn(stxnsOf((await signWithApproval(context, extensionId, first, [{ txn }])).outcome)[0]!, txn, address);
  });

  test('disable revokes the session, and so does Revoke in the popup', async ({ context, extensionId, server, seedSettings, worker }) => {
    await seedSettings({});
    const { address, popup } = await pairPhone(context, extensionId, server);
    const origin = server.url;
    const { dapp } = await connectDapp(context, extensionId, `${origin}/dapp`);
    await expect(siteRow(popup.page, origin)).toHaveCount(1);

    const disabled = await dapp.disable();
    expect(disabled.ok, JSON.stringify(disabled)).toBe(true);
    expect(errorOf(await dapp.signTransactions([{ txn: await dapp.buildPayment(address) }])).code).toBe(4100);
    await expect(noSites(popup.page)).toBeVisible();
    expect(await storedSessions(worker)).toEqual([]);

    // Connect again (a prompt again: the session is gone), then revoke from the popup.
    const enabling = dapp.enable();
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveConnect();
    expect((await enabling).ok).toBe(true);
    await expect(siteRow(popup.page, origin)).toHaveCount(1);
    await revokeSite(popup.page, origin);
    await expect(noSites(popup.page)).toBeVisible();
    expect(errorOf(await dapp.signTransactions([{ txn: await dapp.buildPayment(address) }])).code).toBe(4100);
  });

  test('a silent enable restores a session without a prompt and is refused with 4100 without one', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const { address, popup } = await pairPhone(context, extensionId, server);
    const dapp = await DappPage.open(context, `${server.url}/dapp`);
    const windows = watchApprovalWindows(context, extensionId);

    // No session yet: 4100 at once, no window, nothing queued, no badge.
    const refused = await dapp.enableSilently();
    expect(errorOf(refused).code).toBe(4100);
    expect(await queueSeenFrom(popup.page)).toEqual([]);
    expect(await badgeSeenFrom(popup.page)).toBe('');

    await connectDapp(context, extensionId, `${server.url}/dapp`);
    const opened = windows.opened();
    const restored = await dapp.enableSilently();
    expect(restored.ok, JSON.stringify(restored)).toBe(true);
    expect(restored.ok && restored.result.accounts).toEqual([{ address }]);

    await revokeSite(popup.page, server.url);
    expect(errorOf(await dapp.enableSilently()).code).toBe(4100);
    // The connect above opened one window; the silent calls opened none.
    expect(windows.opened()).toBe(opened);
    expect(await queueSeenFrom(popup.page)).toEqual([]);
  });
});
