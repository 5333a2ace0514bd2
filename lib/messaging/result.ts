/** Replies across a context boundary: a value, or an error from a closed set. Nothing throws across. */

export const MESSAGE_ERROR_CODES = ['bad-request', 'forbidden', 'timeout', 'unavailable', 'failed'] as const;
export type MessageErrorCode = (typeof MESSAGE_ERROR_CODES)[number];

export interface MessageError {
  code: MessageErrorCode;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: MessageError };

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
export const fail = (code: MessageErrorCode, message: string): Reply<never> => ({ ok: false, error: { code, message } });

/** Resolves with the promise's value, or rejects with a timeout error after `ms`. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

export function isReply(value: unknown): value is Reply<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: { code?: unknown } };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && typeof v.error === 'object' && v.error !== null && MESSAGE_ERROR_CODES.includes(v.error.code as MessageErrorCode);
}
