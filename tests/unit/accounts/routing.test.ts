/** Routing a sign request over several phones (lib/accounts/routing.ts). */
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/accounts/accounts';
import { legTransactions, mergeLegReplies, planLegs } from '../../../lib/accounts/routing';
import { decodeWalletTransactions } from '../../../lib/algorand/decode';
import { toPhoneTxns } from '../../../lib/algorand/phone-request';
import { ALICE, BOB, CAROL, DAVE } from '../../fixtures/algorand/accounts';
import { b64, grouped, pay } from '../../fixtures/algorand/txns';

// Phone A holds ALICE; phone B holds BOB; CAROL is rekeyed to BOB's key.
const ACCOUNTS: Account[] = [
  { address: ALICE.addr, pairingId: 'phone-a', kind: 'phone' },
  { address: BOB.addr, pairingId: 'phone-b', kind: 'phone' },
  { address: CAROL.addr, pairingId: 'phone-b', kind: 'rekeyed', authAddr: BOB.addr, check: 'checked' },
];

function decode(txns: Parameters<typeof decodeWalletTransactions>[0]) {
  const d = decodeWalletTransactions(txns, { allowMultipleGroups: true });
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
}

/** A group: ALICE pays, BOB pays, CAROL (rekeyed to BOB) pays, and one the dApp keeps unsigned. */
function fourInAGroup() {
  const [a, b, c, d] = grouped([pay({ sender: ALICE.addr, receiver: DAVE.addr }), pay({ sender: BOB.addr, receiver: DAVE.addr }), pay({ sender: CAROL.addr, receiver: DAVE.addr }), pay({ sender: DAVE.addr, receiver: ALICE.addr })]);
  return decode([{ txn: b64(a!) }, { txn: b64(b!) }, { txn: b64(c!), authAddr: BOB.addr }, { txn: b64(d!), signers: [] }]);
}

describe('routing over several phones', () => {
  it("gives each phone the indexes its accounts sign (a rekeyed account's to its auth key's phone), in order of the first transaction", () => {
    expect(planLegs(fourInAGroup(), ACCOUNTS)).toEqual({ ok: true, value: [{ pairingId: 'phone-a', indexes: [0] }, { pairingId: 'phone-b', indexes: [1, 2] }] });
  });

  it('is one leg when one phone signs everything, and no leg when nothing is to be signed', () => {
    expect(planLegs(decode([{ txn: b64(pay({ sender: BOB.addr })) }, { txn: b64(pay({ sender: CAROL.addr })), authAddr: BOB.addr }]), ACCOUNTS)).toEqual({ ok: true, value: [{ pairingId: 'phone-b', indexes: [0, 1] }] });
    expect(planLegs(decode([{ txn: b64(pay({ sender: ALICE.addr })), signers: [] }]), ACCOUNTS)).toEqual({ ok: true, value: [] });
  });

  it('refuses a signing key no phone holds, naming the transaction; a rekeyed account is never itself a phone', () => {
    expect(planLegs(decode([{ txn: b64(pay({ sender: ALICE.addr })) }, { txn: b64(pay({ sender: DAVE.addr })) }]), ACCOUNTS)).toEqual({ ok: false, error: { index: 1, signer: DAVE.addr } });
    // CAROL's own key is not on any phone: without authAddr the signer is CAROL, and nothing holds her key.
    expect(planLegs(decode([{ txn: b64(pay({ sender: CAROL.addr })) }]), ACCOUNTS)).toEqual({ ok: false, error: { index: 0, signer: CAROL.addr } });
  });

  it("sends each phone the whole group, with signers: [] (and no authAddr) where the other phone signs", () => {
    const decoded = fourInAGroup();
    const legs = planLegs(decoded, ACCOUNTS);
    if (!legs.ok) throw new Error('no legs');
    const [toA, toB] = legs.value.map((leg) => toPhoneTxns(legTransactions(decoded, leg)));
    expect(toA!.map((t) => [t.signers, t.authAddr])).toEqual([[undefined, undefined], [[], undefined], [[], undefined], [[], undefined]]);
    expect(toB!.map((t) => [t.signers, t.authAddr])).toEqual([[[], undefined], [undefined, undefined], [undefined, BOB.addr], [[], undefined]]);
    // The same transactions, byte for byte, in the same order: the group is intact for each phone.
    expect(toA!.map((t) => t.txn)).toEqual(toB!.map((t) => t.txn));
  });

  it("merges each leg's signatures at its own indexes only, dropping what a phone returned for another's", () => {
    const legs = [{ pairingId: 'phone-a', indexes: [0] }, { pairingId: 'phone-b', indexes: [1, 2] }];
    const fromA = ['sig-a0', 'forged-b1', 'forged-b2', 'stray-3'];
    const fromB = ['forged-a0', 'sig-b1', 'sig-b2', null];
    expect(mergeLegReplies(4, legs, [fromA, fromB])).toEqual(['sig-a0', 'sig-b1', 'sig-b2', null]);
    // A leg with no reply yet leaves its indexes null.
    expect(mergeLegReplies(4, legs, [fromA])).toEqual(['sig-a0', null, null, null]);
  });
});
