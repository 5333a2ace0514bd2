/**
 * A page that floods Tandem: the queue is bounded per origin (16 open requests) and in bytes, the
 * excess is refused at once, the approval window stays usable, and a site can be blocked.
 */
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { blockFromPrompt, blockedRow, unblockSite } from './support/blocking';
import { storedQueue } from './support/extension-state';
import { connectDapp, pairPhone } from './support/flows';
import { flood, listenForResponses, requestRaw, seenResponses, errorOfResponse, type Target } from './support/hostile-page';
import { largePayments } from './support/hostile-txns';
import { queueBytes } from './support/session-storage';
import { siteRow } from './support/sites-list';
import { verifySignedTxn } from './support/verify';
import { DappPage, TESTNET_HASH } from './support/dapp-page';

const FLOOD = 1_200;
const MAX_OPEN = 16;

const signDetails = (prefix: string, count: number, txns: { txn: string }[]) =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, reference: 'arc0027:sign_transactions:request', params: { txns } }));

/** Answers the page has seen for ids starting with `prefix`, by outcome. */
async function answersFor(target: Target, prefix: string) {
  const seen = (await seenResponses(target)).filter((r) => String(r.requestId).startsWith(`${prefix}-`));
  return { ok: seen.filter((r) => !r.error), byCode: (code: number) => seen.filter((r) => r.error?.code === code).length, total: seen.length };
}

test.describe('floods', () => {
  test('1,200 sign requests: 16 queued, the rest refused at once; the window works through the 16', async ({ context, extensionId, server, seedSettings, worker }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const txn = await dapp.buildPayment(address);

    const report = await flood(dapp.page, 'sign_transactions', signDetails('flood', FLOOD, [{ txn }]), FLOOD - MAX_OPEN);
    console.log(`${FLOOD} sign requests: ${MAX_OPEN} queued, ${report.byCode['4000']} refused (4000) in ${report.ms} ms`);
    expect(report.byCode).toEqual({ 4000: FLOOD - MAX_OPEN });
    const queue = await storedQueue(worker);
    expect(queue.filter((e) => !e.outcome)).toHaveLength(MAX_OPEN);
    const bytes = await queueBytes(worker);
    console.log(`queue in storage.session: ${bytes.queue} bytes (${bytes.all} in all, quota ${bytes.quota})`);
    expect(bytes.queue).toBeLessThan(100_000);
    expect(context.pages().filter((p) => p.url().endsWith('#approval'))).toHaveLength(1);

    // The approval window works through them: one approved, one rejected, the rest blocked at once.
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.pendingCount()).toHaveText(`${MAX_OPEN} requests waiting`);
    await approval.approveSign();
    await expect.poll(async () => (await answersFor(dapp.page, 'flood')).ok.length).toBe(1);
    const signed = (await answersFor(dapp.page, 'flood')).ok[0]!.result as { stxns: string[] };
    verifySignedTxn(signed.stxns[0]!, txn, address);
    await expect(approval.pendingCount()).toHaveText(`${MAX_OPEN - 1} requests waiting`);
    await approval.reject();
    await expect(approval.pendingCount()).toHaveText(`${MAX_OPEN - 2} requests waiting`);
    await blockFromPrompt(approval.page);
    await expect.poll(async () => (await answersFor(dapp.page, 'flood')).byCode(4001)).toBe(MAX_OPEN - 1);
    expect((await answersFor(dapp.page, 'flood')).total).toBe(FLOOD);
    await approval.waitForClose();
    await expect.poll(() => storedQueue(worker)).toEqual([]);
  });

  test('a blocked site is refused at once, enable included, until unblocked in the popup', async ({ context, extensionId, server, seedSettings, worker }) => {
    await seedSettings({});
    const { address, popup } = await pairPhone(context, extensionId, server);
    const origin = server.url;
    const { dapp } = await connectDapp(context, extensionId, `${origin}/dapp`);
    const txn = await dapp.buildPayment(address);
    const waiting = await flood(dapp.page, 'sign_transactions', signDetails('before-block', 2, [{ txn }]), 0);
    expect(waiting.answered).toBe(0);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.pendingCount()).toHaveText('2 requests waiting');
    await blockFromPrompt(approval.page);
    await expect.poll(async () => (await answersFor(dapp.page, 'before-block')).byCode(4001)).toBe(2);
    await approval.waitForClose();

    for (const [method, params] of [
      ['sign_transactions', { txns: [{ txn }] }],
      ['enable', { genesisHash: TESTNET_HASH }],
      ['discover', {}],
    ] as const) {
      const { response, ms } = await requestRaw(dapp.page, method, { id: `after-block-${method}`, params });
      expect(errorOfResponse(response)).toMatchObject({ code: 4001, message: 'You blocked this site in Tandem' });
      console.log(`blocked site: ${method} refused in ${Math.round(ms)} ms`);
      expect(ms).toBeLessThan(3_000);
    }
    await expect.poll(() => storedQueue(worker)).toEqual([]);

    // The popup lists it as blocked, not connected; unblocking lets it ask again (a prompt: no session).
    await expect(blockedRow(popup.page, origin)).toHaveCount(1);
    await expect(siteRow(popup.page, origin)).toHaveCount(0);
    await unblockSite(popup.page, origin);
    const enabling = dapp.enable();
    const again = await ApprovalPage.find(context, extensionId);
    await again.approveConnect();
    expect((await enabling).ok).toBe(true);
  });

  test('1,200 enable requests from a new site: 16 queued, the rest refused; one approval answers the 16', async ({ context, extensionId, server, seedSettings, worker }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const dapp = await DappPage.open(context, `http://127.0.0.1:${server.port}/dapp`);
    const details = Array.from({ length: FLOOD }, (_, i) => ({ id: `enable-${i}`, params: { genesisHash: TESTNET_HASH } }));

    const report = await flood(dapp.page, 'enable', details, FLOOD - MAX_OPEN);
    console.log(`${FLOOD} enable requests: ${MAX_OPEN} queued, ${report.byCode['4000']} refused (4000) in ${report.ms} ms`);
    expect(report.byCode).toEqual({ 4000: FLOOD - MAX_OPEN });
    expect((await storedQueue(worker)).filter((e) => !e.outcome)).toHaveLength(MAX_OPEN);
    console.log(`queue in storage.session: ${(await queueBytes(worker)).queue} bytes`);

    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.pendingCount()).toHaveText(`${MAX_OPEN} requests waiting`);
    await approval.approveConnect();
    await expect.poll(async () => (await answersFor(dapp.page, 'enable')).ok.length).toBe(MAX_OPEN);
    for (const answer of (await answersFor(dapp.page, 'enable')).ok) expect((answer.result as { accounts: unknown }).accounts).toEqual([{ address }]);
    await approval.waitForClose();
    await expect.poll(() => storedQueue(worker)).toEqual([]);
  });

  test('large requests cannot fill storage.session: past its share a site is refused at once, and another site still gets through', async ({ context, extensionId, server, seedSettings, worker }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const { dapp: hog } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const { dapp: other } = await connectDapp(context, extensionId, `http://127.0.0.1:${server.port}/dapp`);
    await listenForResponses(hog.page);
    // 1,024 payments with 300-byte notes: a legitimate request, about 2.2 MB once described.
    const large = largePayments(address, 1024, 300);
    const details = signDetails('large', 4, large);
    const report = await flood(hog.page, 'sign_transactions', details, 3, 30_000);
    console.log(`4 requests of 1,024 txns (${JSON.stringify(large).length} chars each): ${JSON.stringify(report.byCode)} in ${report.ms} ms`);
    expect(report.byCode).toEqual({ 4000: 3 });
    const refusal = (await answersFor(hog.page, 'large')).total;
    expect(refusal).toBe(3);
    const bytes = await queueBytes(worker);
    console.log(`queue in storage.session: ${bytes.queue} bytes of ${bytes.quota}`);
    expect(bytes.all).toBeLessThan(bytes.quota / 2);

    // A request larger than any site's share is refused by itself, with a message that says why.
    const huge = await requestRaw(hog.page, 'sign_transactions', { id: 'huge', params: { txns: largePayments(address, 1024, 1000) } }, 30_000);
    expect(errorOfResponse(huge.response).message).toMatch(/cannot hold this request/);

    // Another site is not locked out.
    const txn = await other.buildPayment(address);
    const signing = other.signTransactions([{ txn }]);
    const approval = await ApprovalPage.find(context, extensionId);
    // The hog's request is first in line: reject it, then approve the other site's.
    await expect(approval.promptOrigin()).toHaveText(server.url);
    await approval.reject();
    await expect(approval.promptOrigin()).toHaveText(`http://127.0.0.1:${server.port}`);
    await approval.approveSign();
    const outcome = await signing;
    expect(outcome.ok, JSON.stringify(outcome).slice(0, 300)).toBe(true);
    await expect.poll(() => storedQueue(worker)).toEqual([]);
  });
});
