/**
 * What a phone can do (liquid-protocol.md §8). A phone says so in one place only: the `methods` of
 * its Biatec hello reply, or of its connections `connect` result. A phone that says nothing can do
 * only `arc0027:sign_transactions`, the one method every phone in §8 serves.
 */
import type { PageMethod } from '../arc27/types';

export const PhoneMethod = {
  SignTransactions: 'arc0027:sign_transactions',
  SignMessage: 'arc0027:sign_message',
  SignData: 'arc0060:sign_data',
} as const;
export type PhoneMethod = (typeof PhoneMethod)[keyof typeof PhoneMethod];

export const DEFAULT_PHONE_METHODS: readonly string[] = Object.freeze([PhoneMethod.SignTransactions]);

/** A phone's announced methods are kept only up to this many, each up to this long. */
export const MAX_ANNOUNCED_METHODS = 32;
export const MAX_METHOD_CHARS = 64;

/** The phone method a dApp method needs, or null when Tandem answers it without the phone. */
export function phoneMethodFor(method: PageMethod): PhoneMethod | null {
  switch (method) {
    case 'sign_transactions':
    case 'sign_and_post_transactions':
      return PhoneMethod.SignTransactions;
    case 'sign_message':
      return PhoneMethod.SignMessage;
    case 'sign_data':
      return PhoneMethod.SignData;
    default:
      return null;
  }
}

/** Whether a phone that announced `announced` (null: nothing) can serve `method`. */
export function phoneCanServe(announced: readonly string[] | null | undefined, method: PageMethod): boolean {
  const needed = phoneMethodFor(method);
  return needed === null || (announced ?? DEFAULT_PHONE_METHODS).includes(needed);
}

/**
 * Whether any paired phone can serve `method` (what `discover` lists and what is answered 4003 at
 * once is the union of what the phones can do). Without a phone, what every phone can do.
 */
export function anyPhoneCanServe(phones: readonly { phone: { methods: readonly string[] | null } | null }[], method: PageMethod): boolean {
  if (phones.length === 0) return phoneCanServe(null, method);
  return phones.some((p) => phoneCanServe(p.phone?.methods, method));
}

/** The announced list as stored: strings only, bounded, deduplicated. */
export function readAnnouncedMethods(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const methods = new Set<string>();
  for (const item of value.slice(0, MAX_ANNOUNCED_METHODS)) {
    if (typeof item === 'string' && item.length > 0 && item.length <= MAX_METHOD_CHARS) methods.add(item);
  }
  return [...methods];
}
