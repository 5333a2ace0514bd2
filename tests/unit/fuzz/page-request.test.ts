/**
 * Fuzzing the page-envelope validator: whatever a page sends for any ARC-0027 method, parsePageRequest
 * answers one defined outcome (a clean request or an ARC-0027 error), never throws, and returns only
 * the keys the types promise. Inputs are mostly aimed at a method and valid more often than not, so
 * the deep checks are reached, with junk, throwing getters and throwing proxies mixed in at every level.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePageRequest } from '../../../lib/arc27/page-request';
import { ARC27_METHODS, TANDEM_PROVIDER_ID } from '../../../lib/arc27/types';
import { ALICE, BOB, PAYMENT, REQUEST_ID, TESTNET_HASH } from '../arc27/fixtures';
import { expectCleanError, hostile, junk, usually } from './hostile-values';
import { FUZZ_TIMEOUT_MS, inputs } from './inputs';

const RUNS = 10_000;

const PARAM_KEYS: Record<string, string[]> = {
  discover: ['providerId'],
  enable: ['providerId', 'genesisHash'],
  disable: ['providerId', 'genesisHash', 'sessionIds'],
  sign_transactions: ['providerId', 'txns'],
  sign_and_post_transactions: ['providerId', 'txns'],
  post_transactions: ['providerId', 'stxns'],
  sign_message: ['providerId', 'message', 'signer'],
};
const TXN_KEYS = ['txn', 'signers', 'authAddr', 'msig', 'stxn', 'message'];

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
      stxns: usually(fc.array(usually(base64ish, 60), { minLength: 1, maxLength: 5 }), 30),
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

describe('parsePageRequest fuzzing', () => {
  it(`parsePageRequest: ${inputs(RUNS)} inputs end in a defined outcome`, () => {
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
        if (request.method === 'sign_transactions' || request.method === 'sign_and_post_transactions') {
          for (const txn of request.params.txns) for (const key of Object.keys(txn)) expect(TXN_KEYS).toContain(key);
        }
        // Plain data only, and parsing the clean copy again gives the same copy.
        expect(JSON.parse(JSON.stringify(request))).toEqual(request);
        expect(parsePageRequest(method, request)).toEqual(outcome);
      }),
      { numRuns: RUNS },
    );
    // The generator must reach the deep paths, not only fail at the first field.
    for (const method of ['discover', 'enable', 'disable', 'sign_transactions', 'post_transactions', 'sign_and_post_transactions']) {
      expect(accepted.get(method) ?? 0).toBeGreaterThan(RUNS / 500);
    }
  }, FUZZ_TIMEOUT_MS);
});
