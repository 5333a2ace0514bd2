import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { storedQueue } from './support/extension-state';
import { connectDapp, pairPhone } from './support/flows';
import { errorOf, signWithApproval, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';


test.describe('signing failures', () => {
  test('a rejection in the approval window answers 4001 and sends nothing to the phone', async ({ context, extensionId, server, seedSettings, worker }) => {
    await seedSettings({});
    const { address, wallet } = await pairPhone(context, extensionId, server);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const signing = dapp.signTransactions([{ txn: await dapp.buildPayment(address) }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    await approval.reject();

    expect(errorOf(await signing).code).toBe(4001);
    await approval.waitForClose();
    expect(await wallet.dappSignRequests()).toEqual([]);
    await expect.poll(() => storedQueue(worker)).toEqual([]);
  });

  test('a silent phone answers 4002 at the deadline and leaves nothing pending', async ({ context, extensionId, server, seedSettings, worker }) => {
    await seedSettings({ requestDeadlineMs: 3_000 });
    const { address, wallet } = await pairPhone(context, extensionId, server);
    await wallet.setFault('silent');
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const signing = dapp.signTransactions([{ txn: await dapp.buildPayment(address) }]);
    const approval = await ApprovalPage.find(context, extensionId);
    const beforeApproval = Date.now();
    await approval.approveSign();
    await expect(approval.confirmOnPhone()).toBeVisible();

    const error = errorOf(await signing);
    expect(error.code).toBe(4002);
    expect(error.message).toMatch(/did not answer/);
    // The deadline runs from the approval, not from the request.
    expect(Date.now() - beforeApproval).toBeGreaterThanOrEqual(3_000);
    await approval.waitForClose();
    await expect.poll(() => storedQueue(worker)).toEqual([]);
    expect(await wallet.dappSignRequests()).toHaveLength(1);
  });

  for (const behaviour of ['spec', 'reference'] as const) {
    test(`signatures that do not verify are refused (${behaviour} phone)`, async ({ context, extensionId, server, seedSettings }) => {
      await seedSettings({});
      const { address, wallet } = await pairPhone(context, extensionId, server, behaviour);
      const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);

      for (const fault of ['bad-signature', 'wrong-txn'] as const) {
        await wallet.setFault(fault);
        const txn = await dapp.buildPayment(address, { note: fault });
        const { approval, outcome } = await signWithApproval(context, extensionId, dapp, [{ txn }]);
        const error = errorOf(outcome);
        expect(error.code, fault).toBe(4000);
        expect(error.message, fault).toMatch(/invalid signature for txns\[0\]/);
        await approval.waitForClose();
      }

      // The link is still good: an honest reply goes through.
      await wallet.setFault('none');
      const txn = await dapp.buildPayment(address, { note: 'honest' });
      const { outcome } = await signWithApproval(context, extensionId, dapp, [{ txn }]);
      verifySignedTxn(stxnsOf(outcome)[0]!, txn, address);
    });
  }
});
