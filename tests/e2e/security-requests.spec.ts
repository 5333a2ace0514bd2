/** What reaches the phone and the prompt (security review, issue #11). */
import { test, expect } from './support/fixtures';
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
