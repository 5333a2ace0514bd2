/**
 * Accounts (issue #16, one pairing): a connections phone's two accounts, names, an account rekeyed
 * to the phone's key (checked through the algod stand-in, or "not checked" without it), and which
 * accounts each site gets.
 */
import algosdk from 'algosdk';
import type { Worker } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { DappPage } from './support/dapp-page';
import { algoPayment, algodSettings, startTestAlgod, type RunningAlgodStandIn } from './support/algod';
import { accountCheck, accountRow, accountRows, accountsMessage, addAccount, changeSiteAccounts, chooseAccounts, renameAccount, siteAccounts } from './support/accounts-page';
import { errorOf, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';
import { clickMayClose } from './support/click';

const RECEIVER = algosdk.generateAccount().addr.toString();

/** The connections phone's accounts as the pairing record holds them. */
async function phoneAccounts(worker: Worker): Promise<string[]> {
  await expect
    .poll(() => worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      const { pairing } = await api.storage.local.get('pairing');
      return ((pairing as { phone?: { accounts: unknown[] } | null }[] | undefined)?.[0]?.phone?.accounts ?? []).length;
    }))
    .toBe(2);
  return worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
    const { pairing } = await api.storage.local.get('pairing');
    return (pairing as { phone: { accounts: { address: string }[] } }[])[0]!.phone.accounts.map((a) => a.address);
  });
}

/** dApp enable, the chooser set to `chosen`, Connect; returns the dApp and the enable answer. */
async function connectChoosing(context: Parameters<typeof DappPage.open>[0], extensionId: string, url: string, all: string[], chosen: string[]) {
  const dapp = await DappPage.open(context, url);
  const enabling = dapp.enable();
  const approval = await ApprovalPage.find(context, extensionId);
  await expect(approval.connectPrompt()).toBeVisible();
  await chooseAccounts(approval.page, all, chosen);
  await clickMayClose(approval.approveButton());
  const enabled = await enabling;
  if (!approval.page.isClosed()) await approval.page.waitForEvent('close', { timeout: 10_000 });
  return { dapp, enabled: enabled as unknown as { ok: boolean; result: { accounts: { address: string }[] } } };
}

test.describe('a connections phone', () => {
  test.use({ phoneBehaviour: 'connections' });

  test('brings two accounts to the popup, and a site given only account B gets only B', async ({ context, extensionId, server, worker, pairedPhone }) => {
    const { popup } = pairedPhone;
    const [a, b] = await phoneAccounts(worker);
    await expect(accountRows(popup.page)).toHaveCount(2);
    await expect(accountRow(popup.page, a!)).toContainText('Dev account');
    await expect(accountRow(popup.page, b!)).toContainText('Dev savings');
    await expect(accountRow(popup.page, b!)).toContainText('connected');

    const { dapp, enabled } = await connectChoosing(context, extensionId, `${server.url}/dapp`, [a!, b!], [b!]);
    expect(enabled.result.accounts).toEqual([{ address: b }]);
    expect(await dapp.enableSilently()).toMatchObject({ ok: true, result: { accounts: [{ address: b }] } });
    await expect(siteAccounts(popup.page, server.url)).toHaveText('Accounts: Dev savings');

    // A signer outside the site's accounts: 4100, no prompt.
    expect(errorOf(await dapp.signTransactions([{ txn: algoPayment(a!, RECEIVER, 1_000) }])).code).toBe(4100);

    // B signs, with B's key.
    const txn = algoPayment(b!, RECEIVER, 2_000);
    const signing = dapp.signTransactions([{ txn }]);
    await ApprovalPage.approveNextSign(context, extensionId);
    verifySignedTxn(stxnsOf(await signing)[0]!, txn, b!);

    // The popup changes the choice; enable answers with both, in the accounts list's order.
    await changeSiteAccounts(popup.page, server.url, [a!, b!], [b!, a!]);
    await expect(siteAccounts(popup.page, server.url)).toHaveText('Accounts: Dev account, Dev savings');
    expect(await dapp.enableSilently()).toMatchObject({ ok: true, result: { accounts: [{ address: a }, { address: b }] } });
  });
});

test.describe('names', () => {
  test('a name given in the popup shows in the connect prompt', async ({ context, extensionId, server, pairedPhone }) => {
    const { popup, address } = pairedPhone;
    await renameAccount(popup.page, address, 'Everyday spending');
    const dapp = await DappPage.open(context, `${server.url}/dapp`);
    const enabling = dapp.enable();
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.connectPrompt()).toContainText('Everyday spending');
    await approval.approveConnect();
    expect(await enabling).toMatchObject({ ok: true, result: { accounts: [{ address }] } });
  });
});

test.describe('an account rekeyed to the phone', () => {
  let algod: RunningAlgodStandIn;
  test.beforeEach(async () => {
    algod = await startTestAlgod();
  });
  test.afterEach(async () => {
    await algod.close();
  });

  test('is checked with algod, connected and signed for with the phone key, sgnr set', async ({ context, extensionId, server, seedSettings, pairedPhone }) => {
    const { popup, address } = pairedPhone;
    const rekeyed = algosdk.generateAccount().addr.toString();
    algod.ledger.seedAccount({ address: rekeyed, microAlgos: 5_000_000, authAddr: address });
    await seedSettings(algodSettings(algod.url));

    // Refused: not an address; an account not rekeyed to the phone; then added, checked.
    await addAccount(popup.page, 'not an address');
    await expect(accountsMessage(popup.page)).toHaveText('That is not an Algorand address');
    const stranger = algosdk.generateAccount().addr.toString();
    algod.ledger.seedAccount({ address: stranger, microAlgos: 1_000_000 });
    await addAccount(popup.page, stranger);
    await expect(accountsMessage(popup.page)).toContainText("not rekeyed to your phone's account");
    await addAccount(popup.page, rekeyed);
    await expect(accountsMessage(popup.page)).toContainText('confirms it is rekeyed');
    await expect(accountCheck(popup.page, rekeyed)).toHaveAttribute('data-check', 'checked');
    await addAccount(popup.page, rekeyed);
    await expect(accountsMessage(popup.page)).toHaveText('This account is already in the list');

    const { dapp, enabled } = await connectChoosing(context, extensionId, `${server.url}/dapp`, [address, rekeyed], [rekeyed]);
    expect(enabled.result.accounts).toEqual([{ address: rekeyed }]);

    // The dApp names no authAddr: Tandem asks the phone for its key's signature.
    const txn = algoPayment(rekeyed, RECEIVER, 1_000);
    const signing = dapp.signTransactions([{ txn }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    await expect(approval.signPrompt()).not.toContainText('Not your account');
    await approval.approveSign();
    const stxn = stxnsOf(await signing)[0]!;
    verifySignedTxn(stxn, txn, address);
    expect(algosdk.decodeSignedTransaction(Buffer.from(stxn, 'base64')).sgnr?.toString()).toBe(address);

    // The phone's own account was not given to the site.
    expect(errorOf(await dapp.signTransactions([{ txn: algoPayment(address, RECEIVER, 1_000) }])).code).toBe(4100);
  });

  test('is added "not checked" with network reads off, and unpairing removes it', async ({ seedSettings, pairedPhone, worker }) => {
    const { popup } = pairedPhone;
    await seedSettings({ ...algodSettings(algod.url), networkReads: false });
    const rekeyed = algosdk.generateAccount().addr.toString();
    await addAccount(popup.page, rekeyed);
    await expect(accountsMessage(popup.page)).toContainText('not checked');
    await expect(accountCheck(popup.page, rekeyed)).toHaveAttribute('data-check', 'not-checked');
    await expect(accountCheck(popup.page, rekeyed)).toContainText('not checked');

    await popup.unpair();
    await expect(accountRows(popup.page)).toHaveCount(0);
    const stored = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      return (await api.storage.local.get('accounts')).accounts;
    });
    expect(stored).toEqual({ names: {}, rekeyed: [] });
  });
});
