/**
 * Shared pieces of the fuzz suite. Each fuzz file states its own run count as a named constant and
 * prints it in the test name through `inputs()`, so a report shows how much was tried.
 */

/** "10,000": a run count as the test names print it. */
export function inputs(runs: number): string {
  return runs.toLocaleString('en-US');
}

/** The kind of a value in a failure message, without printing all of a large input. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return Object.prototype.toString.call(value);
}

/**
 * True when `root` is data as a decoder of plain CBOR or JSON produces it: plain objects (prototype
 * Object or null), dense arrays, strings, numbers, big integers, booleans, null, undefined and byte
 * strings, each object reached once (no cycles, no shared references). Walked without recursion.
 */
export function isPlainTree(root: unknown): boolean {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || value === undefined) continue;
    if (['string', 'number', 'bigint', 'boolean'].includes(typeof value)) continue;
    if (typeof value !== 'object') return false;
    if (Object.getPrototypeOf(value) === Uint8Array.prototype || Buffer.isBuffer(value)) continue;
    if (seen.has(value)) return false;
    seen.add(value);
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) return false;
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) return false;
        pending.push(value[i]);
      }
      continue;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key !== 'string') return false;
      const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
      if (!('value' in descriptor)) return false;
      pending.push(descriptor.value);
    }
  }
  return true;
}

/**
 * Vitest's per-test limit for a fuzz test. fast-check runs a synchronous property to the end anyway
 * (the limit only turns a slow pass into a failure afterwards), and a machine shared with other
 * builds runs the suite several times slower than an idle one; the CI budget is kept by the run
 * counts and the generators' cost instead.
 */
export const FUZZ_TIMEOUT_MS = 300_000;
