/** use-wallet's signing arguments → ARC-0001 WalletTransactions, and Tandem's answer back. */
import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { flattenGroups, planSigning, readSignedTransactions } from '../../../packages/use-wallet-tandem/src/txn-group';

const ours = algosdk.generateAccount();
const OURS = ours.addr.toString();
const FOREIGN = algosdk.encodeAddress(new Uint8Array(32).fill(0xf0));
const params: algosdk.SuggestedParams = {
  fee: 1000,
  flatFee: true,
  minFee: 1000,
  firstValid: 1000,
  lastValid: 2000,
  genesisID: 'testnet-v1.0',
  genesisHash: algosdk.base64ToBytes('SGO1GKSzyE7IEPItTxCByw9x8FmnrCDexi9/cOUJOiI='),
};

function pay(sender: string, amount: number): algosdk.Transaction {
  return algosdk.makePaymentTxnWithSuggestedParamsFromObject({ sender, receiver: FOREIGN, amount, suggestedParams: params });
}

function group(...txns: algosdk.Transaction[]): algosdk.Transaction[] {
  return algosdk.assignGroupID(txns);
}

const b64 = (txn: algosdk.Transaction) => algosdk.bytesToBase64(txn.toByte());

describe('planSigning', () => {
  it('asks for every transaction of a connected sender when no indexes are given', () => {
    const txns = group(pay(OURS, 1), pay(OURS, 2));
    const plan = planSigning(txns, undefined, [OURS]);
    expect(plan.walletTxns).toEqual([{ txn: b64(txns[0]!) }, { txn: b64(txns[1]!) }]);
    expect(plan.toSign).toBe(2);
  });

  it('sends foreign senders with signers: [] even when their index is asked for', () => {
    const txns = group(pay(OURS, 1), pay(FOREIGN, 2), pay(OURS, 3));
    const plan = planSigning(txns, [0, 1, 2], [OURS]);
    expect(plan.walletTxns.map((w) => w.signers)).toEqual([undefined, [], undefined]);
    expect(plan.toSign).toBe(2);
  });

  it('sends indexes not asked for with signers: []', () => {
    const txns = group(pay(OURS, 1), pay(OURS, 2), pay(OURS, 3));
    const plan = planSigning(txns, [1], [OURS]);
    expect(plan.walletTxns.map((w) => w.signers)).toEqual([[], undefined, []]);
  });

  it('takes encoded Uint8Array[] and gives the same WalletTransactions as Transaction[]', () => {
    const txns = group(pay(OURS, 1), pay(FOREIGN, 2));
    const fromObjects = planSigning(txns, undefined, [OURS]);
    const fromBytes = planSigning(
      txns.map((t) => algosdk.encodeUnsignedTransaction(t)),
      undefined,
      [OURS],
    );
    expect(fromBytes).toEqual(fromObjects);
  });

  it('flattens nested groups and counts indexesToSign over the flattened list', () => {
    const first = group(pay(OURS, 1), pay(OURS, 2));
    const second = group(pay(OURS, 3), pay(OURS, 4));
    const plan = planSigning([first, second], [1, 2], [OURS]);
    expect(plan.walletTxns.map((w) => w.txn)).toEqual([...first, ...second].map(b64));
    expect(plan.walletTxns.map((w) => w.signers)).toEqual([[], undefined, undefined, []]);
    const nestedBytes = planSigning([first.map((t) => t.toByte()), second.map((t) => t.toByte())], [1, 2], [OURS]);
    expect(nestedBytes).toEqual(plan);
  });

  it('never asks to sign an encoded transaction that is already signed, and sends its unsigned form', () => {
    const txns = group(pay(OURS, 1), pay(OURS, 2));
    const signed = txns[0]!.signTxn(ours.sk);
    const plan = planSigning([signed, txns[1]!.toByte()], undefined, [OURS]);
    expect(plan.walletTxns).toEqual([{ txn: b64(txns[0]!), signers: [] }, { txn: b64(txns[1]!) }]);
    expect(plan.toSign).toBe(1);
  });

  it('accepts a Transaction from another copy of algosdk (duck-typed)', () => {
    const txn = pay(OURS, 1);
    const lookalike = { sender: txn.sender, toByte: () => txn.toByte() };
    expect(planSigning([lookalike as unknown as algosdk.Transaction], undefined, [OURS]).walletTxns).toEqual([{ txn: b64(txn) }]);
  });

  it('refuses input that is neither a transaction nor msgpack', () => {
    expect(() => planSigning([{} as unknown as algosdk.Transaction], undefined, [OURS])).toThrow(TypeError);
    expect(() => planSigning([new Uint8Array([0xc1])], undefined, [OURS])).toThrow(/not msgpack|transaction 0/);
  });

  it('signs nothing when no account is connected', () => {
    expect(planSigning([pay(OURS, 1)], undefined, []).toSign).toBe(0);
  });
});

describe('readSignedTransactions', () => {
  const txns = group(pay(OURS, 1), pay(FOREIGN, 2));
  const plan = planSigning(txns, undefined, [OURS]);
  const stxn = txns[0]!.signTxn(ours.sk);

  it('gives bytes where signed and null where nothing was asked', () => {
    const out = readSignedTransactions({ stxns: [algosdk.bytesToBase64(stxn), null] }, plan);
    expect(out).toEqual([stxn, null]);
  });

  it('drops a signature returned where none was asked for', () => {
    const out = readSignedTransactions({ stxns: [algosdk.bytesToBase64(stxn), algosdk.bytesToBase64(stxn)] }, plan);
    expect(out[1]).toBeNull();
  });

  it('refuses an answer of the wrong length or shape', () => {
    expect(() => readSignedTransactions({ stxns: [null] }, plan)).toThrow(/1 signed transactions for 2/);
    expect(() => readSignedTransactions({}, plan)).toThrow(TypeError);
    expect(() => readSignedTransactions({ stxns: [42, null] }, plan)).toThrow(/not base64/);
  });
});

describe('flattenGroups', () => {
  it('keeps a flat list as is and concatenates groups', () => {
    expect(flattenGroups([1, 2])).toEqual([1, 2]);
    expect(flattenGroups([[1], [2, 3]])).toEqual([1, 2, 3]);
  });
});
