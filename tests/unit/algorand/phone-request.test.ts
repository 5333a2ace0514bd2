import { describe, expect, it } from 'vitest';
import { decodeWalletTransactions } from '../../../lib/algorand/decode';
import { toPhoneTxns } from '../../../lib/algorand/phone-request';
import { ALICE, BOB, CAROL } from '../../fixtures/algorand/accounts';
import { swap } from '../../fixtures/algorand/phone-replies';
import { b64, pay, wtx } from '../../fixtures/algorand/txns';

describe('toPhoneTxns', () => {
  it('sends canonical standard base64, signers: [] where none is wanted, and authAddr', () => {
    const { txns, request } = swap(true);
    const decoded = decodeWalletTransactions([...request, { ...wtx(pay({ amount: 9n }), { signers: [ALICE.addr] }), message: 'hi' }]);
    if (!decoded.ok) throw new Error(decoded.error.message);
    expect(toPhoneTxns(decoded.value)).toEqual([
      { txn: b64(txns[0]!) },
      { txn: b64(txns[1]!), signers: [] },
      { txn: b64(txns[2]!), authAddr: BOB.addr },
      { txn: b64(pay({ amount: 9n })) },
    ]);
  });

  it("passes the dApp's bytes through unchanged", () => {
    const request = [wtx(pay({ sender: CAROL.addr, note: new Uint8Array([255, 254]) }), { authAddr: ALICE.addr })];
    const decoded = decodeWalletTransactions(request);
    if (!decoded.ok) throw new Error(decoded.error.message);
    expect(toPhoneTxns(decoded.value)[0]!.txn).toBe(request[0]!.txn);
  });
});
