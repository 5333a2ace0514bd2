/**
 * Every phone of liquid-protocol.md §8, played by the dev wallet: each pairs, signs a payment that
 * the test verifies itself, handles a rejection, and is never asked for what it cannot do.
 */
import type { Worker } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { connectDapp, pairPhone } from './support/flows';
import { errorOf, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';
import type { Behaviour, WalletPage } from './support/wallet-page';

/** What the pairing record says about the phone (lib/phone/profile.ts). */
function storedPhone(worker: Worker) {
  return worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
    const { pairing } = await api.storage.local.get('pairing');
    return (pairing as { phone: { protocol: string; methods: string[] | null; accounts: { address: string }[] } | null }[] | undefined)?.[0]?.phone ?? null;
  });
}

/** Frames the phone got for dApps, in either envelope. */
async function dappRequestsOn(wallet: WalletPage, behaviour: Behaviour) {
  return behaviour === 'connections' ? (await wallet.dappConnectionsRequests()).length : (await wallet.dappSignRequests()).length;
}

const expectedProfile: Record<Behaviour, { protocol: string; methods: string[] | null; accounts: number }> = {
  reference: { protocol: 'arc27', methods: null, accounts: 0 },
  ios: { protocol: 'arc27', methods: null, accounts: 0 },
  spec: { protocol: 'arc27', methods: ['arc0027:sign_transactions', 'arc0060:sign_data', 'arc0027:sign_message'], accounts: 0 },
  biatec: { protocol: 'arc27', methods: ['arc0027:sign_transactions', 'arc0060:sign_data'], accounts: 0 },
  connections: { protocol: 'connections', methods: null, accounts: 2 },
};

/** Phones that answer a rejection; the others stay silent and the request's deadline answers. */
const answersRejections: Record<Behaviour, boolean> = { reference: false, ios: false, spec: true, biatec: true, connections: true };

test.describe('real phones', () => {
  for (const behaviour of ['reference', 'spec', 'ios', 'biatec', 'connections'] as const) {
    test(`${behaviour}: pairs, signs a verified payment, answers a rejection, and is not asked what it cannot do`, async ({ context, extensionId, server, seedSettings, worker }) => {
      // A short deadline for the phones that never answer a rejection.
      await seedSettings({ requestDeadlineMs: 15_000 });
      const { wallet, address } = await pairPhone(context, extensionId, server, behaviour);
      await expect.poll(async () => (await storedPhone(worker))?.protocol).toBe(expectedProfile[behaviour].protocol);
      const phone = (await storedPhone(worker))!;
      expect(phone.methods).toEqual(expectedProfile[behaviour].methods);
      expect(phone.accounts).toHaveLength(expectedProfile[behaviour].accounts);
      if (behaviour === 'connections') expect(phone.accounts[0]!.address).toBe(address);

      const { dapp, enabled } = await connectDapp(context, extensionId, `${server.url}/dapp`);
      expect((enabled as unknown as { result: { accounts: { address: string }[] } }).result.accounts).toEqual([{ address }]);

      // A payment, verified by the test's own verifier.
      const txn = await dapp.buildPayment(address, { note: `${behaviour} phone` });
      const signing = dapp.signTransactions([{ txn }]);
      await (await ApprovalPage.find(context, extensionId)).approveSign();
      const stxns = stxnsOf(await signing);
      expect(stxns).toHaveLength(1);
      verifySignedTxn(stxns[0]!, txn, address);

      // A rejection on the phone.
      await wallet.setAutoApprove(false);
      const rejecting = dapp.signTransactions([{ txn: await dapp.buildPayment(address, { note: 'to reject' }) }]);
      await (await ApprovalPage.find(context, extensionId)).approveSign();
      await wallet.expectPending(1);
      await wallet.reject();
      const rejected = errorOf(await rejecting);
      expect(rejected.code).toBe(answersRejections[behaviour] ? 4001 : 4002);

      // A method the phone cannot serve: 4003 at once, no window, no frame to the phone.
      if (behaviour !== 'spec') {
        const before = (await wallet.received()).length;
        const asked = await dappRequestsOn(wallet, behaviour);
        const refused = errorOf(await dapp.signMessage('hello', address));
        expect(refused).toEqual(expect.objectContaining({ code: 4003, message: "Your phone's wallet app does not support sign_message" }));
        expect(context.pages().some((p) => p.url().endsWith('#approval'))).toBe(false);
        expect((await wallet.received()).length).toBe(before);
        expect(await dappRequestsOn(wallet, behaviour)).toBe(asked);
      }
    });
  }

  test('ios: a phone that skips a transaction gets the dApp a clear error, no signatures at guessed positions', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const { wallet, address } = await pairPhone(context, extensionId, server, 'ios');
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    await wallet.setFault('skip-txn');
    const group = await dapp.buildGroup(address, 2);
    const signing = dapp.signTransactions(group);
    await (await ApprovalPage.find(context, extensionId)).approveSign();
    expect(errorOf(await signing)).toEqual(expect.objectContaining({ code: 4000, message: 'the phone returned 1 signature for 2 transactions' }));
  });
});
