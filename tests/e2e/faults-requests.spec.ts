/**
 * Requests that cannot complete still end in exactly one defined answer: the phone leaves mid-request
 * (4002 at the deadline, and the approval window says why), and the user closes the approval window
 * with requests pending (4001 for each, nothing left queued, no badge).
 */
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { connectDapp, pairPhone } from './support/flows';
import { badgeSeenFrom, queueSeenFrom, recordAnswers } from './support/fault-probes';
import { errorOf } from './support/sign-flow';
import { testIds } from '../../components/test-ids';

const DEADLINE_MS = 4_000;
/** The deadline is enforced by a 1 s sweep; allow for it and a loaded machine. */
const SWEEP_SLACK_MS = 3_000;

test.describe('requests under faults', () => {
  test('a request waiting on an offline phone shows when the site will get an error', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({ requestDeadlineMs: 120_000 });
    const { popup, wallet, address } = await pairPhone(context, extensionId, server);
    await wallet.setAutoApprove(false);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const signing = dapp.signTransactions([{ txn: await dapp.buildPayment(address) }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveSign();
    await wallet.expectPending(1);
    const deadline = approval.page.getByTestId(testIds.requestDeadline);
    await expect(deadline).toHaveText(/^Times out at .+ \(in \d+:\d\d\)$/);

    await wallet.disconnect();
    await approval.expectPhase('phone-offline');
    await expect(deadline).toContainText('If your phone does not come back, Tandem answers the site with an error at');
    const [queued] = await queueSeenFrom(popup.page);
    expect(queued?.deadlineAt).toBeGreaterThan(Date.now());
    await expect(deadline).toHaveAttribute('data-deadline-at', String(queued?.deadlineAt));
    await expect(deadline.locator('time')).toHaveAttribute('datetime', new Date(queued!.deadlineAt!).toISOString());

    await approval.page.getByTestId(testIds.cancelRequest).click();
    expect(errorOf(await signing).code).toBe(4001);
  });

  test('the phone leaves after the request reached it: the window says it went offline, and the dApp gets 4002 at the deadline', async ({
    context,
    extensionId,
    server,
    seedSettings,
  }) => {
    await seedSettings({ requestDeadlineMs: DEADLINE_MS });
    const { popup, wallet, address } = await pairPhone(context, extensionId, server);
    await wallet.setAutoApprove(false);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const answers = await recordAnswers(dapp.page);

    const signing = dapp.signTransactions([{ txn: await dapp.buildPayment(address) }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveSign();
    const approvedAt = Date.now();
    await wallet.expectPending(1);

    await wallet.disconnect();
    await expect(approval.requestError()).toContainText(/your phone went offline/i);
    await approval.expectPhase('phone-offline');

    const error = errorOf(await signing);
    const answeredAfter = Date.now() - approvedAt;
    expect(error.code).toBe(4002);
    expect(error.message).toMatch(/went offline/i);
    expect(answeredAfter).toBeLessThan(DEADLINE_MS + SWEEP_SLACK_MS);
    await approval.waitForClose();
    await expect.poll(() => queueSeenFrom(popup.page)).toEqual([]);
    expect(await answers()).toHaveLength(1);
  });

  test('a phone that comes back before the deadline gets the request again and signs it', async ({ context, extensionId, server, signSetup: { wallet, link, address, dapp } }) => {
    await wallet.setAutoApprove(false);

    const signing = dapp.signTransactions([{ txn: await dapp.buildPayment(address) }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveSign();
    await wallet.expectPending(1);
    await wallet.disconnect();
    await expect(approval.requestError()).toContainText(/your phone went offline/i);

    await wallet.setAutoApprove(true);
    // The re-scan QR shows at once; Tandem's new socket waits for the phone a moment later. A phone
    // scanning before that loses its first offer (liquid-protocol.md §3): scan once it waits, as a person would.
    const requestId = new URL(link.replace(/^liquid:/, 'http:')).searchParams.get('requestId')!;
    await expect.poll(() => server.linksWaiting(requestId)).toBeGreaterThan(0);
    await wallet.connect(link);
    expect((await signing).ok).toBe(true);
  });

  test('closing the approval window with two requests pending answers both 4001 and leaves nothing behind', async ({ context, extensionId, signSetup: { popup, wallet, address, dapp } }) => {
    const answers = await recordAnswers(dapp.page);

    const first = dapp.signTransactions([{ txn: await dapp.buildPayment(address, { note: 'first' }) }]);
    const second = dapp.signTransactions([{ txn: await dapp.buildPayment(address, { note: 'second' }) }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.pendingCount()).toHaveText('2 requests waiting');
    await expect.poll(() => badgeSeenFrom(popup.page)).toBe('2');

    await approval.page.close();

    for (const outcome of await Promise.all([first, second])) {
      const error = errorOf(outcome);
      expect(error.code).toBe(4001);
      expect(error.message).toMatch(/closed the Tandem approval window/);
    }
    await expect.poll(() => queueSeenFrom(popup.page)).toEqual([]);
    await expect.poll(() => badgeSeenFrom(popup.page)).toBe('');
    expect(await answers()).toHaveLength(2);
    expect(await wallet.dappSignRequests()).toEqual([]);
  });
});
