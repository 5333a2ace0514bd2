import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { decodeWalletTransactions, type DecodedTxn } from '../../../lib/algorand/decode';
import { checkPhoneReply, verifyTxnSignature } from '../../../lib/algorand/signatures';
import type { WalletTransaction } from '../../../lib/arc27/types';
import { ALICE, BOB, independentVerify, rawSign, txMessage } from '../../fixtures/algorand/accounts';
import { PHONE_REPLY_CASES, swap } from '../../fixtures/algorand/phone-replies';
import { pay, wtx } from '../../fixtures/algorand/txns';

function decodeOk(txns: WalletTransaction[]): DecodedTxn[] {
  const result = decodeWalletTransactions(txns);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('checkPhoneReply', () => {
  it.each(PHONE_REPLY_CASES)('$name', (c) => {
    const { txns, request } = swap(c.dappStxn);
    const decoded = decodeOk(request);
    const result = checkPhoneReply(decoded, c.reply(txns));

    if (!c.expected.ok) {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(4000);
      expect(result.error.message).toContain(c.expected.reason);
      if (c.expected.index !== undefined) {
        expect(result.error.message).toContain(`txns[${c.expected.index}]`);
        expect(result.error.data).toMatchObject({ index: c.expected.index });
      }
      return;
    }

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { signedBy } = c.expected;
    expect(result.value).toHaveLength(signedBy.length);
    result.value.forEach((out, i) => {
      const who = signedBy[i];
      if (who === null) return expect(out).toBeNull();
      if (who === 'dapp') return expect(out).toBe(request[i]!.stxn);
      expect(out).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      const bytes = Buffer.from(out!, 'base64');
      const stxn = algosdk.decodeSignedTransaction(bytes);
      // The exact bytes the user approved, signed by the expected key (checked by OpenSSL, not tweetnacl).
      expect(algosdk.encodeUnsignedTransaction(stxn.txn)).toEqual(decoded[i]!.bytes);
      expect(independentVerify(txMessage(decoded[i]!.bytes), stxn.sig!, who!.publicKey)).toBe(true);
      const sender = txns[i]!.sender.toString();
      expect(stxn.sgnr?.toString()).toBe(who!.addr === sender ? undefined : who!.addr);
      // Canonical: byte-identical to what algosdk itself produces when signing with that key.
      expect(new Uint8Array(bytes)).toEqual(txns[i]!.signTxn(who!.secretKey));
    });
  });

  it('never answers with a partly signed list', () => {
    const { txns, request } = swap();
    const decoded = decodeOk(request);
    const good = base64Url(rawSign(algosdk.encodeUnsignedTransaction(txns[0]!), ALICE));
    const result = checkPhoneReply(decoded, [good, null, 'AAAA']);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('value');
  });

  it('matches entries by position when given part of a request', () => {
    const { txns, request } = swap();
    const decoded = decodeOk(request).slice(2);
    const reply = [base64Url(rawSign(algosdk.encodeUnsignedTransaction(txns[2]!), BOB))];
    const result = checkPhoneReply(decoded, reply);
    expect(result.ok).toBe(true);
  });

  it('handles a single transaction of the user', () => {
    const txn = pay();
    const decoded = decodeOk([wtx(txn)]);
    const result = checkPhoneReply(decoded, [Buffer.from(txn.signTxn(ALICE.secretKey)).toString('base64')]);
    expect(result).toEqual({ ok: true, value: [Buffer.from(txn.signTxn(ALICE.secretKey)).toString('base64')] });
  });
});

describe('verifyTxnSignature', () => {
  it('verifies over "TX" and the bytes, and nothing else', () => {
    const bytes = algosdk.encodeUnsignedTransaction(pay());
    const signature = rawSign(bytes, ALICE);
    expect(verifyTxnSignature(bytes, signature, ALICE.addr)).toBe(true);
    expect(verifyTxnSignature(bytes, signature, BOB.addr)).toBe(false);
    expect(verifyTxnSignature(bytes.slice(1), signature, ALICE.addr)).toBe(false);
    expect(verifyTxnSignature(bytes, signature.slice(1), ALICE.addr)).toBe(false);
    const mxSignature = algosdk.signBytes(bytes, ALICE.secretKey);
    expect(verifyTxnSignature(bytes, mxSignature, ALICE.addr)).toBe(false);
  });
});

function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}
