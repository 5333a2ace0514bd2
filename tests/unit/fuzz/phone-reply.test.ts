/**
 * Fuzzing the phone-reply checker. The phone is authenticated but not trusted: whatever list it
 * sends back, checkPhoneReply must answer a Result, never throw, accept only genuine signatures
 * by the expected signer over the exact approved bytes, and hand the dApp signed transactions
 * that verify independently (Node's own Ed25519, not the checker's).
 *
 * Each entry of a generated reply is labelled when it is made: genuine (a real signature or
 * signed transaction, in any base64 spelling the phones use), bad (wrong key, other bytes, a
 * changed byte, malleable S, no signature, a logic signature, junk of any type), or unsure (a
 * signed transaction with a byte changed somewhere, which may or may not still be the same
 * transaction). All-genuine replies must pass, any bad one must fail.
 *
 * Signature checks are async (WebCrypto), so each property run checks a batch of replies at
 * once; every reply is one input of the count in the test name.
 */
import algosdk from 'algosdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWalletTransactions, type DecodedTxn } from '../../../lib/algorand/decode';
import { checkPhoneReply } from '../../../lib/algorand/signatures';
import type { WalletTransaction } from '../../../lib/arc27/types';
import { ALICE, BOB, CAROL, DAVE, independentVerify, rawSign, txMessage, type TestAccount } from '../../fixtures/algorand/accounts';
import { swap } from '../../fixtures/algorand/phone-replies';
import { pay, wtx } from '../../fixtures/algorand/txns';
import { FUZZ_TIMEOUT_MS, inputs } from './inputs';

const RUNS = 10_000;
const REPLIES_PER_RUN = 25;

const ACCOUNTS = [ALICE, BOB, CAROL, DAVE];
const GROUP_ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;
const std = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const spellings = (bytes: Uint8Array) => {
  const url = Buffer.from(bytes).toString('base64url');
  return [std(bytes), std(bytes).replace(/=+$/, ''), url, url + '='.repeat((4 - (url.length % 4)) % 4)];
};
const accountOf = (addr: string) => ACCOUNTS.find((a) => a.addr === addr)!;

function decodeOk(request: WalletTransaction[]): DecodedTxn[] {
  const decoded = decodeWalletTransactions(request);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.value;
}

/** The requests replies are checked against: a three-way swap (with and without the dApp's own stxn) and one payment. */
const REQUESTS: DecodedTxn[][] = [decodeOk(swap().request), decodeOk(swap(true).request), decodeOk([wtx(pay({ sender: BOB.addr, note: new Uint8Array([1]) }))])];
const OTHER_BYTES = algosdk.encodeUnsignedTransaction(pay({ amount: 1n }));

function withNonCanonicalS(signature: Uint8Array): Uint8Array {
  let s = 0n;
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i]!);
  let bumped = s + GROUP_ORDER;
  const out = signature.slice();
  for (let i = 32; i < 64; i++) {
    out[i] = Number(bumped & 0xffn);
    bumped >>= 8n;
  }
  return out;
}

const stxnBytes = (fields: ConstructorParameters<typeof algosdk.SignedTransaction>[0]) => algosdk.encodeMsgpack(new algosdk.SignedTransaction(fields));

type Label = 'genuine' | 'bad' | 'unsure';
interface Entry {
  value: unknown;
  label: Label;
}

/** Everything a phone could put at one index, made once: genuine answers and the bad ones beside them. */
function materialFor(d: DecodedTxn): { genuine: string[]; bad: string[]; stxns: Uint8Array[]; signatures: Uint8Array[] } {
  const signer = d.signers[0] ?? d.txn.sender.toString();
  const account = accountOf(signer);
  const others = ACCOUNTS.filter((a) => a !== account);
  const signature = rawSign(d.bytes, account);
  const sgnr = signer === d.txn.sender.toString() ? {} : { sgnr: algosdk.Address.fromString(signer) };
  const fullStxn = stxnBytes({ txn: d.txn, sig: signature, ...sgnr });
  const bad: Uint8Array[] = [
    ...others.map((a: TestAccount) => rawSign(d.bytes, a)),
    rawSign(OTHER_BYTES, account),
    withNonCanonicalS(signature),
    signature.slice(1),
    new Uint8Array([...signature, 0]),
    new Uint8Array(64),
    stxnBytes({ txn: d.txn, ...sgnr }),
    stxnBytes({ txn: d.txn, sig: rawSign(d.bytes, others[0]!), ...sgnr }),
    stxnBytes({ txn: d.txn, sig: signature, sgnr: algosdk.Address.fromString(others[0]!.addr) }),
    stxnBytes({ txn: d.txn, lsig: new algosdk.LogicSig(new Uint8Array([1, 32, 1, 1, 34])) }),
    stxnBytes({ txn: algosdk.decodeUnsignedTransaction(OTHER_BYTES), sig: rawSign(OTHER_BYTES, account) }),
  ];
  if (signer !== d.txn.sender.toString()) bad.push(stxnBytes({ txn: d.txn, sig: signature })); // sgnr left out
  return {
    genuine: [...spellings(signature), ...spellings(fullStxn)],
    bad: [...bad.flatMap(spellings), '', '%%%', 'AAAA', ' ', '=='],
    stxns: [fullStxn],
    signatures: [signature],
  };
}

const MATERIAL = REQUESTS.map((request) => request.map(materialFor));

/** One byte of `bytes` set to a different value. */
const changedByte = (bytes: Uint8Array) =>
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, delta]) => {
    const copy = bytes.slice();
    copy[at % copy.length] = (copy[at % copy.length]! + delta) % 256;
    return copy;
  });

const junk = fc.anything({ maxDepth: 2, maxKeys: 3, withBigInt: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true });

function entryFor(requestIndex: number, index: number): fc.Arbitrary<Entry> {
  const m = MATERIAL[requestIndex]![index]!;
  const pick = <T>(items: T[]) => fc.constantFrom(...items);
  return fc.oneof(
    { arbitrary: pick(m.genuine).map((value) => ({ value, label: 'genuine' as Label })), weight: 10 },
    { arbitrary: pick(m.bad).map((value) => ({ value, label: 'bad' as Label })), weight: 3 },
    { arbitrary: pick(m.signatures).chain(changedByte).chain((b) => pick(spellings(b))).map((value) => ({ value, label: 'bad' as Label })), weight: 1 },
    { arbitrary: pick(m.stxns).chain(changedByte).chain((b) => pick(spellings(b))).map((value) => ({ value, label: 'unsure' as Label })), weight: 1 },
    { arbitrary: fc.oneof(fc.string({ maxLength: 100 }), fc.base64String({ maxLength: 120 })).map((value) => ({ value, label: 'bad' as Label })), weight: 1 },
    { arbitrary: fc.oneof(junk, fc.constant(null), fc.constant(undefined)).map((value) => ({ value, label: 'bad' as Label })), weight: 1 },
  );
}

interface Reply {
  requestIndex: number;
  stxns: unknown;
  /** true: must pass; false: must fail; null: either. */
  mustPass: boolean | null;
}

const reply: fc.Arbitrary<Reply> = fc.nat(REQUESTS.length - 1).chain((requestIndex) => {
  const decoded = REQUESTS[requestIndex]!;
  const entries = fc.tuple(...decoded.map((_, i) => entryFor(requestIndex, i)));
  const rightLength = entries.map((list): Reply => {
    const asked = list.filter((_, i) => decoded[i]!.signers.length > 0);
    const mustPass = asked.some((e) => e.label === 'bad') ? false : asked.every((e) => e.label === 'genuine') ? true : null;
    return { requestIndex, stxns: list.map((e) => e.value), mustPass };
  });
  const wrongLength = fc.tuple(entries, fc.integer({ min: -2, max: 2 }).filter((n) => n !== 0)).map(([list, delta]): Reply => {
    const values = list.map((e) => e.value);
    return { requestIndex, stxns: delta < 0 ? values.slice(0, delta) : [...values, ...values.slice(0, delta)], mustPass: false };
  });
  const notAList = junk.filter((value) => !Array.isArray(value)).map((stxns): Reply => ({ requestIndex, stxns, mustPass: false }));
  return fc.oneof({ arbitrary: rightLength, weight: 12 }, { arbitrary: wrongLength, weight: 1 }, { arbitrary: notAList, weight: 1 });
});

function hasCanonicalS(signature: Uint8Array): boolean {
  let s = 0n;
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i]!);
  return s < GROUP_ORDER;
}

/** What the dApp gets must be right on its own terms, checked without the code under test. */
function checkAccepted(decoded: DecodedTxn[], out: (string | null)[]): void {
  if (out.length !== decoded.length) throw new Error(`${out.length} outputs for ${decoded.length} transactions`);
  decoded.forEach((d, i) => {
    const value = out[i];
    if (d.signers.length === 0) {
      const expected = d.stxn === undefined ? null : std(d.stxn);
      if (value !== expected) throw new Error(`output ${i}: expected ${expected} where no signature was asked`);
      return;
    }
    if (typeof value !== 'string' || std(Buffer.from(value, 'base64')) !== value) throw new Error(`output ${i} is not standard base64`);
    const stxn = algosdk.decodeSignedTransaction(Buffer.from(value, 'base64'));
    const signer = d.signers[0]!;
    if (Buffer.compare(algosdk.encodeUnsignedTransaction(stxn.txn), d.bytes) !== 0) throw new Error(`output ${i} signs other bytes`);
    if (stxn.sig === undefined || stxn.msig !== undefined || stxn.lsig !== undefined) throw new Error(`output ${i} is not one signature`);
    if (!hasCanonicalS(stxn.sig)) throw new Error(`output ${i} has a malleable signature`);
    if (!independentVerify(txMessage(d.bytes), stxn.sig, algosdk.decodeAddress(signer).publicKey)) throw new Error(`output ${i} does not verify`);
    const sgnr = stxn.sgnr?.toString();
    if (sgnr !== (signer === d.txn.sender.toString() ? undefined : signer)) throw new Error(`output ${i} has sgnr ${sgnr}`);
  });
}

describe('checkPhoneReply fuzzing', () => {
  it(`checkPhoneReply: ${inputs(RUNS)} inputs end in a defined outcome`, async () => {
    const outcomes = { passed: 0, failed: 0 };
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(reply, { minLength: REPLIES_PER_RUN, maxLength: REPLIES_PER_RUN }), async (replies) => {
        const results = await Promise.all(replies.map((r) => checkPhoneReply(REQUESTS[r.requestIndex]!, r.stxns)));
        results.forEach((result, k) => {
          const { requestIndex, mustPass } = replies[k]!;
          checked++;
          if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') throw new Error('not a Result');
          if (result.ok) {
            outcomes.passed++;
            if (mustPass === false) throw new Error('a reply with a bad entry was accepted');
            checkAccepted(REQUESTS[requestIndex]!, result.value);
          } else {
            outcomes.failed++;
            if (mustPass === true) throw new Error(`a genuine reply was refused: ${result.error.message}`);
            if (result.error.code !== 4000) throw new Error(`error code ${result.error.code}`);
            if (typeof result.error.message !== 'string' || result.error.message.length === 0) throw new Error('error without a message');
          }
        });
      }),
      { numRuns: RUNS / REPLIES_PER_RUN },
    );
    expect(checked).toBe(RUNS);
    // Both outcomes are reached often: the generator is not all junk, nor all genuine.
    expect(outcomes.passed).toBeGreaterThan(RUNS / 10);
    expect(outcomes.failed).toBeGreaterThan(RUNS / 10);
  }, FUZZ_TIMEOUT_MS);
});
