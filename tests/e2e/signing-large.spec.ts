import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { storedQueue } from './support/extension-state';
import { connectDapp, pairPhone } from './support/flows';
import { errorOf, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';

const COUNT = 1024;

test.describe('large requests', () => {
  // About 40 s each on an idle 2-core machine (most of it the dev wallet signing with tweetnacl);
  // a busy machine can double that.
  test.slow();

  for (const behaviour of ['reference', 'spec'] as const) {
    test(`signs 1,024 transactions (64 groups of 16) with every signature verified (${behaviour} phone)`, async ({
      context,
      extensionId,
      server,
      seedSettings,
    }, testInfo) => {
      await seedSettings({});
      const { address, wallet } = await pairPhone(context, extensionId, server, behaviour);
      const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
      const txns = await dapp.buildGroup(address, COUNT);

      const t0 = Date.now();
      const signing = dapp.signTransactions(txns);
      const approval = await ApprovalPage.find(context, extensionId);
      await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
      const shownMs = Date.now() - t0;
      // Counts are written the English way, grouped (Intl in the browser's language).
      await expect(approval.signTitle()).toHaveText(`Sign ${COUNT.toLocaleString('en-US')} transactions?`);
      await expect(approval.signTotals()).toHaveText(/^1,023 to sign with your phone · 1 signed by others/);
      // The list is virtualized: a handful of cards rendered, and the last one reachable by scrolling.
      expect(await approval.txnCards().count()).toBeLessThan(20);
      await approval.txnList().evaluate((list) => (list.scrollTop = list.scrollHeight));
      await expect(approval.txnCards().last()).toContainText('16 of 16 in group · signed by someone else');

      const t1 = Date.now();
      await approval.approveSign();
      const outcome = await signing;
      const signedMs = Date.now() - t1;
      const stxns = stxnsOf(outcome);
      expect(stxns).toHaveLength(COUNT);
      const t2 = Date.now();
      stxns.forEach((stxn, i) => (i === COUNT - 1 ? expect(stxn).toBeNull() : verifySignedTxn(stxn!, txns[i]!.txn, address)));
      const verifiedMs = Date.now() - t2;
      const parts = (await wallet.dappSignRequests()).length;
      expect(parts).toBeGreaterThan(1); // split at group boundaries to fit the data channel
      await approval.waitForClose();

      const timing = `request→prompt ${shownMs} ms, approve→signed ${signedMs} ms (${parts} phone requests), independent verification ${verifiedMs} ms`;
      testInfo.annotations.push({ type: 'timing', description: timing });
      console.log(`[1024 txns, ${behaviour} phone] ${timing}`);
    });
  }

  test('a silent phone on 1,024 transactions answers 4002 once and the request does not come back', async ({
    context,
    extensionId,
    server,
    seedSettings,
    worker,
  }) => {
    await seedSettings({ requestDeadlineMs: 3_000 });
    const { address, wallet } = await pairPhone(context, extensionId, server);
    await wallet.setFault('silent');
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const signing = dapp.signTransactions(await dapp.buildGroup(address, COUNT));
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveSign();

    expect(errorOf(await signing).code).toBe(4002);
    await approval.waitForClose();
    // A request re-submitted by the page's relay would be back in the queue (and the window) by now.
    await expect.poll(() => storedQueue(worker)).toEqual([]);
    expect(context.pages().some((p) => p.url().endsWith('#approval'))).toBe(false);
  });
});
