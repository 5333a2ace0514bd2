import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { decodeWalletTransactions, type DecodedTxn } from '../../../lib/algorand/decode';
import { verifyEd25519, verifyWithTweetnacl, verifyWithWebCrypto } from '../../../lib/algorand/ed25519';
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

const BACKENDS = [
  ['WebCrypto', verifyWithWebCrypto],
  ['tweetnacl', verifyWithTweetnacl],
] as const;

describe.each(BACKENDS)('checkPhoneReply with %s', (_, verify) => {
  it.each(PHONE_REPLY_CASES)('$name', async (c) => {
    const { txns, request } = swap(c.dappStxn);
    const decoded = decodeOk(request);
    const result = await checkPhoneReply(decoded, c.reply(txns), { verify });

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

});

describe('checkPhoneReply', () => {
  it('never answers with a partly signed list', async () => {
    const { txns, request } = swap();
    const decoded = decodeOk(request);
    const good = base64Url(rawSign(algosdk.encodeUnsignedTransaction(txns[0]!), ALICE));
    const result = await checkPhoneReply(decoded, [good, null, 'AAAA']);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('value');
  });

  it('matches entries by position when given part of a request', async () => {
    const { txns, request } = swap();
    const decoded = decodeOk(request).slice(2);
    const reply = [base64Url(rawSign(algosdk.encodeUnsignedTransaction(txns[2]!), BOB))];
    const result = await checkPhoneReply(decoded, reply);
    expect(result.ok).toBe(true);
  });

  it('reports the first bad index when several are bad', async () => {
    const { txns, request } = swap();
    const wrong = base64Url(rawSign(algosdk.encodeUnsignedTransaction(txns[0]!), BOB));
    const result = await checkPhoneReply(decodeOk(request), [wrong, null, 42]);
    expect(result).toMatchObject({ ok: false, error: { data: { index: 0 } } });
  });

  it('checks 1024 raw signatures in a few seconds at most', async () => {
    const txns = Array.from({ length: 1024 }, (_, i) => pay({ amount: BigInt(i) }));
    const decoded = decodeOk(txns.map((t) => wtx(t)));
    const reply = txns.map((t) => base64Url(rawSign(algosdk.encodeUnsignedTransaction(t), ALICE)));
    const started = performance.now();
    const result = await checkPhoneReply(decoded, reply);
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('handles a single transaction of the user', async () => {
    const txn = pay();
    const decoded = decodeOk([wtx(txn)]);
    const result = await checkPhoneReply(decoded, [Buffer.from(txn.signTxn(ALICE.secretKey)).toString('base64')]);
    expect(result).toEqual({ ok: true, value: [Buffer.from(txn.signTxn(ALICE.secretKey)).toString('base64')] });
  });
});

describe.each([...BACKENDS, ['the default', verifyEd25519] as const])('verifyTxnSignature with %s', (_, verify) => {
  it('verifies over "TX" and the bytes, and nothing else', async () => {
    const bytes = algosdk.encodeUnsignedTransaction(pay());
    const signature = rawSign(bytes, ALICE);
    expect(await verifyTxnSignature(bytes, signature, ALICE.addr, verify)).toBe(true);
    expect(await verifyTxnSignature(bytes, signature, BOB.addr, verify)).toBe(false);
    expect(await verifyTxnSignature(bytes.slice(1), signature, ALICE.addr, verify)).toBe(false);
    expect(await verifyTxnSignature(bytes, signature.slice(1), ALICE.addr, verify)).toBe(false);
    expect(await verifyTxnSignature(bytes, signature, 'not an address', verify)).toBe(false);
    const mxSignature = algosdk.signBytes(bytes, ALICE.secretKey);
    expect(await verifyTxnSignature(bytes, mxSignature, ALICE.addr, verify)).toBe(false);
  });

  it('verifies nothing under a public key that is not a curve point', async () => {
    const notAPoint = new Uint8Array(32).fill(0xff);
    expect(await verify(new Uint8Array([1]), new Uint8Array(64), notAPoint)).toBe(false);
  });
});

function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}
