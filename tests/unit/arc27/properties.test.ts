/**
 * Property tests: whatever a page or a phone sends, the parsers answer exactly one defined outcome,
 * never throw, and return only the keys the types promise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePageRequest } from '../../../lib/arc27/page-request';
import { MAX_PHONE_ERROR_MESSAGE_CHARS, parsePhoneReply } from '../../../lib/arc27/phone-envelope';
import { ARC27_METHODS, Arc27ErrorCode, TANDEM_PROVIDER_ID } from '../../../lib/arc27/types';
import { ALICE, BOB, PAYMENT, REQUEST_ID, TESTNET_HASH } from './fixtures';

const RUNS = 10_000;
const CODES = new Set<number>(Object.values(Arc27ErrorCode));

const PARAM_KEYS: Record<string, string[]> = {
  discover: ['providerId'],
  enable: ['providerId', 'genesisHash'],
  disable: ['providerId', 'genesisHash', 'sessionIds'],
  sign_transactions: ['providerId', 'txns'],
};
const TXN_KEYS = ['txn', 'signers', 'authAddr', 'msig', 'stxn', 'message'];

/** Values of every kind, including ones JSON cannot hold. */
const junk = fc.anything({
  maxDepth: 3,
  maxKeys: 5,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** Mostly `inner`; sometimes an object whose chosen key is a throwing getter, or a proxy whose traps throw. */
function hostile<T>(inner: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  const withGetter = fc
    .tuple(inner, fc.constantFrom('id', 'params', 'txns', 'txn', 'signers', 'requestId', 'result', 'error', 'stxns', 'length', '0'))
    .map(([value, key]) => {
      if (typeof value !== 'object' || value === null) return value;
      try {
        Object.defineProperty(value, key, {
          enumerable: true,
          get() {
            throw new Error('getter');
          },
        });
      } catch {
        // frozen or non-configurable: keep as is
      }
      return value;
    });
  const throwingProxy = fc.constant(null).map(
    () =>
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
          getOwnPropertyDescriptor: () => {
            throw new Error('trap');
          },
          ownKeys: () => {
            throw new Error('trap');
          },
        },
      ),
  );
  return fc.oneof({ arbitrary: inner, weight: 12 }, { arbitrary: withGetter, weight: 1 }, { arbitrary: throwingProxy, weight: 1 });
}

/** Mostly a valid value, sometimes junk, undefined or null. */
function usually<T>(valid: fc.Arbitrary<T>, weight = 12): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valid, weight },
    { arbitrary: junk, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
}

const base64ish = fc.oneof(
  { arbitrary: fc.constant(PAYMENT), weight: 6 },
  { arbitrary: fc.base64String({ minLength: 4, maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
);
const address = fc.oneof(
  { arbitrary: fc.constantFrom(ALICE, BOB), weight: 12 },
  { arbitrary: fc.constantFrom(ALICE.toLowerCase(), ALICE.slice(1), `${ALICE.slice(0, 57)}B`, ''), weight: 1 },
);

const walletTxn = hostile(
  fc.record(
    {
      txn: usually(base64ish, 60),
      signers: usually(fc.array(usually(address, 60), { maxLength: 3 }), 60),
      authAddr: usually(address, 60),
      msig: usually(
        fc.record({
          version: usually(fc.integer({ min: 1, max: 2 }), 60),
          threshold: usually(fc.constant(1), 60),
          addrs: usually(fc.array(address, { minLength: 1, maxLength: 3 }), 60),
        }),
        60,
      ),
      stxn: usually(base64ish, 60),
      message: usually(fc.string({ maxLength: 20 }), 60),
      extra: junk,
    },
    { requiredKeys: ['txn'] },
  ),
);

const paramsFor = hostile(
  fc.record(
    {
      providerId: usually(fc.oneof({ arbitrary: fc.constant(TANDEM_PROVIDER_ID), weight: 12 }, { arbitrary: fc.constant(''), weight: 1 })),
      genesisHash: usually(fc.constantFrom(TESTNET_HASH, TESTNET_HASH, TESTNET_HASH.slice(1), `${TESTNET_HASH.slice(0, 43)}A`)),
      sessionIds: usually(fc.array(usually(fc.string({ maxLength: 8 })), { maxLength: 3 })),
      txns: usually(fc.array(walletTxn, { minLength: 1, maxLength: 5 }), 30),
      __proto__: junk,
    },
    { requiredKeys: [] },
  ),
);

/** A method and a request that is aimed at it, valid more often than not. */
const nearlyValidRequest = fc.constantFrom(...ARC27_METHODS).chain((method) =>
  fc.tuple(
    fc.constant(method),
    hostile(
      fc.record(
        {
          id: usually(fc.oneof({ arbitrary: fc.constant(REQUEST_ID), weight: 8 }, { arbitrary: fc.string({ maxLength: 140 }), weight: 1 })),
          reference: fc.oneof({ arbitrary: fc.constant(`arc0027:${method}:request`), weight: 12 }, { arbitrary: junk, weight: 1 }),
          method: fc.oneof({ arbitrary: fc.constant(method), weight: 12 }, { arbitrary: fc.constantFrom(...ARC27_METHODS), weight: 1 }),
          params: usually(paramsFor),
        },
        { requiredKeys: ['id'] },
      ),
    ),
  ),
);

const anyRequest = fc.oneof(
  { arbitrary: nearlyValidRequest, weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom(...ARC27_METHODS), junk), weight: 1 },
);

function expectCleanError(error: unknown): void {
  expect(Object.keys(error as object).sort()).toEqual(['code', 'message']);
  const { code, message } = error as { code: unknown; message: unknown };
  expect(CODES.has(code as number)).toBe(true);
  expect(typeof message === 'string' && message.length > 0).toBe(true);
}

describe('parsePageRequest properties', () => {
  it(`never throws and returns one clean outcome (${RUNS} runs)`, () => {
    const accepted = new Map<string, number>();
    fc.assert(
      fc.property(anyRequest, ([method, raw]) => {
        const outcome = parsePageRequest(method, raw, { maxTxns: 4, maxTxnChars: 1024 });
        if (outcome.ok) accepted.set(method, (accepted.get(method) ?? 0) + 1);
        if (!outcome.ok) {
          expect(Object.keys(outcome).sort()).toEqual(['error', 'ok']);
          expectCleanError(outcome.error);
          return;
        }
        expect(Object.keys(outcome).sort()).toEqual(['ok', 'request']);
        const { request } = outcome;
        expect(Object.keys(request).sort()).toEqual(['id', 'method', 'params', 'reference']);
        expect(request.method).toBe(method);
        expect(request.reference).toBe(`arc0027:${method}:request`);
        for (const key of Object.keys(request.params)) expect(PARAM_KEYS[method]).toContain(key);
        if (request.method === 'sign_transactions') {
          for (const txn of request.params.txns) for (const key of Object.keys(txn)) expect(TXN_KEYS).toContain(key);
        }
        // Plain data only, and parsing the clean copy again gives the same copy.
        expect(JSON.parse(JSON.stringify(request))).toEqual(request);
        expect(parsePageRequest(method, request)).toEqual(outcome);
      }),
      { numRuns: RUNS },
    );
    // The generator must reach the deep paths, not only fail at the first field.
    for (const method of ['discover', 'enable', 'disable', 'sign_transactions']) {
      expect(accepted.get(method) ?? 0).toBeGreaterThan(RUNS / 500);
    }
  });
});

const phoneEnvelope = hostile(
  fc.record(
    {
      id: usually(fc.string({ maxLength: 8 })),
      reference: usually(
        fc.constantFrom('arc0027:sign_transactions:response', 'arc0027:sign_message:response', 'arc0027:sign_transactions:request', 'x'),
      ),
      requestId: usually(fc.oneof({ arbitrary: fc.constant(REQUEST_ID), weight: 8 }, { arbitrary: fc.string({ maxLength: 140 }), weight: 1 })),
      result: usually(hostile(fc.record({ providerId: junk, stxns: usually(fc.array(junk, { maxLength: 4 })) }, { requiredKeys: [] }))),
      error: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 3 },
        {
          arbitrary: fc.record(
            { code: usually(fc.oneof(fc.constantFrom(...CODES), fc.integer())), message: usually(fc.string({ maxLength: 700 })), data: junk },
            { requiredKeys: [] },
          ),
          weight: 1,
        },
        { arbitrary: junk, weight: 1 },
      ),
    },
    { requiredKeys: [] },
  ),
);

describe('parsePhoneReply properties', () => {
  it(`never throws and classifies every envelope (${RUNS} runs)`, () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(fc.oneof({ arbitrary: phoneEnvelope, weight: 4 }, { arbitrary: junk, weight: 1 }), (envelope) => {
        const parsed = parsePhoneReply(envelope as Record<string, unknown>);
        kinds.set(parsed.kind, (kinds.get(parsed.kind) ?? 0) + 1);
        switch (parsed.kind) {
          case 'reply':
            expect(Object.keys(parsed).sort()).toEqual(['kind', 'requestId', 'stxns']);
            expect(Array.isArray(parsed.stxns)).toBe(true);
            expect(typeof parsed.requestId).toBe('string');
            break;
          case 'error':
            expect(Object.keys(parsed).sort()).toEqual(['error', 'kind', 'requestId']);
            expectCleanError(parsed.error);
            expect(parsed.error.message.length).toBeLessThanOrEqual(MAX_PHONE_ERROR_MESSAGE_CHARS);
            break;
          case 'invalid':
            expect(['kind,reason', 'kind,reason,requestId']).toContain(Object.keys(parsed).sort().join(','));
            expect(typeof parsed.reason).toBe('string');
            break;
          default:
            throw new Error(`unexpected kind ${JSON.stringify(parsed)}`);
        }
      }),
      { numRuns: RUNS },
    );
    for (const kind of ['reply', 'error', 'invalid']) expect(kinds.get(kind) ?? 0).toBeGreaterThan(RUNS / 100);
  });
});
