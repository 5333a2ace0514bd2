/**
 * Replies across a context boundary: a value, or an error from a closed set. Nothing throws across.
 * The shape and its constructors (`ok`, `fail`) are lib/result.ts's; this file holds what is
 * particular to messaging: the error codes, the deadline every request carries, and the check that
 * a received value is a reply at all.
 */
import type { Result } from '../result';

/** 'limit-reached': the receiver holds as many of something as it allows (the peer host's MAX_PEERS). */
export const MESSAGE_ERROR_CODES = ['bad-request', 'forbidden', 'timeout', 'unavailable', 'failed', 'limit-reached'] as const;
export type MessageErrorCode = (typeof MESSAGE_ERROR_CODES)[number];

export interface MessageError {
  code: MessageErrorCode;
  message: string;
}

export type Reply<T> = Result<T, MessageError>;

/** The error of a failed reply: `fail(messageError('timeout', '...'))`. */
export function messageError(code: MessageErrorCode, message: string): MessageError {
  return { code, message };
}

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
