/**
 * The use-wallet v5 example dApp (`/dapp/use-wallet-v5/`: use-wallet 5's WalletManager with
 * `tandem()` beside use-wallet's own `custom()` stub) with Tandem loaded and the dev wallet as the
 * phone: use-wallet's wallet list, connect through the approval window, signing (payment, a group
 * with indexesToSign, an ATC), a rejection, silent resume, disconnect and a revoked site.
 */
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { pairPhone } from './support/flows';
import { siteRow, noSites, revokeSite } from './support/sites-list';
import { UseWalletDapp, connectThroughTandem, failureOf, resultOf, watchApprovalWindows } from './support/use-wallet-dapp';
import { verifySignedTxn } from './support/verify';
import { signDataVerifies } from './support/verify-data';

test.describe('use-wallet v5 dApp', () => {
  test('lists Tandem, connects through the approval window and signs a payment, a 16-transaction group with indexesToSign and an ATC', async ({
    context,
    extensionId,
    server,
    seedSettings,
  }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const dapp = await UseWalletDapp.open(context, server.url, 'v5');

    // use-wallet's own list, next to use-wallet's custom() stub.
    await expect(dapp.walletNames()).toHaveText(['Tandem', 'Stub wallet']);
    expect((await dapp.wallets()).find((w) => w.id === 'tandem')?.icon).toMatch(/^data:image\/svg\+xml,/);

    expect(await connectThroughTandem(context, extensionId, dapp)).toEqual([{ address, name: expect.any(String) }]);
    await expect(dapp.account()).toHaveText(address);
    expect((await dapp.state()).activeWallet).toBe('tandem');

    const paying = dapp.signPayment();
    await ApprovalPage.approveNextSign(context, extensionId);
    const payment = resultOf(await paying);
    expect(payment.stxns).toHaveLength(1);
    verifySignedTxn(payment.stxns[0]!, payment.txns[0]!, address);

    const others = [3, 7, 15];
    const grouping = dapp.signGroup(16, others);
    await ApprovalPage.approveNextSign(context, extensionId);
    const group = resultOf(await grouping);
    expect(group.stxns).toHaveLength(16);
    group.stxns.forEach((stxn, i) => {
      if (others.includes(i)) expect(stxn, `index ${i} carries another sender`).toBeNull();
      else verifySignedTxn(stxn!, group.txns[i]!, address);
    });

    const composing = dapp.signWithComposer(3);
    await ApprovalPage.approveNextSign(context, extensionId);
    const composed = resultOf(await composing);
    expect(composed.stxns).toHaveLength(3);
    composed.stxns.forEach((stxn, i) => verifySignedTxn(stxn!, composed.txns[i]!, address));
  });

  test('a rejection reaches the dApp as use-wallet\'s SignTxnsError with code 4001', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    await pairPhone(context, extensionId, server);
    const dapp = await UseWalletDapp.open(context, server.url, 'v5');
    await connectThroughTandem(context, extensionId, dapp);

    const paying = dapp.signPayment();
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    await approval.reject();
    const error = failureOf(await paying);
    expect(error).toMatchObject({ name: 'SignTxnsError', isUseWalletSignTxnsError: true, code: 4001 });
    expect(error.message.length).toBeGreaterThan(0);
  });

  test('resumes after a reload without a prompt; disconnect revokes the site in Tandem and a later resume stays disconnected', async ({
    context,
    extensionId,
    server,
    seedSettings,
  }) => {
    await seedSettings({});
    const { address, popup } = await pairPhone(context, extensionId, server);
    const dapp = await UseWalletDapp.open(context, server.url, 'v5');
    await connectThroughTandem(context, extensionId, dapp);
    await expect(siteRow(popup.page, server.url)).toHaveCount(1);

    const watch = watchApprovalWindows(context, extensionId);
    await dapp.reload();
    expect(await dapp.state()).toMatchObject({ activeWallet: 'tandem', activeAddress: address });
    await expect(dapp.account()).toHaveText(address);
    expect(watch.windows(), 'no approval window for a resume').toEqual([]);

    // The resumed session signs (Tandem still knows the site).
    const paying = dapp.signPayment();
    await ApprovalPage.approveNextSign(context, extensionId);
    const payment = resultOf(await paying);
    verifySignedTxn(payment.stxns[0]!, payment.txns[0]!, address);

    resultOf(await dapp.disconnect());
    expect((await dapp.state()).activeAddress).toBeNull();
    await expect(noSites(popup.page)).toBeVisible();

    const windowsBefore = watch.windows().length;
    await dapp.reload();
    expect(await dapp.state()).toMatchObject({ activeWallet: null, activeAddress: null });
    expect(watch.windows()).toHaveLength(windowsBefore);
    watch.stop();
  });

  test('a site revoked in Tandem\'s popup while use-wallet still holds its session: resume leaves it disconnected, with no prompt', async ({
    context,
    extensionId,
    server,
    seedSettings,
  }) => {
    await seedSettings({});
    const { popup } = await pairPhone(context, extensionId, server);
    const dapp = await UseWalletDapp.open(context, server.url, 'v5');
    await connectThroughTandem(context, extensionId, dapp);
    await revokeSite(popup.page, server.url);

    const watch = watchApprovalWindows(context, extensionId);
    await dapp.reload();
    expect(await dapp.state()).toMatchObject({ activeWallet: null, activeAddress: null, accounts: [] });
    await expect(dapp.account()).toHaveText('not connected');
    await expect(dapp.walletRow('tandem')).toHaveAttribute('data-connected', 'false');
    expect(watch.windows()).toEqual([]);
    watch.stop();
  });

  test('signs in with ARC-0060 signData through use-wallet: canSignData from the paired phone, the response verified by the page the way use-wallet verifies it and by the test', async ({
    context,
    extensionId,
    server,
    seedSettings,
  }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const dapp = await UseWalletDapp.open(context, server.url, 'v5');
    await connectThroughTandem(context, extensionId, dapp);

    const signing = dapp.signIn();
    const approval = await ApprovalPage.find(context, extensionId);
    const host = new URL(server.url).host;
    await expect(approval.dataPrompt().getByRole('heading')).toHaveText(`Sign in to ${host}`);
    await expect(approval.domainCheck()).toHaveText(`${host} matches this page`);
    await approval.approveData();
    const signIn = resultOf(await signing);
    expect(signIn).toMatchObject({ canSignData: true, domain: host, verified: true });
    expect(JSON.parse(Buffer.from(signIn.data, 'base64').toString())).toMatchObject({ domain: host, account_address: address });
    expect(signDataVerifies(signIn)).toBe(true);
  });
});
