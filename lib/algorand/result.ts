/**
 * The outcome of every check in lib/algorand. Nothing here throws on bad input: the
 * background turns an `ok: false` straight into the ARC-0027 error the dApp receives.
 */
import type { Arc27Error } from '../arc27/types';

export type Result<T, E = Arc27Error> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(error: Arc27Error): { ok: false; error: Arc27Error } {
  return { ok: false, error };
}

/** The message of something caught from a library, for an error's text. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
