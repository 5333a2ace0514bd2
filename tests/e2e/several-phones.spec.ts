/**
 * Several phones (issue #16): two dev wallets (`?profile=b` is the second phone, its own account and
 * passkey) paired through one dev server, each on its own machine in the background
 * (entrypoints/background/phones.ts). Each pairs, reconnects, unpairs, signs and goes offline
 * without disturbing the other; accounts and sites follow the phone that holds each key.
 */
import algosdk from 'algosdk';
import type { BrowserContext, TestInfo, Worker } from '@playwright/test';
import { test, expect, type SeedSettings } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { DappPage } from './support/dapp-page';
import { pairPhone } from './support/flows';
import { PhonesPage, requestIdOf, type Phone } from './support/phones-page';
import type { PopupPage } from './support/popup-page';
import type { TestServer } from './support/server';
import type { Behaviour } from './support/wallet-page';
import { algoPayment, algodSettings, grouped, startTestAlgod } from './support/algod';
import { accountCheck, accountRow, accountRows, accountsMessage, addAccount, chooseAccounts } from './support/accounts-page';
import { killServiceWorker } from './support/browser';
import { errorOf, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';
import { clickMayClose } from './support/click';
import { testIds } from '../../components/test-ids';

const RECEIVER = algosdk.generateAccount().addr.toString();

/** The worker's console (every worker life), attached to a failed test: the background logs each phone's steps. */
function recordWorkerLog(context: BrowserContext, worker: Worker): string[] {
  const lines: string[] = [];
  const follow = (w: Worker) => w.on('console', (m) => lines.push(`${new Date().toISOString()} ${m.text()}`));
  follow(worker);
  context.on('serviceworker', follow);
  return lines;
}

let workerLog: string[] = [];
test.afterEach(async ({}, testInfo: TestInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('worker-console.txt', { body: workerLog.join('\n'), contentType: 'text/plain' });
});

interface TwoPhones {
  popup: PopupPage;
  phones: PhonesPage;
  a: Phone;
  b: Phone;
}

/** Phone A paired as `pairPhone` does, then phone B through "Pair another phone"; both connected. */
async function pairTwo(
  { context, extensionId, server, worker, seedSettings }: { context: BrowserContext; extensionId: string; server: TestServer; worker: Worker; seedSettings: (s: SeedSettings) => Promise<void> },
  options: { settings?: SeedSettings; behaviourB?: Behaviour } = {},
): Promise<TwoPhones> {
  workerLog = recordWorkerLog(context, worker);
  await seedSettings(options.settings ?? {});
  const first = await pairPhone(context, extensionId, server);
  const a: Phone = { wallet: first.wallet, link: first.link, requestId: requestIdOf(first.link), address: first.address };
  const phones = new PhonesPage(first.popup);
  const b = await phones.pairAnother(context, server, [a], { profile: 'b', behaviour: options.behaviourB });
  await phones.expectPhase(a.requestId, 'connected');
  return { popup: first.popup, phones, a, b };
}

/** dApp enable, the chooser set to `chosen`, Connect; returns the dApp and the accounts enable gave. */
async function connectChoosing(context: BrowserContext, extensionId: string, url: string, all: string[], chosen: string[]) {
  const dapp = await DappPage.open(context, url);
  const enabling = dapp.enable();
  const approval = await ApprovalPage.find(context, extensionId);
  await expect(approval.connectPrompt()).toBeVisible();
  await chooseAccounts(approval.page, all, chosen);
  await clickMayClose(approval.approveButton());
  const enabled = await enabling;
  expect(enabled.ok, JSON.stringify(enabled)).toBe(true);
  if (!approval.page.isClosed()) await approval.page.waitForEvent('close', { timeout: 10_000 });
  return { dapp, accounts: (enabled as unknown as { result: { accounts: { address: string }[] } }).result.accounts.map((x) => x.address) };
}

/** One payment from `from`, approved in the window (the phone auto-approves), verified against `key`. */
async function signsFor(context: BrowserContext, extensionId: string, dapp: DappPage, from: string, key: string, note: string) {
  const txn = algoPayment(from, RECEIVER, 1_000 + note.length);
  const signing = dapp.signTransactions([{ txn }]);
  await ApprovalPage.approveNextSign(context, extensionId);
  const stxn = stxnsOf(await signing)[0]!;
  verifySignedTxn(stxn, txn, key);
  return stxn;
}

/** The dev wallet's log lines saying the other end closed its link (each line starts with a time). */
async function linkClosures(phone: Phone): Promise<string[]> {
  return (await phone.wallet.log()).filter((line) => line.includes(' link closed: '));
}

/** The number of times the dev wallet's data channel opened (its log says so each time). */
async function channelOpens(phone: Phone): Promise<number> {
  return (await phone.wallet.log()).filter((line) => line.includes('data channel open')).length;
}

test.describe('several phones', () => {
  test('1. both phones pair through one dev server and show connected, each with its own account', async ({ context, extensionId, server, worker, seedSettings }) => {
    const { popup, phones, a, b } = await pairTwo({ context, extensionId, server, worker, seedSettings });
    expect(b.requestId).not.toBe(a.requestId);
    expect(b.address).not.toBe(a.address);

    const pairings = await phones.pairings();
    expect(pairings.map((p) => [p.requestId, p.wallet, p.server])).toEqual([
      [a.requestId, a.address, server.url],
      [b.requestId, b.address, server.url],
    ]);
    const stored = await phones.storedPhones();
    expect(Object.keys(stored).sort()).toEqual([a.requestId, b.requestId].sort());
    expect(stored[a.requestId]!.phase).toBe('connected');
    expect(stored[b.requestId]!.phase).toBe('connected');

    await expect(phones.rows()).toHaveCount(2);
    await expect(phones.row(a.requestId)).toHaveAttribute('data-phase', 'connected');
    await expect(phones.row(b.requestId)).toHaveAttribute('data-phase', 'connected');
    // Each phone signed its own pairing check.
    await phones.expectVerification(a.requestId, 'verified');
    await phones.expectVerification(b.requestId, 'verified');
    // Each account names the pairing that holds its key.
    await expect(accountRows(popup.page)).toHaveCount(2);
    await expect(accountRow(popup.page, a.address)).toHaveAttribute('data-pairing-id', a.requestId);
    await expect(accountRow(popup.page, b.address)).toHaveAttribute('data-pairing-id', b.requestId);
    await a.wallet.expectPhase('connected');
    await b.wallet.expectPhase('connected');
  });

  for (const [goes, stays] of [
    ['A', 'B'],
    ['B', 'A'],
  ] as const) {
    test(`2. phone ${goes} goes offline and reconnects, and phone ${stays} is unpaired, without disturbing the other; ${goes} still signs`, async ({
      context,
      extensionId,
      server,
      worker,
      seedSettings,
    }) => {
      const two = await pairTwo({ context, extensionId, server, worker, seedSettings });
      const { popup, phones } = two;
      const moving = goes === 'A' ? two.a : two.b;
      const other = goes === 'A' ? two.b : two.a;
      const { dapp, accounts } = await connectChoosing(context, extensionId, `${server.url}/dapp`, [two.a.address, two.b.address], [two.a.address, two.b.address]);
      expect(accounts.sort()).toEqual([two.a.address, two.b.address].sort());
      const otherOpens = await channelOpens(other);
      const phasesSeen = await phones.watchPhases();

      await moving.wallet.disconnect();
      await phones.expectPhase(moving.requestId, 'phone-offline');
      // Its own re-scan link, in its row; the other phone is untouched.
      await expect(phones.rowLink(moving.requestId)).toHaveText(moving.link);
      await expect(phones.row(other.requestId)).toHaveAttribute('data-phase', 'connected');
      expect(await phones.storedPhase(other.requestId)).toBe('connected');
      await other.wallet.expectPhase('connected');

      await expect.poll(() => server.linksWaiting(moving.requestId), { message: "Tandem's link for the offline phone waits on the server" }).toBe(1);
      await moving.wallet.reconnect();
      await moving.wallet.expectPhase('connected');
      await phones.expectPhase(moving.requestId, 'connected');
      expect((await moving.wallet.lastPasskey())?.mode).toBe('asserted');
      // The other phone's channel never dropped.
      await other.wallet.expectPhase('connected');
      expect(await channelOpens(other)).toBe(otherOpens);
      expect(await linkClosures(other)).toEqual([]);
      expect(await phones.storedPhase(other.requestId)).toBe('connected');
      // Every write of session:phones meanwhile (each carries both phones) had the other one connected.
      const seen = await phasesSeen();
      expect(seen[moving.requestId]).toContain('phone-offline');
      expect(seen[moving.requestId]?.at(-1)).toBe('connected');
      expect(seen[other.requestId]?.length ?? 0).toBeGreaterThan(0);
      expect(new Set(seen[other.requestId])).toEqual(new Set(['connected']));

      // Both sign after the return.
      await signsFor(context, extensionId, dapp, moving.address, moving.address, 'after reconnecting');
      await signsFor(context, extensionId, dapp, other.address, other.address, 'the other phone');

      // Unpair the other phone: the one that moved stays connected and still signs.
      await phones.unpair(other.requestId);
      expect((await phones.pairings()).map((p) => p.requestId)).toEqual([moving.requestId]);
      await popup.expectPhase('connected');
      expect(await phones.storedPhase(moving.requestId)).toBe('connected');
      await moving.wallet.expectPhase('connected');
      await expect(accountRows(popup.page)).toHaveCount(1);
      await signsFor(context, extensionId, dapp, moving.address, moving.address, 'after the other phone was unpaired');
      // The site lost the unpaired phone's account.
      expect(await dapp.enableSilently()).toMatchObject({ ok: true, result: { accounts: [{ address: moving.address }] } });
    });
  }

  test('3. an account rekeyed to phone A is added, connected and signed for with A key, sgnr set', async ({ context, extensionId, server, worker, seedSettings }) => {
    const algod = await startTestAlgod();
    try {
      const { popup, a, b } = await pairTwo({ context, extensionId, server, worker, seedSettings }, { settings: algodSettings(algod.url) });
      const rekeyed = algosdk.generateAccount().addr.toString();
      algod.ledger.seedAccount({ address: rekeyed, microAlgos: 5_000_000, authAddr: a.address });

      await addAccount(popup.page, rekeyed);
      await expect(accountsMessage(popup.page)).toContainText('confirms it is rekeyed');
      await expect(accountCheck(popup.page, rekeyed)).toHaveAttribute('data-check', 'checked');
      await expect(accountRows(popup.page)).toHaveCount(3);
      await expect(accountRow(popup.page, rekeyed)).toHaveAttribute('data-pairing-id', a.requestId);

      const { dapp, accounts } = await connectChoosing(context, extensionId, `${server.url}/dapp`, [a.address, b.address, rekeyed], [rekeyed]);
      expect(accounts).toEqual([rekeyed]);

      const txn = algoPayment(rekeyed, RECEIVER, 1_000);
      const signing = dapp.signTransactions([{ txn }]);
      const approval = await ApprovalPage.find(context, extensionId);
      await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
      await expect(approval.signPrompt()).not.toContainText('Not your account');
      await approval.approveSign();
      const stxn = stxnsOf(await signing)[0]!;
      verifySignedTxn(stxn, txn, a.address);
      expect(algosdk.decodeSignedTransaction(Buffer.from(stxn, 'base64')).sgnr?.toString()).toBe(a.address);
      // Phone A was asked; phone B was not.
      expect(await a.wallet.dappSignRequests()).toHaveLength(1);
      expect(await b.wallet.dappSignRequests()).toHaveLength(0);
    } finally {
      await algod.close();
    }
  });

  test('4. a site given only account B gets only B from enable', async ({ context, extensionId, server, worker, seedSettings }) => {
    const { a, b } = await pairTwo({ context, extensionId, server, worker, seedSettings });
    const { dapp, accounts } = await connectChoosing(context, extensionId, `${server.url}/dapp`, [a.address, b.address], [b.address]);
    expect(accounts).toEqual([b.address]);
    expect(await dapp.enableSilently()).toMatchObject({ ok: true, result: { accounts: [{ address: b.address }] } });
    // A is not the site's: 4100 without a prompt; B signs with B's key.
    expect(errorOf(await dapp.signTransactions([{ txn: algoPayment(a.address, RECEIVER, 1_000) }])).code).toBe(4100);
    await signsFor(context, extensionId, dapp, b.address, b.address, 'only B');
    expect(await a.wallet.dappSignRequests()).toHaveLength(0);
  });

  test("5. a group with one transaction of A's and one of B's: each phone is asked for its own, both signatures verify", async ({ context, extensionId, server, worker, seedSettings }) => {
    const { a, b } = await pairTwo({ context, extensionId, server, worker, seedSettings });
    const { dapp } = await connectChoosing(context, extensionId, `${server.url}/dapp`, [a.address, b.address], [a.address, b.address]);
    const txns = grouped(algoPayment(a.address, RECEIVER, 1_000), algoPayment(b.address, RECEIVER, 2_000));

    // Both phones hold their request for a decision, so the window's per-phone progress can be read at each step.
    await a.wallet.setAutoApprove(false);
    await b.wallet.setAutoApprove(false);

    const signing = dapp.signTransactions(txns.map((txn) => ({ txn })));
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveSign();
    const step = (phone: Phone) => approval.page.getByTestId(testIds.legStep).and(approval.page.locator(`[data-request-id="${phone.requestId}"]`));
    await expect(approval.page.getByTestId(testIds.legStep)).toHaveCount(2);
    // One phone is asked at a time: whichever is current holds the request, the other has nothing yet.
    const [first, second] = (await step(a).getAttribute('data-state')) === 'current' ? [a, b] : [b, a];
    await expect(step(first)).toHaveAttribute('data-state', 'current');
    await expect(step(second)).toHaveAttribute('data-state', 'waiting');
    await first.wallet.expectPending(1);
    await second.wallet.expectPending(0);
    await first.wallet.approve();
    await expect(step(first)).toHaveAttribute('data-state', 'done');
    await expect(step(second)).toHaveAttribute('data-state', 'current');
    await second.wallet.expectPending(1);
    await second.wallet.approve();
    const stxns = stxnsOf(await signing);
    expect(stxns).toHaveLength(2);
    verifySignedTxn(stxns[0]!, txns[0]!, a.address);
    verifySignedTxn(stxns[1]!, txns[1]!, b.address);

    // Each phone got its own request: the whole group, with `signers: []` on the other's index.
    const toA = await a.wallet.dappSignRequests();
    const toB = await b.wallet.dappSignRequests();
    expect(toA).toHaveLength(1);
    expect(toB).toHaveLength(1);
    expect(toA[0]!.params.txns.map((t) => t.txn)).toEqual(txns);
    expect(toB[0]!.params.txns.map((t) => t.txn)).toEqual(txns);
    expect(toA[0]!.params.txns.map((t) => t.signers)).toEqual([undefined, []]);
    expect(toB[0]!.params.txns.map((t) => t.signers)).toEqual([[], undefined]);
  });

  test("6. phone A goes offline with its leg unsigned: the window shows A's re-scan, and the request completes once A is back", async ({
    context,
    extensionId,
    server,
    worker,
    seedSettings,
  }) => {
    const { phones, a, b } = await pairTwo({ context, extensionId, server, worker, seedSettings });
    const { dapp } = await connectChoosing(context, extensionId, `${server.url}/dapp`, [a.address, b.address], [a.address, b.address]);
    const txns = grouped(algoPayment(a.address, RECEIVER, 3_000), algoPayment(b.address, RECEIVER, 4_000));
    await a.wallet.setAutoApprove(false);

    const signing = dapp.signTransactions(txns.map((txn) => ({ txn })));
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveSign();
    // A's leg waits on A (its user has not approved); A then goes away.
    await a.wallet.expectPending(1);
    await a.wallet.disconnect();
    await phones.expectPhase(a.requestId, 'phone-offline');
    expect(await phones.storedPhase(b.requestId)).toBe('connected');

    // The window shows THAT phone: A's state and A's re-scan link, and A's leg as the one not done.
    await approval.expectPhase('phone-offline');
    await expect(approval.pairingLink()).toHaveText(a.link);
    await expect(approval.page.getByTestId(testIds.legStep).and(approval.page.locator(`[data-request-id="${a.requestId}"]`))).not.toHaveAttribute('data-state', 'done');

    // A comes back (approving this time): the request completes with both signatures.
    await a.wallet.setAutoApprove(true);
    await expect.poll(() => server.linksWaiting(a.requestId), { message: "Tandem's link for phone A waits on the server" }).toBe(1);
    await a.wallet.reconnect();
    await a.wallet.expectPhase('connected');
    const stxns = stxnsOf(await signing);
    verifySignedTxn(stxns[0]!, txns[0]!, a.address);
    verifySignedTxn(stxns[1]!, txns[1]!, b.address);
    await approval.waitForClose();
  });

  test("6b. the second phone goes offline after the first leg is signed: the window shows its re-scan, its return gets only its own leg, and the request completes", async ({
    context,
    extensionId,
    server,
    worker,
    seedSettings,
  }) => {
    const { phones, a, b } = await pairTwo({ context, extensionId, server, worker, seedSettings });
    const { dapp } = await connectChoosing(context, extensionId, `${server.url}/dapp`, [a.address, b.address], [a.address, b.address]);
    const txns = grouped(algoPayment(a.address, RECEIVER, 5_000), algoPayment(b.address, RECEIVER, 6_000));
    await a.wallet.setAutoApprove(false);
    await b.wallet.setAutoApprove(false);

    const signing = dapp.signTransactions(txns.map((txn) => ({ txn })));
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveSign();
    const step = (phone: Phone) => approval.page.getByTestId(testIds.legStep).and(approval.page.locator(`[data-request-id="${phone.requestId}"]`));
    await expect(approval.page.getByTestId(testIds.legStep)).toHaveCount(2);
    const [first, second] = (await step(a).getAttribute('data-state')) === 'current' ? [a, b] : [b, a];
    await first.wallet.expectPending(1);
    await first.wallet.approve();
    await expect(step(first)).toHaveAttribute('data-state', 'done');
    await second.wallet.expectPending(1);

    // The second phone goes away holding its leg.
    await second.wallet.disconnect();
    await phones.expectPhase(second.requestId, 'phone-offline');
    expect(await phones.storedPhase(first.requestId)).toBe('connected');
    await approval.expectPhase('phone-offline');
    await expect(approval.pairingLink()).toHaveText(second.link);
    await expect(step(first)).toHaveAttribute('data-state', 'done');
    await expect(step(second)).toHaveAttribute('data-state', 'current');

    await second.wallet.setAutoApprove(true);
    await expect.poll(() => server.linksWaiting(second.requestId), { message: "Tandem's link for the offline phone waits on the server" }).toBe(1);
    await second.wallet.reconnect();
    await second.wallet.expectPhase('connected');
    const stxns = stxnsOf(await signing);
    verifySignedTxn(stxns[0]!, txns[0]!, a.address);
    verifySignedTxn(stxns[1]!, txns[1]!, b.address);
    await approval.waitForClose();
    // The first phone, whose leg was done, was not asked again.
    expect(await first.wallet.dappSignRequests()).toHaveLength(1);
    // The second phone had its leg once before it went away and once on its return.
    expect(await second.wallet.dappSignRequests()).toHaveLength(2);
  });

  test("7. phone A unpaired while B keeps signing: B's request signs, A's account gets 4100", async ({ context, extensionId, server, worker, seedSettings }) => {
    const { popup, phones, a, b } = await pairTwo({ context, extensionId, server, worker, seedSettings });
    const { dapp } = await connectChoosing(context, extensionId, `${server.url}/dapp`, [a.address, b.address], [a.address, b.address]);
    await signsFor(context, extensionId, dapp, a.address, a.address, 'A before the unpair');

    await phones.unpair(a.requestId);
    await popup.expectPhase('connected');
    expect(await phones.storedPhase(b.requestId)).toBe('connected');
    await b.wallet.expectPhase('connected');

    await signsFor(context, extensionId, dapp, b.address, b.address, 'B after A was unpaired');
    expect(errorOf(await dapp.signTransactions([{ txn: algoPayment(a.address, RECEIVER, 1_000) }])).code).toBe(4100);
    await signsFor(context, extensionId, dapp, b.address, b.address, 'B once more');
  });

  test('8. the service worker is killed with both channels open: both phones are still connected and each signs', async ({ context, extensionId, server, worker, seedSettings }) => {
    const { popup, phones, a, b } = await pairTwo({ context, extensionId, server, worker, seedSettings });
    const { dapp } = await connectChoosing(context, extensionId, `${server.url}/dapp`, [a.address, b.address], [a.address, b.address]);
    const opens = [await channelOpens(a), await channelOpens(b)];

    const firstStart = await popup.backgroundStartedAt();
    await killServiceWorker(context, extensionId);
    expect(await popup.backgroundStartedAt()).toBeGreaterThan(firstStart);

    await phones.expectPhase(a.requestId, 'connected');
    await phones.expectPhase(b.requestId, 'connected');
    await signsFor(context, extensionId, dapp, a.address, a.address, 'A after the kill');
    await signsFor(context, extensionId, dapp, b.address, b.address, 'B after the kill');
    // The data channels live in the offscreen document: neither phone had to connect again.
    expect([await channelOpens(a), await channelOpens(b)]).toEqual(opens);
    expect([...(await linkClosures(a)), ...(await linkClosures(b))]).toEqual([]);
  });

  test('9. a connections phone B brings two accounts beside spec phone A: three accounts in the list', async ({ context, extensionId, server, worker, seedSettings }) => {
    const { popup, phones, a, b } = await pairTwo({ context, extensionId, server, worker, seedSettings }, { behaviourB: 'connections' });
    await expect.poll(async () => (await phones.pairings()).find((p) => p.requestId === b.requestId)?.phone?.accounts.length ?? 0).toBe(2);
    const bAccounts = (await phones.pairings()).find((p) => p.requestId === b.requestId)!.phone!.accounts.map((x) => x.address);
    expect(bAccounts[0]).toBe(b.address);

    await expect(accountRows(popup.page)).toHaveCount(3);
    await expect(accountRow(popup.page, a.address)).toHaveAttribute('data-pairing-id', a.requestId);
    for (const address of bAccounts) await expect(accountRow(popup.page, address)).toHaveAttribute('data-pairing-id', b.requestId);

    // B's second account signs through B's connections envelope; A's still through A.
    const { dapp } = await connectChoosing(context, extensionId, `${server.url}/dapp`, [a.address, ...bAccounts], [a.address, ...bAccounts]);
    await signsFor(context, extensionId, dapp, bAccounts[1]!, bAccounts[1]!, "B's second account");
    expect(await b.wallet.dappConnectionsRequests()).toHaveLength(1);
    await signsFor(context, extensionId, dapp, a.address, a.address, 'A beside B');
    expect(await a.wallet.dappSignRequests()).toHaveLength(1);
  });
});
