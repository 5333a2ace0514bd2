/**
 * The use-wallet v4 example dApp (`/dapp/use-wallet-v4/`: React on @txnlab/use-wallet-react 4 with
 * Tandem's TandemProvider as the custom wallet) with Tandem loaded and the dev wallet as the phone.
 */
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { pairPhone } from './support/flows';
import { noSites, siteRow } from './support/sites-list';
import { UseWalletDapp, connectThroughTandem, failureOf, resultOf, watchApprovalWindows } from './support/use-wallet-dapp';
import { verifySignedTxn } from './support/verify';

test.describe('use-wallet v4 dApp', () => {
  test('connects, signs, gets 4001 on a rejection, resumes after a reload without a prompt, and disconnects', async ({
    context,
    extensionId,
    server,
    seedSettings,
  }) => {
    await seedSettings({});
    const { address, popup } = await pairPhone(context, extensionId, server);
    const dapp = await UseWalletDapp.open(context, server.url, 'v4');
    await expect(dapp.walletNames()).toHaveText(['Tandem']);

    expect(await connectThroughTandem(context, extensionId, dapp)).toEqual([{ address, name: expect.any(String) }]);
    await expect(dapp.account()).toHaveText(address);
    await expect(siteRow(popup.page, server.url)).toHaveCount(1);

    const paying = dapp.signPayment();
    await ApprovalPage.approveNextSign(context, extensionId);
    const payment = resultOf(await paying);
    verifySignedTxn(payment.stxns[0]!, payment.txns[0]!, address);

    const rejected = dapp.signPayment();
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    await approval.reject();
    expect(failureOf(await rejected)).toMatchObject({ name: 'SignTxnsError', code: 4001 });
    await approval.waitForClose();

    const watch = watchApprovalWindows(context, extensionId);
    await dapp.reload();
    expect(await dapp.state()).toMatchObject({ activeWallet: 'custom', activeAddress: address });
    await expect(dapp.account()).toHaveText(address);
    expect(watch.windows(), 'no approval window for a resume').toEqual([]);

    resultOf(await dapp.disconnect());
    await expect(dapp.account()).toHaveText('not connected');
    await expect(noSites(popup.page)).toBeVisible();
    await dapp.reload();
    expect(await dapp.state()).toMatchObject({ activeWallet: null, activeAddress: null });
    expect(watch.windows()).toEqual([]);
    watch.stop();
  });

  test('signs a 16-transaction group with indexesToSign and an ATC group', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const dapp = await UseWalletDapp.open(context, server.url, 'v4');
    await connectThroughTandem(context, extensionId, dapp);

    const others = [0, 9];
    const grouping = dapp.signGroup(16, others);
    await ApprovalPage.approveNextSign(context, extensionId);
    const group = resultOf(await grouping);
    group.stxns.forEach((stxn, i) => {
      if (others.includes(i)) expect(stxn).toBeNull();
      else verifySignedTxn(stxn!, group.txns[i]!, address);
    });

    const composing = dapp.signWithComposer(2);
    await ApprovalPage.approveNextSign(context, extensionId);
    const composed = resultOf(await composing);
    composed.stxns.forEach((stxn, i) => verifySignedTxn(stxn!, composed.txns[i]!, address));
  });
});
