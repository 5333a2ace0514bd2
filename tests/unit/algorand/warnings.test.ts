import algosdk from 'algosdk';
import { wordSentence } from '../../../lib/i18n/words';
import { describe, expect, it } from 'vitest';
import { decodeWalletTransactions, type DecodedTxn } from '../../../lib/algorand/decode';
import { DEFAULT_HIGH_FEE_MICROALGOS, warningsFor, type WarningContext } from '../../../lib/algorand/warnings';
import type { WalletTransaction } from '../../../lib/arc27/types';
import { ALICE, BOB, CAROL, DAVE, OWN_ACCOUNTS } from '../../fixtures/algorand/accounts';
import { appCall, axfer, grouped, params, pay, TESTNET_HASH, wtx } from '../../fixtures/algorand/txns';

function decodeOk(txns: WalletTransaction[]): DecodedTxn[] {
  const result = decodeWalletTransactions(txns);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const ctx: WarningContext = { ownAccounts: OWN_ACCOUNTS, sessionGenesisHash: TESTNET_HASH };
const summary = (decoded: DecodedTxn[], context = ctx) =>
  warningsFor(decoded, context).map((w) => `${w.index}:${w.kind}:${w.severity}`);

describe('warningsFor in a group', () => {
  it('warns about the user side of a swap only, and marks the counterparty transactions', () => {
    const [mine, theirs, rekeyTheirs] = grouped([
      pay({ sender: ALICE.addr, receiver: CAROL.addr }),
      axfer({ sender: CAROL.addr, receiver: ALICE.addr, closeRemainderTo: DAVE.addr }),
      pay({ sender: CAROL.addr, receiver: CAROL.addr, amount: 0n, rekeyTo: DAVE.addr }),
    ]);
    const decoded = decodeOk([wtx(mine!), wtx(theirs!, { signers: [] }), wtx(rekeyTheirs!, { signers: [] })]);
    expect(summary(decoded)).toEqual(['1:foreign-signer:caution', '2:foreign-signer:caution']);
  });

  it('reports every dangerous field of the user transaction, each once', () => {
    const [decoded] = decodeOk([wtx(pay({ closeRemainderTo: CAROL.addr, rekeyTo: DAVE.addr }))]);
    expect(summary([decoded!])).toEqual(['0:rekey:danger', '0:close-remainder:danger']);
  });

  it('treats every paired account as the user own, not just the first', () => {
    const [decoded] = decodeOk([wtx(pay({ sender: BOB.addr, rekeyTo: DAVE.addr }))]);
    expect(summary([decoded!])).toEqual(['0:rekey:danger']);
  });

  it('warns about an app update the user signs as the auth address of a rekeyed account', () => {
    const [decoded] = decodeOk([
      wtx(appCall(algosdk.OnApplicationComplete.DeleteApplicationOC, { sender: CAROL.addr }), { authAddr: ALICE.addr }),
    ]);
    expect(summary([decoded!])).toEqual(['0:app-delete:danger']);
  });

  it('takes the fee threshold from the context, and falls back on the default for nonsense', () => {
    const [decoded] = decodeOk([wtx(pay({ suggestedParams: params({ fee: 5_000n }) }))]);
    expect(summary([decoded!], { ...ctx, highFeeMicroAlgos: 4_999 })).toEqual(['0:high-fee:caution']);
    expect(summary([decoded!], { ...ctx, highFeeMicroAlgos: 5_000 })).toEqual([]);
    expect(summary([decoded!], { ...ctx, highFeeMicroAlgos: Number.NaN })).toEqual([]);
    expect(DEFAULT_HIGH_FEE_MICROALGOS).toBe(100_000);
  });

  it('names the amounts and accounts in its messages', () => {
    const [decoded] = decodeOk([
      wtx(axfer({ sender: CAROL.addr, assetSender: ALICE.addr, receiver: CAROL.addr, amount: 40n }), { signers: [] }),
    ]);
    const [clawback] = warningsFor([decoded!], ctx);
    const text = wordSentence(clawback!.message);
    expect(text).toContain('40');
    expect(text).toContain('31566704');
    expect(text).toContain(ALICE.addr);
  });
});
