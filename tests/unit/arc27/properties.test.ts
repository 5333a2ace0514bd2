/**
 * Property tests: whatever a phone sends, the reply parser answers exactly one defined outcome,
 * never throws, and returns only the keys the types promise. (The page-envelope validator's
 * fuzzing is in tests/unit/fuzz/page-request.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PHONE_ERROR_MESSAGE_CHARS, parsePhoneReply } from '../../../lib/arc27/phone-envelope';
import { Arc27ErrorCode } from '../../../lib/arc27/types';
import { expectCleanError, hostile, junk, usually } from '../fuzz/hostile-values';
import { REQUEST_ID } from './fixtures';

const RUNS = 10_000;
const CODES = new Set<number>(Object.values(Arc27ErrorCode));

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
          case 'signature':
            expect(Object.keys(parsed).sort()).toEqual(['kind', 'requestId', 'signature']);
            expect(parsed.signature === null || typeof parsed.signature === 'string').toBe(true);
            expect(typeof parsed.requestId).toBe('string');
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
