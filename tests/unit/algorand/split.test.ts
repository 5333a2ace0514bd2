import { encode } from 'cbor-x';
import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { chunkRanges, reassemble, splitAtGroupBoundaries } from '../../../lib/algorand/split';
import type { WalletTransaction } from '../../../lib/arc27/types';
import { grouped, pay, wtx } from '../../fixtures/algorand/txns';

/** A request frame's CBOR size, as the peer host will measure it. */
function frameSize(chunk: WalletTransaction[]): number {
  const envelope = {
    id: '0190e6f2-7a4b-7c3d-9e8f-0123456789ab',
    reference: 'arc0027:sign_transactions:request',
    params: { providerId: '6f3a2c1e-9b7d-4e52-a8c4-0d1f7b2e9a64', txns: chunk },
  };
  return encode(envelope).length;
}

function counting(sizeOf: (chunk: WalletTransaction[]) => number) {
  const counter = { calls: 0 };
  return { counter, sizeOf: (chunk: WalletTransaction[]) => (counter.calls++, sizeOf(chunk)) };
}

/** `groups` groups of `size` payments, each with a `noteBytes` note. */
function request(groups: number, size: number, noteBytes = 0): WalletTransaction[] {
  const txns: WalletTransaction[] = [];
  for (let g = 0; g < groups; g++) {
    const members = Array.from({ length: size }, (_, i) => pay({ amount: BigInt(g * size + i), note: new Uint8Array(noteBytes).fill(g) }));
    txns.push(...(size > 1 ? grouped(members) : members).map((t) => wtx(t)));
  }
  return txns;
}

function groupKey(entry: WalletTransaction): string {
  const group = algosdk.decodeUnsignedTransaction(Buffer.from(entry.txn, 'base64')).group;
  return group ? Buffer.from(group).toString('hex') : `lone:${entry.txn}`;
}

function expectWellSplit(txns: WalletTransaction[], chunks: WalletTransaction[][], maxBytes: number) {
  expect(chunks.flat()).toEqual(txns);
  for (const chunk of chunks) {
    expect(chunk.length).toBeGreaterThan(0);
    expect(frameSize(chunk)).toBeLessThanOrEqual(maxBytes);
  }
  for (let k = 1; k < chunks.length; k++) {
    expect(groupKey(chunks[k - 1]!.at(-1)!)).not.toBe(groupKey(chunks[k]![0]!));
  }
}

describe('splitAtGroupBoundaries', () => {
  it('keeps a small request in one chunk', () => {
    const txns = request(2, 3);
    const result = splitAtGroupBoundaries(txns, 255_000, frameSize);
    expect(result).toEqual({ ok: true, value: [txns] });
  });

  it('splits 1024 transactions (64 groups of 16 with 1 KiB notes) into frames under 255,000 bytes', () => {
    const txns = request(64, 16, 1024);
    const { counter, sizeOf } = counting(frameSize);
    const result = splitAtGroupBoundaries(txns, 255_000, sizeOf);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.length).toBeGreaterThan(4);
    expectWellSplit(txns, result.value, 255_000);
    expect(counter.calls).toBeLessThanOrEqual(1 + 64 + result.value.length * 2);
  });

  it('splits lone transactions anywhere', () => {
    const txns = request(40, 1, 200);
    const maxBytes = frameSize(txns.slice(0, 7));
    const result = splitAtGroupBoundaries(txns, maxBytes, frameSize);
    if (!result.ok) throw new Error(result.error.message);
    expectWellSplit(txns, result.value, maxBytes);
    expect(result.value[0]).toHaveLength(7);
  });

  it('mixes groups and lone transactions without splitting a group', () => {
    const txns = [...request(3, 5, 300), ...request(4, 1, 300), ...request(3, 4, 300)];
    const maxBytes = frameSize(txns.slice(0, 6));
    const result = splitAtGroupBoundaries(txns, maxBytes, frameSize);
    if (!result.ok) throw new Error(result.error.message);
    expectWellSplit(txns, result.value, maxBytes);
  });

  it('gives units back when the estimate was short (the size grows faster than the sum)', () => {
    const txns = request(30, 2, 100);
    const superlinear = (chunk: WalletTransaction[]) => frameSize(chunk) + chunk.length * chunk.length * 20;
    const maxBytes = 4_000;
    const result = splitAtGroupBoundaries(txns, maxBytes, superlinear);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.flat()).toEqual(txns);
    for (const chunk of result.value) expect(superlinear(chunk)).toBeLessThanOrEqual(maxBytes);
  });

  it('refuses a group that does not fit in one frame', () => {
    const txns = [...request(1, 2, 10), ...request(1, 16, 1024)];
    const result = splitAtGroupBoundaries(txns, 10_000, frameSize);
    expect(result).toMatchObject({ ok: false, error: { code: 4200, data: { index: 2 } } });
    expect(!result.ok && result.error.message).toContain('group of 16 transactions too large for one frame');
  });

  it('refuses a lone transaction that does not fit in one frame', () => {
    const result = splitAtGroupBoundaries(request(1, 1, 1024), 500, frameSize);
    expect(!result.ok && result.error.message).toContain('txns[0]: transaction too large for one frame');
  });

  it('refuses an entry that is not a transaction', () => {
    const result = splitAtGroupBoundaries([{ txn: '!!' }], 255_000, frameSize);
    expect(result).toMatchObject({ ok: false, error: { code: 4200 } });
  });
});

describe('chunkRanges and reassemble', () => {
  const chunks = [['a', 'b', 'c'], ['d', 'e']];

  it('records where each chunk starts', () => {
    expect(chunkRanges(chunks)).toEqual([
      { start: 0, count: 3 },
      { start: 3, count: 2 },
    ]);
  });

  it('joins the per-chunk replies in order', () => {
    expect(reassemble(chunkRanges(chunks), [['A', null, 'C'], ['D', 'E']])).toEqual({ ok: true, value: ['A', null, 'C', 'D', 'E'] });
  });

  it.each([
    ['a reply with too few entries', [['A', 'B'], ['D', 'E']]],
    ['a reply with too many entries', [['A', 'B', 'C', 'X'], ['D', 'E']]],
    ['a reply that is not a list', [['A', 'B', 'C'], 'DE']],
    ['a missing reply', [['A', 'B', 'C']]],
  ])('refuses %s', (_, replies) => {
    expect(reassemble(chunkRanges(chunks), replies)).toMatchObject({ ok: false, error: { code: 4000 } });
  });

  it('names the count when a phone skipped a transaction (the iOS SDK): never a guess at positions', () => {
    expect(reassemble(chunkRanges([['a', 'b', 'c']]), [['A', 'C']])).toEqual({
      ok: false,
      error: { code: 4000, message: 'the phone returned 2 signatures for 3 transactions' },
    });
    expect(reassemble(chunkRanges(chunks), [['A', 'B', 'C'], ['D']])).toMatchObject({
      ok: false,
      error: { message: 'the phone returned 1 signature for 2 transactions (part 2 of 2 of the request)' },
    });
  });
});
