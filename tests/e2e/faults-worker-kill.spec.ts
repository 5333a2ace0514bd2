/**
 * "Never lose a request": the service worker is killed at each stage of a sign request. Each
 * time the dApp page receives exactly one answer (counted on its window, not through the dApp
 * library, which would hide a duplicate), Tandem opens no second approval window, and nothing is
 * left in the queue.
 */
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { killServiceWorker } from './support/browser';
import { badgeSeenFrom, freezeScripts, queueSeenFrom, recordAnswers, watchApprovalWindows } from './support/fault-probes';
import { errorOf, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';

test.describe('service worker killed mid-request', () => {
  test('killed after queueing, before the approval window opened: the next worker opens it, and approving signs', async ({
    context,
    extensionId,
    signSetup: { popup, address, dapp },
    worker,
  }) => {
    const answers = await recordAnswers(dapp.page);
    const windows = watchApprovalWindows(context, extensionId);
    // This worker will queue the request and then hang where it opens the window (no callback ever).
    await worker.evaluate(() => {
      (globalThis as unknown as { chrome: { windows: { create: () => void } } }).chrome.windows.create = () => undefined;
    });
    const txn = await dapp.buildPayment(address, { note: 'kill before the window opened' });

    const signing = dapp.signTransactions([{ txn }]);
    await expect.poll(async () => (await queueSeenFrom(popup.page)).length, { message: 'the request should be queued' }).toBe(1);
    expect(windows.opened()).toBe(0);
    await killServiceWorker(context, extensionId);

    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveSign();
    verifySignedTxn(stxnsOf(await signing)[0]!, txn, address);
    await approval.waitForClose();
    await expect.poll(() => queueSeenFrom(popup.page)).toEqual([]);
    expect(await answers()).toHaveLength(1);
    expect(windows.opened()).toBe(1);
  });

  test('killed while the prompt waits for the user: approving afterwards signs, one answer, one window', async ({ context, extensionId, signSetup: { popup, address, dapp } }) => {
    const answers = await recordAnswers(dapp.page);
    const windows = watchApprovalWindows(context, extensionId);
    const txn = await dapp.buildPayment(address, { note: 'kill while awaiting approval' });

    const signing = dapp.signTransactions([{ txn }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    const firstStart = await popup.backgroundStartedAt();

    await killServiceWorker(context, extensionId);
    // A new worker (woken by this call or the content script's next poll) reloads the queue.
    expect(await popup.backgroundStartedAt()).toBeGreaterThan(firstStart);
    await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    await approval.approveSign();

    verifySignedTxn(stxnsOf(await signing)[0]!, txn, address);
    await approval.waitForClose();
    await expect.poll(() => queueSeenFrom(popup.page)).toEqual([]);
    expect(await answers()).toHaveLength(1);
    expect(windows.opened()).toBe(1);
  });

  test('killed while the phone holds the request: the phone approves afterwards, one answer, one window', async ({ context, extensionId, signSetup: { popup, wallet, address, dapp } }) => {
    await wallet.setAutoApprove(false);
    const answers = await recordAnswers(dapp.page);
    const windows = watchApprovalWindows(context, extensionId);
    const txn = await dapp.buildPayment(address, { note: 'kill while awaiting the phone' });

    const signing = dapp.signTransactions([{ txn }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveSign();
    await expect(approval.confirmOnPhone()).toBeVisible();
    await wallet.expectPending(1);

    await killServiceWorker(context, extensionId);
    // The reply travels offscreen document → (woken) worker → tab.
    await wallet.approve();

    verifySignedTxn(stxnsOf(await signing)[0]!, txn, address);
    await approval.waitForClose();
    await expect.poll(() => queueSeenFrom(popup.page)).toEqual([]);
    expect(await answers()).toHaveLength(1);
    expect(windows.opened()).toBe(1);
  });

  test('killed after the reply arrived but before the tab got it: the tab still gets it, exactly once', async ({ context, extensionId, signSetup: { popup, wallet, address, dapp } }) => {
    await wallet.setAutoApprove(false);
    const answers = await recordAnswers(dapp.page);
    const windows = watchApprovalWindows(context, extensionId);
    const txn = await dapp.buildPayment(address, { note: 'kill between reply and delivery' });

    const signing = dapp.signTransactions([{ txn }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveSign();
    await wallet.expectPending(1);

    // With the dApp tab's scripts frozen, the worker's push to it cannot be delivered (nor can the
    // content script poll): once the answer is in the queue, it is received and undelivered.
    const frozen = await freezeScripts(dapp.page);
    await wallet.approve();
    await expect
      .poll(async () => (await queueSeenFrom(popup.page)).map((entry) => entry.outcome?.ok ?? 'open'), { message: 'the verified answer should be queued' })
      .toEqual([true]);
    await killServiceWorker(context, extensionId);
    expect((await queueSeenFrom(popup.page)).map((entry) => entry.outcome?.ok)).toEqual([true]);
    await frozen.thaw();

    verifySignedTxn(stxnsOf(await signing)[0]!, txn, address);
    await expect.poll(() => queueSeenFrom(popup.page)).toEqual([]);
    expect(await answers()).toHaveLength(1);
    expect(windows.opened()).toBe(1);
    await approval.waitForClose();
  });
  test('a second request after a kill goes to the same approval window', async ({ context, extensionId, signSetup: { popup, address, dapp } }) => {
    const windows = watchApprovalWindows(context, extensionId);

    const first = dapp.signTransactions([{ txn: await dapp.buildPayment(address, { note: 'first' }) }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    await killServiceWorker(context, extensionId);
    const second = dapp.signTransactions([{ txn: await dapp.buildPayment(address, { note: 'second' }) }]);
    await expect(approval.pendingCount()).toHaveText('2 requests waiting');
    expect(windows.opened()).toBe(1);

    await approval.approveSign();
    stxnsOf(await first);
    await approval.approveSign();
    stxnsOf(await second);
    await approval.waitForClose();
    await expect.poll(() => queueSeenFrom(popup.page)).toEqual([]);
    expect(windows.opened()).toBe(1);
  });

  test('closing the approval window while the worker is dead answers every pending request 4001', async ({ context, extensionId, signSetup: { popup, address, dapp } }) => {
    const answers = await recordAnswers(dapp.page);

    const first = dapp.signTransactions([{ txn: await dapp.buildPayment(address, { note: 'first' }) }]);
    const second = dapp.signTransactions([{ txn: await dapp.buildPayment(address, { note: 'second' }) }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.pendingCount()).toHaveText('2 requests waiting');
    await killServiceWorker(context, extensionId);
    await approval.page.close();

    for (const outcome of await Promise.all([first, second])) expect(errorOf(outcome).code).toBe(4001);
    await expect.poll(() => queueSeenFrom(popup.page)).toEqual([]);
    await expect.poll(() => badgeSeenFrom(popup.page)).toBe('');
    expect(await answers()).toHaveLength(2);
  });
});
