/**
 * Who may take the pairing (security review, issue #11). The re-scan QR stays the same for the life
 * of a pairing and any page can make it appear, so someone else may scan it with their own wallet.
 */
import algosdk from 'algosdk';
import { test, expect } from './support/fixtures';
import { storedSessions } from './support/extension-state';
import { signWithApproval, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';
import { WalletPage } from './support/wallet-page';
import { PopupPage } from './support/popup-page';
import { pairPhone } from './support/flows';

test.describe('pairing you can trust', () => {
  test('a re-scan by another account is refused: pairing, sites and the address given out stay; the paired phone then reconnects and signs', async ({
    context,
    extensionId,
    server,
    worker,
    signSetup: { popup, wallet, link, address, dapp },
  }) => {
    await wallet.disconnect();
    await popup.expectPhase('phone-offline');
    const sitesBefore = await storedSessions(worker);
    expect(sitesBefore).toHaveLength(1);

    const intruder = await WalletPage.open(context, server.url, { mnemonic: algosdk.secretKeyToMnemonic(algosdk.generateAccount().sk) });
    const intruderAddress = await intruder.address();
    expect(intruderAddress).not.toBe(address);
    // The intruder's phone authenticates with the server, which acks Tandem's link with its account.
    const intruding = intruder.connect(link).catch((err: unknown) => String(err));
    await popup.expectFailure('wrong-account');
    await expect(popup.failure()).toContainText(intruderAddress.slice(0, 6));
    await popup.expectPhase('phone-offline');
    expect(await popup.link()).toBe(link);
    await expect(popup.page.getByText(intruderAddress)).toHaveCount(0);
    expect(await storedSessions(worker)).toEqual(sitesBefore);
    const stored = await worker.evaluate(async () => (await (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, { wallet: string }[]>> } } } }).chrome.storage.local.get('pairing')).pairing);
    expect(stored?.map((p) => p.wallet)).toEqual([address]);
    // Sites are still handed the paired account.
    const restored = await dapp.enableSilently();
    expect(restored.ok && restored.result.accounts).toEqual([{ address }]);
    await intruding;
    expect(await intruder.phase()).not.toBe('connected');

    // The paired phone re-scans the same QR: it reconnects and signs.
    await wallet.connect(link);
    await popup.expectPhase('connected');
    await expect(popup.failure()).toHaveCount(0);
    const txn = await dapp.buildPayment(address, { note: 'after a refused re-scan' });
    verifySignedTxn(stxnsOf((await signWithApproval(context, extensionId, dapp, [{ txn }])).outcome)[0]!, txn, address);
  });

  for (const behaviour of ['spec', 'reference'] as const) {
    test(`proof of possession: a ${behaviour} phone signs the pairing check and the pairing shows verified`, async ({ context, extensionId, server, seedSettings }) => {
      await seedSettings({});
      const { popup, wallet, address } = await pairPhone(context, extensionId, server, behaviour);
      await popup.expectVerification('verified');
      // The check the phone signed: a 0-ALGO self-payment on MainNet's round 1, naming what it is for.
      const frames = JSON.stringify(await wallet.received());
      expect(frames).toContain('arc0027:sign_transactions:request');
      const checkTxn = (await wallet.received())
        .flatMap((f) => ((f as { params?: { txns?: { txn: string }[] } }).params?.txns ?? []).map((t) => algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(t.txn))))
        .find((t) => new TextDecoder().decode(t.note).startsWith('Tandem pairing check'));
      expect(checkTxn).toBeDefined();
      expect(checkTxn!.sender.toString()).toBe(address);
      expect(checkTxn!.payment?.receiver.toString()).toBe(address);
      expect(checkTxn!.payment?.amount).toBe(0n);
      expect([checkTxn!.firstValid, checkTxn!.lastValid]).toEqual([1n, 1n]);
      expect(checkTxn!.genesisID).toBe('mainnet-v1.0');
    });
  }

  test('proof of possession: a phone whose signature does not verify leaves the pairing "not verified", which still works, and a retry verifies it', async ({
    context,
    extensionId,
    server,
    seedSettings,
  }) => {
    await seedSettings({});
    const popup = await PopupPage.open(context, extensionId);
    const link = await popup.pair();
    const wallet = await WalletPage.open(context, server.url);
    await wallet.setFault('bad-signature');
    await wallet.connect(link);
    await popup.expectPhase('connected');
    await popup.expectVerification('not-verified');
    await expect(popup.verification()).toContainText("rests on the server's word");
    await wallet.setFault('none');
    await popup.verifyAgain();
    await popup.expectVerification('verified');
  });
});
