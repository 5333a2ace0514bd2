/** What reaches the phone and the prompt (security review, issue #11). */
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { DappPage } from './support/dapp-page';
import { storedQueue } from './support/extension-state';
import { errorOf } from './support/sign-flow';
import { signWithApproval, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';

test.describe('requests you can trust', () => {
  test.use({ phoneBehaviour: 'reference' });

  test("the user's own transaction marked signers: [] never reaches the phone (which signs all it gets); the dApp gets null there", async ({
    context,
    extensionId,
    signSetup: { wallet, address, dapp },
  }) => {
    const group = await dapp.buildGroup(address, 3);
    const withheld = { ...group[0]!, signers: [] };
    const { outcome } = await signWithApproval(context, extensionId, dapp, [withheld, group[1]!, group[2]!]);
    const stxns = stxnsOf(outcome);
    expect(stxns[0]).toBeNull();
    verifySignedTxn(stxns[1]!, group[1]!.txn, address);
    expect(stxns[2]).toBeNull();
    const received = JSON.stringify(await wallet.received());
    expect(received).toContain(group[1]!.txn);
    expect(received).not.toContain(group[0]!.txn);
  });
});

test.describe('prompts you can trust', () => {
  test('a request swapped under the cursor: Approve waits and says the request changed, so the click does nothing', async ({
    context,
    extensionId,
    server,
    worker,
    signSetup: { address, dapp },
  }) => {
    const other = await DappPage.open(context, `${server.url}/dapp`);
    // Its page goes away below, and the page's call with it.
    const first = dapp.signTransactions([{ txn: await dapp.buildPayment(address, { note: 'in view first' }) }]).catch(() => undefined);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.approveButton()).toBeEnabled();
    const swappedIn = await other.buildPayment(address, { amount: 1_000_000_000, note: 'swapped in' });
    const second = other.signTransactions([{ txn: swappedIn }]);
    await expect.poll(async () => (await storedQueue(worker)).length).toBe(2);
    // The page closes the tab whose request is in view: the other request takes its place.
    await dapp.page.close();
    await first;
    await expect(approval.requestChanged()).toBeVisible();
    await expect(approval.approveButton()).toBeDisabled();
    // A click at that moment (forced: a user does not wait for Playwright's checks) does nothing.
    await approval.approveButton().click({ force: true });
    await expect(approval.requestChanged()).toBeVisible();
    expect((await storedQueue(worker)).map((e) => e.stage)).toEqual(['awaiting-approval']);
    // Once it has settled, Approve works as usual.
    await expect(approval.requestChanged()).toBeHidden();
    await approval.approveSign();
    verifySignedTxn(stxnsOf(await second)[0]!, swappedIn, address);
  });

  test('Reject all answers every waiting request with 4001, from every site', async ({ context, extensionId, server, signSetup: { address, dapp } }) => {
    const stranger = await DappPage.open(context, `http://127.0.0.1:${server.port}/dapp`);
    const a = dapp.signTransactions([{ txn: await dapp.buildPayment(address) }]);
    const b = dapp.signTransactions([{ txn: await dapp.buildPayment(address, { note: 'second' }) }]);
    const c = stranger.enable();
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.pendingCount()).toHaveText('3 requests waiting');
    // A top-level page's prompt names no framing page.
    await expect(approval.promptEmbedded()).toHaveCount(0);
    await approval.rejectAll();
    for (const outcome of await Promise.all([a, b, c])) expect(errorOf(outcome)).toMatchObject({ code: 4001, message: 'You rejected all waiting requests' });
    await approval.waitForClose();
  });
});
