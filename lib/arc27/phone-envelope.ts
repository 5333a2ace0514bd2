/**
 * ARC-0027 envelopes on the phone link (liquid-protocol.md §5.1). Requests are built clean (no
 * `undefined` fields: cbor-x would encode them as CBOR `undefined`, which Jackson on the Android side
 * does not map to "absent"). Replies are correlated on `requestId` only: one reference library writes
 * `arc0027:sign_message:response` for a sign_transactions reply, so any `arc0027:*:response` is
 * accepted. The signatures themselves stay `unknown` here; attaching and verifying them is
 * lib/algorand's job.
 */
import { Arc27ErrorCode, arc27Error, type Arc27Error, type WalletTransaction } from './types';
import { isArc27ErrorCode } from './errors';
import { MAX_TXNS_HARD_CAP } from './page-request';
import { MAX_ID_CHARS } from './page-request-readers';
import { UNREADABLE, isArrayLike, isRecordLike, readLength, readOwn } from './safe-read';

export const PHONE_SIGN_REQUEST_REFERENCE = 'arc0027:sign_transactions:request';
export const MAX_PHONE_ERROR_MESSAGE_CHARS = 500;

export interface PhoneSignRequest {
  id: string;
  reference: typeof PHONE_SIGN_REQUEST_REFERENCE;
  params: { providerId: string; txns: WalletTransaction[] };
}

export type PhoneReply =
  | { kind: 'reply'; requestId: string; stxns: unknown[] }
  /** A data-signing reply (lib/arc27/sign-data-phone.ts): signData's `signatures[0]` (null: not signed), or sign_message's `signature`. */
  | { kind: 'signature'; requestId: string; signature: string | null }
  | { kind: 'error'; requestId: string; error: Arc27Error }
  | { kind: 'invalid'; reason: string; requestId?: string };

/** Every field copied explicitly, absent ones left out. */
function cleanWalletTransaction(source: WalletTransaction): WalletTransaction {
  const txn: WalletTransaction = { txn: source.txn };
  if (source.signers !== undefined) txn.signers = [...source.signers];
  if (source.authAddr !== undefined) txn.authAddr = source.authAddr;
  if (source.msig !== undefined) {
    txn.msig = { version: source.msig.version, threshold: source.msig.threshold, addrs: [...source.msig.addrs] };
  }
  if (source.stxn !== undefined) txn.stxn = source.stxn;
  if (source.message !== undefined) txn.message = source.message;
  return txn;
}

export function buildPhoneSignRequest(id: string, providerId: string, txns: WalletTransaction[]): PhoneSignRequest {
  return { id, reference: PHONE_SIGN_REQUEST_REFERENCE, params: { providerId, txns: txns.map(cleanWalletTransaction) } };
}

/** ARC-0027 replies, and Biatec's (`biatec:hello:response`, `arc0060:sign_data:response`). */
const RESPONSE_REFERENCE = /^(?:arc0027|arc0060|biatec):[a-z_]{1,64}:response$/;

function truncate(text: string): string {
  return text.length > MAX_PHONE_ERROR_MESSAGE_CHARS ? text.slice(0, MAX_PHONE_ERROR_MESSAGE_CHARS) : text;
}

function toArc27ErrorCode(code: unknown): Arc27ErrorCode {
  return isArc27ErrorCode(code) ? code : Arc27ErrorCode.Unknown;
}

function phoneError(raw: unknown): Arc27Error {
  if (typeof raw === 'string') return arc27Error(Arc27ErrorCode.Unknown, truncate(raw) || 'the phone reported an error');
  if (!isRecordLike(raw)) return arc27Error(Arc27ErrorCode.Unknown, 'the phone reported an error');
  const code = toArc27ErrorCode(readOwn(raw, 'code'));
  const message = readOwn(raw, 'message');
  return arc27Error(code, typeof message === 'string' && message.length > 0 ? truncate(message) : `the phone reported error ${code}`);
}

function parseOrInvalid(envelope: object): PhoneReply {
  const requestId = readOwn(envelope, 'requestId');
  if (typeof requestId !== 'string' || requestId.length === 0 || requestId.length > MAX_ID_CHARS) {
    return { kind: 'invalid', reason: 'reply has no usable requestId' };
  }
  const reference = readOwn(envelope, 'reference');
  // An absent reference is tolerated (correlation is on requestId); a present one must be a response.
  if (reference !== undefined && (typeof reference !== 'string' || !RESPONSE_REFERENCE.test(reference))) {
    return { kind: 'invalid', reason: 'reference is not a response', requestId };
  }
  const error = readOwn(envelope, 'error');
  if (error === UNREADABLE) return { kind: 'invalid', reason: 'error is not readable', requestId };
  // An error wins over a result: a phone that reports failure must not have partial signatures used.
  if (error !== undefined && error !== null) return { kind: 'error', requestId, error: phoneError(error) };

  const result = readOwn(envelope, 'result');
  if (!isRecordLike(result)) return { kind: 'invalid', reason: 'reply has neither result nor error', requestId };
  const stxns = readOwn(result, 'stxns');
  if (!isArrayLike(stxns)) {
    const signatures = readOwn(result, 'signatures');
    const signature = isArrayLike(signatures) ? readOwn(signatures, '0') : readOwn(result, 'signature');
    if (typeof signature === 'string' || (signature === null && isArrayLike(signatures))) return { kind: 'signature', requestId, signature };
    if (signature !== undefined || isArrayLike(signatures)) return { kind: 'invalid', reason: 'the signature is not a string', requestId };
    return { kind: 'invalid', reason: 'result.stxns is not an array', requestId };
  }
  const length = readLength(stxns);
  if (length === null || length > MAX_TXNS_HARD_CAP) {
    return { kind: 'invalid', reason: `result.stxns must hold at most ${MAX_TXNS_HARD_CAP} items`, requestId };
  }
  const copy: unknown[] = [];
  for (let i = 0; i < length; i++) {
    const item = readOwn(stxns, String(i));
    if (item === UNREADABLE) return { kind: 'invalid', reason: `result.stxns[${i}] is not readable`, requestId };
    copy.push(item);
  }
  return { kind: 'reply', requestId, stxns: copy };
}

/** Classifies a decoded phone envelope. Never throws. */
export function parsePhoneReply(envelope: Record<string, unknown>): PhoneReply {
  try {
    if (!isRecordLike(envelope)) return { kind: 'invalid', reason: 'reply is not an object' };
    return parseOrInvalid(envelope);
  } catch {
    return { kind: 'invalid', reason: 'reply could not be read' };
  }
}
