/**
 * Hostile values for the parsers that face a web page or a phone: junk of every kind (including
 * values JSON cannot hold), objects with throwing getters, proxies whose traps throw.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { Arc27ErrorCode } from '../../../lib/arc27/types';

const CODES = new Set<number>(Object.values(Arc27ErrorCode));

/** Values of every kind, including ones JSON cannot hold. */
export const junk = fc.anything({
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
export function hostile<T>(inner: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
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
export function usually<T>(valid: fc.Arbitrary<T>, weight = 12): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valid, weight },
    { arbitrary: junk, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
}

/** An ARC-0027 error with exactly a known code and a non-empty message. */
export function expectCleanError(error: unknown): void {
  expect(Object.keys(error as object).sort()).toEqual(['code', 'message']);
  const { code, message } = error as { code: unknown; message: unknown };
  expect(CODES.has(code as number)).toBe(true);
  expect(typeof message === 'string' && message.length > 0).toBe(true);
}
