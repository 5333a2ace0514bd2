/**
 * Splitting and reassembly end to end, as the background runs them for a large request: split at
 * group boundaries into data-channel frames, a phone answering each part (in any order), the parts
 * joined by their ranges, and every signature verified against the transaction at its index.
 */
import { describe, expect, it } from 'vitest';
import algosdk from 'algosdk';
import { decodeWalletTransactions, type DecodedTxn } from '../../../lib/algorand/decode';
import { toPhoneTxns } from '../../../lib/algorand/phone-request';
import { checkPhoneReply } from '../../../lib/algorand/signatures';
import { chunkRanges, reassemble, splitAtGroupBoundaries } from '../../../lib/algorand/split';
import { buildPhoneSignRequest } from '../../../lib/arc27/phone-envelope';
import { TANDEM_PROVIDER_ID, type WalletTransaction } from '../../../lib/arc27/types';
import { MAX_FRAME_TEXT_CHARS, encodeFrame } from '../../../lib/liquid/frames';
import { ALICE, CAROL, base64UrlPadded, independentVerify, rawSign, txMessage } from '../../fixtures/algorand/accounts';
import { grouped, pay, wtx } from '../../fixtures/algorand/txns';

const ID = '0190d5a0-0000-7000-8000-000000000000';
const frameText = (chunk: WalletTransaction[]) => encodeFrame(buildPhoneSignRequest(ID, TANDEM_PROVIDER_ID, chunk)).length;

/** `groups` groups of 16 payments from ALICE, the last of each group from CAROL with `signers: []`. */
function swaps(groups: number): WalletTransaction[] {
  const txns: WalletTransaction[] = [];
  for (let g = 0; g < groups; g++) {
    const members = Array.from({ length: 16 }, (_, i) =>
      pay({ sender: i === 15 ? CAROL.addr : ALICE.addr, amount: BigInt(g * 16 + i), note: new TextEncoder().encode(`group ${g} txn ${i}`) }),
    );
    txns.push(...grouped(members).map((t, i) => wtx(t, i === 15 ? { signers: [] } : {})));
  }
  return txns;
}

/** What the Android reference wallet answers: a raw signature by its key for every entry, asked or not. */
function referencePhone(chunk: WalletTransaction[]): string[] {
  return chunk.map((entry) => base64UrlPadded(rawSign(new Uint8Array(Buffer.from(entry.txn, 'base64')), ALICE)));
}

let prepared: { decoded: DecodedTxn[]; chunks: WalletTransaction[][] } | undefined;

/** The request decoded and split as the background does it (once: decoding 1,024 takes a while). */
function prepare(groups = 64, sizeOf = frameText, maxSize = MAX_FRAME_TEXT_CHARS) {
  const decoded = decodeWalletTransactions(swaps(groups), { allowMultipleGroups: true });
  if (!decoded.ok) throw new Error(decoded.error.message);
  const split = splitAtGroupBoundaries(toPhoneTxns(decoded.value), maxSize, sizeOf);
  if (!split.ok) throw new Error(split.error.message);
  return { decoded: decoded.value, chunks: split.value };
}
const framed = () => (prepared ??= prepare());

function expectSignedAsRequested(decoded: DecodedTxn[], stxns: (string | null)[]) {
  expect(stxns).toHaveLength(decoded.length);
  stxns.forEach((stxn, i) => {
    if (i % 16 === 15) return expect(stxn, `txns[${i}]`).toBeNull();
    const signed = algosdk.decodeSignedTransaction(Buffer.from(stxn!, 'base64'));
    expect(Buffer.from(algosdk.encodeUnsignedTransaction(signed.txn)).equals(Buffer.from(decoded[i]!.bytes)), `txns[${i}]`).toBe(true);
    expect(independentVerify(txMessage(decoded[i]!.bytes), signed.sig!, ALICE.publicKey), `txns[${i}]`).toBe(true);
  });
}

describe('splitting and reassembly of a 1,024-transaction request', () => {
  it('splits into frames that fit the data channel, whole groups each', () => {
    const { chunks } = framed();
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length % 16).toBe(0);
      expect(frameText(chunk)).toBeLessThanOrEqual(MAX_FRAME_TEXT_CHARS);
    }
  });

  it('puts every signature back on its own transaction, whatever order the parts are answered in', async () => {
    const { decoded, chunks } = framed();
    const ranges = chunkRanges(chunks);
    // Replies arrive last part first; they are filed by part (the background keys them by request id).
    const replies: string[][] = [];
    for (let k = chunks.length - 1; k >= 0; k--) replies[k] = referencePhone(chunks[k]!);
    const joined = reassemble(ranges, replies);
    if (!joined.ok) throw new Error(joined.error.message);
    const checked = await checkPhoneReply(decoded, joined.value);
    if (!checked.ok) throw new Error(checked.error.message);
    expectSignedAsRequested(decoded, checked.value);
  });

  it('refuses parts filed under the wrong request even when their lengths match', async () => {
    // Parts of 32 transactions (2 groups) each, so two replies can trade places unnoticed by length.
    const { decoded, chunks } = prepare(8, (chunk) => chunk.length, 32);
    expect(chunks.map((chunk) => chunk.length)).toEqual([32, 32, 32, 32]);
    const replies = chunks.map(referencePhone);
    [replies[0], replies[1]] = [replies[1]!, replies[0]!];
    const joined = reassemble(chunkRanges(chunks), replies);
    expect(joined.ok).toBe(true);
    const checked = await checkPhoneReply(decoded, joined.ok ? joined.value : []);
    expect(checked).toMatchObject({ ok: false, error: { code: 4000, data: { index: 0 } } });
  });

  it('refuses a part answered with one entry missing instead of shifting the rest', () => {
    const { chunks } = framed();
    const replies = chunks.map(referencePhone);
    replies[1] = replies[1]!.slice(1);
    expect(reassemble(chunkRanges(chunks), replies)).toMatchObject({ ok: false, error: { code: 4000, message: expect.stringMatching(/part 2/) } });
  });
});
