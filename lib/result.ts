/**
 * The one result shape: a value, or an error. Nothing that checks input or crosses a context
 * boundary throws; it returns one of these. lib/algorand fails with the Arc27Error the dApp
 * receives; the messaging channels fail with a MessageError (`Reply<T>` in lib/messaging/result.ts).
 * The shape is also the wire format of every channel reply: `{ok: true, value}` / `{ok: false, error}`.
 */

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** The message of something caught, for an error's text. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
