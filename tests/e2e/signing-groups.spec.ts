import { test, expect } from './support/fixtures';
import { connectDapp, pairPhone } from './support/flows';
import { signWithApproval, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';

test.describe('signing groups', () => {
  for (const behaviour of ['spec', 'reference'] as const) {
    test(`answers null for the foreign transaction of a 16-transaction group and verified signatures elsewhere (${behaviour} phone)`, async ({
      context,
      extensionId,
      server,
      seedSettings,
    }) => {
      await seedSettings({});
      const { address, wallet } = await pairPhone(context, extensionId, server, behaviour);
      const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
      const txns = await dapp.buildGroup(address, 16, { foreignIndex: 5 });
      expect(txns[5]!.signers).toEqual([]);

      const { approval, outcome } = await signWithApproval(context, extensionId, dapp, txns);
      const stxns = stxnsOf(outcome);
      expect(stxns).toHaveLength(16);
      stxns.forEach((stxn, i) => {
        if (i === 5) expect(stxn).toBeNull();
        else verifySignedTxn(stxn!, txns[i]!.txn, address);
      });
      // The phone was told not to sign index 5 (the reference phone signs it anyway; Tandem dropped it).
      const request = (await wallet.dappSignRequests()).at(-1)!;
      expect(request.params.txns.map((t) => t.signers)).toEqual(txns.map((_, i) => (i === 5 ? [] : undefined)));
      await approval.waitForClose();
    });
  }
});
