/**
 * Reading values that come from outside the extension (a web page, a phone) without ever running
 * their code. Pages can hand the content script proxies, objects with throwing getters, sparse
 * arrays with absurd lengths or cycles, so every read here goes through an own *data* property
 * descriptor inside try/catch: getters are never invoked, inherited (possibly polluted) properties
 * are never seen, and a proxy trap that throws is reported as "unreadable", not thrown.
 */

/** Marks a property that exists but could not be read safely (accessor, throwing proxy trap). */
export const UNREADABLE: unique symbol = Symbol('unreadable');
export type Read = unknown | typeof UNREADABLE;

export function isObjectLike(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** True for a non-array object; a proxy whose isArray check throws counts as not a record. */
export function isRecordLike(value: unknown): value is object {
  if (!isObjectLike(value)) return false;
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

export function isArrayLike(value: unknown): value is readonly unknown[] {
  if (!isObjectLike(value)) return false;
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * The value of an own data property; `undefined` when absent; UNREADABLE for accessors and throwing
 * traps. A property whose value is `undefined` reads as absent, like JSON would drop it.
 */
export function readOwn(target: object, key: string): Read {
  let descriptor: PropertyDescriptor | undefined;
  try {
    descriptor = Object.getOwnPropertyDescriptor(target, key);
  } catch {
    return UNREADABLE;
  }
  if (descriptor === undefined) return undefined;
  if (!('value' in descriptor)) return UNREADABLE;
  return descriptor.value;
}

/** An array's length, or null when it cannot be read as a plain number. */
export function readLength(array: readonly unknown[]): number | null {
  const length = readOwn(array, 'length');
  return typeof length === 'number' && Number.isSafeInteger(length) && length >= 0 ? length : null;
}
