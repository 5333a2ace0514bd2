/**
 * post_transactions and sign_and_post_transactions against the algod stand-in: the consent
 * prompt, the transactions landing in the stand-in's ledger (read back here), and 4300 with
 * successTxnIDs when part of a request fails.
 */
import algosdk from 'algosdk';
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { algoPayment, algodSettings, startTestAlgod, type RunningAlgodStandIn } from './support/algod';
import { testIds } from '../../components/test-ids';

const RECEIVER = algosdk.generateAccount().addr.toString();
/** An account the test holds the key of: the site's own signer for post_transactions. */
const SITE = algosdk.generateAccount();

let algod: RunningAlgodStandIn;

test.beforeEach(async () => {
  algod = await startTestAlgod({ accounts: [{ address: RECEIVER, microAlgos: 1_000_000 }] });
});

test.afterEach(async () => {
  await algod.close();
});

const signedBySite = (txn: string) => Buffer.from(algosdk.decodeUnsignedTransaction(Buffer.from(txn, 'base64')).signTxn(SITE.sk)).toString('base64');
const txIdOf = (txn: string) => algosdk.decodeUnsignedTransaction(Buffer.from(txn, 'base64')).txID();
const balance = (address: string) => algod.ledger.account(address)?.microAlgos;

test.describe('sending to the network', () => {
  test('post_transactions asks for consent, then lands in the ledger and answers the ids', async ({ context, extensionId, signSetup, seedSettings }) => {
    const { dapp } = signSetup;
    const site = SITE.addr.toString();
    algod.ledger.seedAccount({ address: site, microAlgos: 5_000_000 });
    await seedSettings(algodSettings(algod.url));
    const first = algoPayment(site, RECEIVER, 250_000);
    const second = algoPayment(site, RECEIVER, 500_000);
    const posting = dapp.postTransactions([signedBySite(first), signedBySite(second)]);

    const approval = await ApprovalPage.find(context, extensionId);
    const prompt = approval.page.getByTestId(testIds.postPrompt);
    await expect(prompt.getByRole('heading')).toHaveText('Send 2 signed transactions to TestNet?');
    await expect(approval.page.getByTestId(testIds.postTarget)).toContainText(`through ${new URL(algod.url).host}`);
    await expect(approval.page.getByTestId(testIds.txnMark)).toHaveText([' · signature checked', ' · signature checked']);
    // Nothing is sent before the user agrees.
    expect(balance(RECEIVER)).toBe(1_000_000n);
    await approval.page.getByTestId(testIds.approve).click();

    const outcome = await posting;
    expect(outcome).toEqual({ ok: true, result: { providerId: expect.any(String), txnIDs: [txIdOf(first), txIdOf(second)] } });
    expect(balance(RECEIVER)).toBe(1_750_000n);
    expect(balance(site)).toBe(5_000_000n - 750_000n - 2_000n);
    expect(algod.ledger.confirmedTxn(txIdOf(second))).toBeDefined();
  });

  test('4300 with successTxnIDs when one of them fails; the other still lands', async ({ context, extensionId, signSetup, seedSettings }) => {
    const { dapp } = signSetup;
    const site = SITE.addr.toString();
    algod.ledger.seedAccount({ address: site, microAlgos: 1_000_000 });
    await seedSettings(algodSettings(algod.url));
    const fine = algoPayment(site, RECEIVER, 100_000);
    const overspend = algoPayment(site, RECEIVER, 50_000_000);
    const posting = dapp.postTransactions([signedBySite(fine), signedBySite(overspend)]);
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.page.getByTestId(testIds.approve).click();

    const outcome = await posting;
    expect(outcome).toMatchObject({ ok: false, error: { code: 4300, data: { successTxnIDs: [txIdOf(fine), null] } } });
    expect(!outcome.ok && outcome.error.message).toContain('overspend');
    expect(balance(RECEIVER)).toBe(1_100_000n);
  });

  test('a bad signature is refused before any prompt', async ({ signSetup, seedSettings }) => {
    const { dapp } = signSetup;
    await seedSettings(algodSettings(algod.url));
    const txn = algosdk.decodeUnsignedTransaction(Buffer.from(algoPayment(SITE.addr.toString(), RECEIVER, 1), 'base64'));
    const other = algosdk.generateAccount();
    const { sig } = algosdk.decodeSignedTransaction(txn.signTxn(other.sk));
    const forged = Buffer.from(algosdk.encodeMsgpack(new algosdk.SignedTransaction({ txn, sig }))).toString('base64');
    const outcome = await dapp.postTransactions([forged]);
    expect(outcome).toMatchObject({ ok: false, error: { code: 4200 } });
    expect(algod.requestCount()).toBe(0);
  });

  test('sign_and_post_transactions: the phone signs, Tandem verifies and sends, the ledger has it', async ({ context, extensionId, signSetup, seedSettings }) => {
    const { address, dapp } = signSetup;
    algod.ledger.seedAccount({ address, microAlgos: 3_000_000 });
    await seedSettings({ ...algodSettings(algod.url), networkReads: false });
    const txn = algoPayment(address, RECEIVER, 400_000);
    const sending = dapp.signAndPostTransactions([{ txn }]);

    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.page.getByTestId(testIds.postTarget)).toHaveText(`Once your phone signs, Tandem sends it to TestNet through ${new URL(algod.url).host}.`);
    await expect(approval.page.getByTestId(testIds.approve)).toHaveText('Approve on phone and send');
    await approval.approveSign();

    const outcome = await sending;
    expect(outcome).toEqual({ ok: true, result: { providerId: expect.any(String), txnIDs: [txIdOf(txn)] } });
    expect(balance(RECEIVER)).toBe(1_400_000n);
    expect(balance(address)).toBe(3_000_000n - 400_000n - 1_000n);
  });
});
