import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { decodeWalletTransactions, type DecodedTxn } from '../../../lib/algorand/decode';
import type { WalletTransaction } from '../../../lib/arc27/types';
import { ALICE, BOB, CAROL, DAVE, base64 } from '../../fixtures/algorand/accounts';
import { REJECT_CASES } from '../../fixtures/algorand/decode-cases';
import { axfer, b64, grouped, pay, wtx } from '../../fixtures/algorand/txns';

function decodeOk(txns: unknown, options = {}): DecodedTxn[] {
  const result = decodeWalletTransactions(txns, options);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('decodeWalletTransactions refuses', () => {
  it.each(REJECT_CASES)('$name', (c) => {
    const result = decodeWalletTransactions(c.txns(), c.options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(c.code);
    expect(result.error.message).toContain(c.message);
  });
});

describe('decodeWalletTransactions accepts', () => {
  it('a single transaction: canonical bytes, txId, and the sender as signer', () => {
    const txn = pay();
    const [d] = decodeOk([wtx(txn)]);
    expect(d!.index).toBe(0);
    expect(d!.bytes).toEqual(algosdk.encodeUnsignedTransaction(txn));
    expect(d!.txId).toBe(txn.txID());
    expect(d!.signers).toEqual([ALICE.addr]);
    expect(d!.group).toBeUndefined();
    expect(Object.keys(d!)).not.toContain('authAddr');
  });

  it('signers: [] as nobody, and an explicit [sender] as the sender', () => {
    const decoded = decodeOk([wtx(pay(), { signers: [] }), wtx(pay({ amount: 2n }), { signers: [ALICE.addr] })]);
    expect(decoded.map((d) => d.signers)).toEqual([[], [ALICE.addr]]);
  });

  it('authAddr as the signer of a rekeyed sender, with or without signers', () => {
    const decoded = decodeOk([
      wtx(pay({ sender: CAROL.addr }), { authAddr: BOB.addr }),
      wtx(pay({ sender: CAROL.addr, amount: 2n }), { authAddr: BOB.addr, signers: [BOB.addr] }),
    ]);
    expect(decoded.map((d) => [d.signers, d.authAddr])).toEqual([
      [[BOB.addr], BOB.addr],
      [[BOB.addr], BOB.addr],
    ]);
  });

  it('the dApp stxn of a transaction it signs itself', () => {
    const txn = pay({ sender: CAROL.addr });
    const stxn = txn.signTxn(CAROL.secretKey);
    const [d] = decodeOk([wtx(txn, { signers: [], stxn: base64(stxn) })]);
    expect(d!.stxn).toEqual(stxn);
  });

  it('several groups and lone transactions one after the other (ARC-0001 case 2)', () => {
    const g1 = grouped([pay(), axfer({ sender: CAROL.addr, receiver: ALICE.addr })]);
    const g2 = grouped([pay({ amount: 7n }), pay({ amount: 8n }), pay({ amount: 9n })]);
    const txns = [wtx(pay({ amount: 1n })), ...g1.map((t, i) => wtx(t, i === 1 ? { signers: [] } : {})), ...g2.map((t) => wtx(t))];
    const decoded = decodeOk(txns);
    expect(decoded.map((d) => d.group && `${d.group.position}/${d.group.size}`)).toEqual([
      undefined,
      '1/2',
      '2/2',
      '1/3',
      '2/3',
      '3/3',
    ]);
    expect(decoded[1]!.group!.groupId).toBe(base64(g1[0]!.group!));
    expect(decoded[3]!.group!.groupId).toBe(base64(g2[0]!.group!));
  });

  it('one whole group when only one group is allowed', () => {
    const txns = grouped([pay(), pay({ amount: 2n })]).map((t) => wtx(t));
    expect(decodeOk(txns, { allowMultipleGroups: false })).toHaveLength(2);
  });

  it('the largest group (16)', () => {
    const txns = grouped(Array.from({ length: 16 }, (_, i) => pay({ amount: BigInt(i) })));
    expect(decodeOk(txns.map((t) => wtx(t)))).toHaveLength(16);
  });

  it('the dApp message, groupMessage on a group head, and wallet-specific "_" fields', () => {
    const [a, b] = grouped([pay(), pay({ amount: 2n })]);
    const decoded = decodeOk([
      { ...wtx(a!), message: 'first', groupMessage: 'swap', _otherWalletIcon: 'x' },
      wtx(b!),
    ]);
    expect(decoded[0]).toMatchObject({ message: 'first', groupMessage: 'swap' });
  });

  it('1024 transactions (64 groups of 16) quickly', () => {
    const txns: WalletTransaction[] = [];
    for (let g = 0; g < 64; g++) {
      const group = grouped(Array.from({ length: 16 }, (_, i) => pay({ amount: BigInt(g * 16 + i) })));
      txns.push(...group.map((t) => wtx(t)));
    }
    const started = performance.now();
    const decoded = decodeOk(txns);
    expect(decoded).toHaveLength(1024);
    expect(decoded[1023]!.group).toMatchObject({ position: 16, size: 16 });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a transaction whose base64 the dApp wrote with Buffer, btoa or algosdk alike', () => {
    const txn = pay({ note: new Uint8Array([1, 2]) });
    const bytes = algosdk.encodeUnsignedTransaction(txn);
    const viaBtoa = btoa(String.fromCharCode(...bytes));
    for (const text of [b64(txn), viaBtoa, algosdk.bytesToBase64(bytes)]) {
      expect(decodeOk([{ txn: text }])[0]!.txId).toBe(txn.txID());
    }
  });

  it('a sender authAddr equal to itself', () => {
    const [d] = decodeOk([wtx(pay(), { authAddr: ALICE.addr })]);
    expect(d!.signers).toEqual([ALICE.addr]);
  });

  it('signers for a foreign account are left to checkSigners', () => {
    const [d] = decodeOk([wtx(pay({ sender: DAVE.addr }))]);
    expect(d!.signers).toEqual([DAVE.addr]);
  });
});
