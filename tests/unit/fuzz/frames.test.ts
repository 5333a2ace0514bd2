/**
 * Fuzzing the data-channel frame decoder: the phone (or whoever holds the channel) can send any
 * string, so `decodeFrame` must answer every one with a DecodedFrame and never throw. An envelope
 * or credential it hands on must be plain data (what Jackson's CBOR or JSON can express): the
 * background reads it, copies it across contexts and keeps parts of it.
 *
 * Inputs are built from a CBOR grammar (every major type, definite and indefinite lengths, every
 * tag cbor-x gives a meaning to, invalid UTF-8, misplaced breaks), cbor-x's own encoding of
 * arbitrary JS values (records, structured clones with cycles), JSON frames, raw bytes, and
 * non-strings, each written in the base64 spellings a phone might use.
 */
import { Encoder, encode } from 'cbor-x';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../lib/liquid/frames';
import { FUZZ_TIMEOUT_MS, inputs, isPlainTree, kindOf } from './inputs';

const RUNS = 10_000;

// ---------------------------------------------------------------------------------------------
// CBOR items, as bytes, from the grammar of RFC 8949.

/** An item head: major type and argument, in the shortest width or a deliberately longer one. */
function head(major: number, argument: bigint, width: 'short' | 0 | 1 | 2 | 4 | 8 = 'short'): number[] {
  const type = major << 5;
  const w = width === 'short' ? (argument < 24n ? 0 : argument < 0x100n ? 1 : argument < 0x10000n ? 2 : argument < 0x100000000n ? 4 : 8) : width;
  if (w === 0) return [type | Number(argument & 0x1fn) % 24];
  const info = { 1: 24, 2: 25, 4: 26, 8: 27 }[w];
  const bytes: number[] = [];
  for (let i = w - 1; i >= 0; i--) bytes.push(Number((argument >> BigInt(8 * i)) & 0xffn));
  return [type | info, ...bytes];
}

const width = fc.oneof(
  { arbitrary: fc.constant('short' as const), weight: 8 },
  { arbitrary: fc.constantFrom(0 as const, 1 as const, 2 as const, 4 as const, 8 as const), weight: 1 },
);
const uint64 = fc.oneof(
  fc.bigInt({ min: 0n, max: 23n }),
  fc.bigInt({ min: 0n, max: 0xffffn }),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  fc.constantFrom(2n ** 53n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n),
);
const utf8 = (text: string) => [...new TextEncoder().encode(text)];

/** Keys the envelope parser looks for, plus ones that have hurt JS parsers before. */
const KEY_TEXT = fc.constantFrom(
  'id',
  'reference',
  'requestId',
  'result',
  'stxns',
  'providerId',
  'error',
  'code',
  'message',
  'data',
  'type',
  'credential',
  '__proto__',
  'constructor',
  'prototype',
  'length',
  '0',
  '',
);
/** Tags cbor-x builds something from, and some it does not know. */
const TAG = fc.oneof(
  fc.constantFrom(0n, 1n, 2n, 3n, 4n, 5n, 14n, 15n, 21n, 22n, 23n, 24n, 25n, 27n, 28n, 29n, 32n, 51n, 55799n),
  fc.bigInt({ min: 64n, max: 87n }), // typed arrays
  fc.constantFrom(105n, 256n, 258n, 259n, 0x6e00n, 0xdfffn, 0xe000n, 0xe001n), // records, sets, maps, packed
  uint64,
);

const text = fc.oneof(
  { arbitrary: KEY_TEXT.map(utf8), weight: 2 },
  { arbitrary: fc.string({ maxLength: 12, unit: 'binary' }).map(utf8), weight: 2 },
  // Not UTF-8 at all, or cut inside a character.
  { arbitrary: fc.uint8Array({ maxLength: 6 }).map((b) => [...b]), weight: 1 },
).chain((bytes) => width.map((w) => [...head(3, BigInt(bytes.length), w), ...bytes]));

const leaf: fc.Arbitrary<number[]> = fc.oneof(
  fc.tuple(uint64, width).map(([n, w]) => head(0, n, w)),
  fc.tuple(uint64, width).map(([n, w]) => head(1, n, w)),
  fc.uint8Array({ maxLength: 70 }).chain((b) => width.map((w) => [...head(2, BigInt(b.length), w), ...b])),
  text,
  // false, true, null, undefined, simple values, half/single/double floats (NaN, infinities included).
  fc.constantFrom<number[]>([0xf4], [0xf5], [0xf6], [0xf7], [0xf0], [0xf8, 0x20], [0xf8, 0x00]),
  fc.uint8Array({ minLength: 2, maxLength: 2 }).map((b) => [0xf9, ...b]),
  fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => [0xfa, ...b]),
  fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => [0xfb, ...b]),
  // Reserved additional information, a stray break, and raw noise.
  fc.constantFrom<number[]>([0x1c], [0x3d], [0x5e], [0xff], [0xdc]),
  fc.uint8Array({ maxLength: 4 }).map((b) => [...b]),
);

const { item } = fc.letrec<{ item: number[]; array: number[]; map: number[]; tagged: number[]; chunked: number[] }>((tie) => ({
  item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('map'), tie('tagged'), tie('chunked')),
  array: fc.tuple(fc.array(tie('item'), { maxLength: 4 }), fc.boolean(), width).map(([items, indefinite, w]) =>
    indefinite ? [0x9f, ...items.flat(), 0xff] : [...head(4, BigInt(items.length), w), ...items.flat()],
  ),
  map: fc
    .tuple(
      fc.array(fc.tuple(fc.oneof({ arbitrary: text, weight: 4 }, { arbitrary: tie('item'), weight: 1 }), tie('item')), { maxLength: 4 }),
      fc.boolean(),
      fc.integer({ min: -1, max: 1 }),
    )
    .map(([pairs, indefinite, miscount]) => {
      const body = pairs.flat(2);
      if (indefinite) return [0xbf, ...body, 0xff];
      return [...head(5, BigInt(Math.max(0, pairs.length + miscount))), ...body];
    }),
  tagged: fc.tuple(TAG, tie('item')).map(([tag, inner]) => [...head(6, tag), ...inner]),
  // Indefinite-length byte and text strings, sometimes with a chunk of the wrong type.
  chunked: fc.tuple(fc.constantFrom(2, 3), fc.array(fc.oneof(text, leaf), { maxLength: 3 })).map(([major, chunks]) => [
    (major << 5) | 31,
    ...chunks.flat(),
    0xff,
  ]),
}));

/** A reply-shaped map whose values come from the grammar, so the deep parts get exercised. */
const replyLike = fc
  .record(
    {
      id: fc.oneof(text, item),
      reference: fc.oneof(fc.constant(utf8('arc0027:sign_transactions:response')).map((b) => [...head(3, BigInt(b.length)), ...b]), item),
      requestId: fc.oneof(text, item),
      result: fc.oneof(
        fc.tuple(fc.array(item, { maxLength: 3 })).map(([stxns]) => [
          0xa2,
          ...head(3, 10n),
          ...utf8('providerId'),
          ...head(3, 1n),
          ...utf8('p'),
          ...head(3, 5n),
          ...utf8('stxns'),
          ...head(4, BigInt(stxns.length)),
          ...stxns.flat(),
        ]),
        item,
      ),
      error: item,
    },
    { requiredKeys: [] },
  )
  .map((fields) => {
    const entries = Object.entries(fields);
    const body = entries.flatMap(([key, value]) => [...head(3, BigInt(key.length)), ...utf8(key), ...value]);
    return [...head(5, BigInt(entries.length)), ...body];
  });

/** A map at the top most of the time: only maps can be envelopes. */
const grammarBytes = fc
  .oneof({ arbitrary: replyLike, weight: 3 }, { arbitrary: item, weight: 2 })
  .map((bytes) => Uint8Array.from(bytes));

/** cbor-x's own encodings of arbitrary values: Dates, Sets, Maps, typed arrays, records, cycles. */
const recordEncoder = new Encoder({ useRecords: true });
const cloneEncoder = new Encoder({ structuredClone: true, useRecords: false });
const encodedValues = fc
  .tuple(
    fc.anything({
      maxDepth: 3,
      maxKeys: 4,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
    fc.constantFrom('default', 'records', 'clone', 'cycle'),
  )
  .map(([value, how]) => {
    try {
      if (how === 'records') return recordEncoder.encode(value);
      if (how === 'clone') return cloneEncoder.encode(value);
      if (how === 'cycle') {
        const outer: Record<string, unknown> = { requestId: 'r', result: { stxns: [value] } };
        (outer.result as Record<string, unknown>).self = outer;
        return cloneEncoder.encode(outer);
      }
      return encode(value);
    } catch {
      return new Uint8Array([0xa0]);
    }
  });

/** Bytes as a frame: the spellings a phone uses, and some it should not. */
function asFrame(bytes: Uint8Array): fc.Arbitrary<string> {
  const url = Buffer.from(bytes).toString('base64url');
  const std = Buffer.from(bytes).toString('base64');
  return fc.oneof(
    { arbitrary: fc.constant(url), weight: 6 },
    { arbitrary: fc.constant(url + '='.repeat((4 - (url.length % 4)) % 4)), weight: 2 },
    { arbitrary: fc.constantFrom(std, std.replace(/=+$/, '')), weight: 2 },
    { arbitrary: fc.constantFrom(` ${url}\n`, `\t${url}`, `${url}===`, `${url.slice(0, -1)}`, `${url}A`, `${url}!`), weight: 1 },
  );
}

const jsonFrame = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 2 }).map((extra) => JSON.stringify({ type: 'credential', address: 'ADDR', extra })),
  fc.jsonValue({ maxDepth: 2 }).map((extra) => `{"__proto__":{"polluted":true},"requestId":"r","x":${JSON.stringify(extra)}}`),
  fc.string({ maxLength: 40 }).map((rest) => `{${rest}`),
);

const frame: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: grammarBytes.chain(asFrame), weight: 10 },
  { arbitrary: encodedValues.chain(asFrame), weight: 4 },
  { arbitrary: fc.uint8Array({ maxLength: 64 }).chain(asFrame), weight: 2 },
  { arbitrary: jsonFrame, weight: 2 },
  { arbitrary: fc.string({ maxLength: 80, unit: 'binary' }), weight: 1 },
  { arbitrary: fc.anything({ maxDepth: 2 }), weight: 1 },
  { arbitrary: fc.constantFrom('ping', ' ping\n', 'Ping', 'pingg'), weight: 1 },
);

describe('decodeFrame fuzzing', () => {
  it(`decodeFrame: ${inputs(RUNS)} inputs end in a defined outcome`, () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(frame, (input) => {
        const decoded = decodeFrame(input);
        kinds.set(decoded.kind, (kinds.get(decoded.kind) ?? 0) + 1);
        switch (decoded.kind) {
          case 'invalid':
            expect(Object.keys(decoded).sort()).toEqual(['kind', 'reason']);
            expect(typeof decoded.reason === 'string' && decoded.reason.length > 0).toBe(true);
            break;
          case 'envelope':
            expect(Object.keys(decoded).sort()).toEqual(['envelope', 'kind']);
            expect(kindOf(decoded.envelope)).toBe('[object Object]');
            expect(isPlainTree(decoded.envelope), 'the envelope is plain data').toBe(true);
            break;
          case 'ping':
            expect(Object.keys(decoded)).toEqual(['kind']);
            expect((input as string).trim()).toBe('ping');
            break;
          case 'credential':
            expect(Object.keys(decoded).sort()).toEqual(['credential', 'kind']);
            expect(decoded.credential.type).toBe('credential');
            expect(isPlainTree(decoded.credential), 'the credential is plain data').toBe(true);
            break;
          default: {
            const unexpected: never = decoded;
            throw new Error(`unexpected outcome ${JSON.stringify(unexpected)}`);
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The generators must reach every outcome, not only fail at the first check.
    expect(kinds.get('envelope') ?? 0).toBeGreaterThan(RUNS / 20);
    expect(kinds.get('invalid') ?? 0).toBeGreaterThan(RUNS / 20);
    expect(kinds.get('credential') ?? 0).toBeGreaterThan(RUNS / 200);
    expect(kinds.get('ping') ?? 0).toBeGreaterThan(RUNS / 400);
  }, FUZZ_TIMEOUT_MS);
});
