import { test, expect } from './support/fixtures';
import { approvalWindow } from './support/popup-page';
import { approveOnce, connectDapp, pairPhone } from './support/flows';
import { DappPage } from './support/dapp-page';
import { ApprovalPage } from './support/approval-page';
import { verifySignedTxn } from './support/verify';

test.describe('signing', () => {
  test('discover finds Tandem', async ({ context, server, seedSettings }) => {
    await seedSettings({});
    const dapp = await DappPage.open(context, `${server.url}/dapp`);
    const found = await dapp.discover();
    expect(found.ok).toBe(true);
    const providers = (found as unknown as { result: { providers: { name: string }[] } }).result.providers;
    expect(providers.map((p) => p.name)).toContain('Tandem');
  });

  for (const behaviour of ['spec', 'reference'] as const) {
    test(`connects and signs a payment end to end (${behaviour} phone)`, async ({ context, extensionId, server, seedSettings }) => {
      await seedSettings({});
      const { address } = await pairPhone(context, extensionId, server, behaviour);
      const { dapp, enabled } = await connectDapp(context, extensionId, `${server.url}/dapp`);
      expect((enabled as unknown as { result: { accounts: { address: string }[] } }).result.accounts).toEqual([{ address }]);
      const txn = await dapp.buildPayment(address, { note: 'hello tandem' });
      const signing = dapp.signTransactions([{ txn }]);
      const approval = await approvalWindow(context, extensionId);
      await expect(new ApprovalPage(approval).txnTitles()).toHaveText('Payment');
      await approveOnce(approval);
      const signed = await signing;
      expect(signed.ok, JSON.stringify(signed)).toBe(true);
      const stxns = (signed as unknown as { result: { stxns: string[] } }).result.stxns;
      expect(stxns).toHaveLength(1);
      verifySignedTxn(stxns[0]!, txn, address);
    });
  }
});
