/**
 * The Algorand Foundation's connections envelope (liquid-protocol.md §8): JSON text frames
 * `{v: 1, kind: 'request', id, method, params}` answered by `{v: 1, kind: 'response', id, result}` or
 * `{..., error: {code: string, message}}`. The requester sends `connect` first; its result names
 * every account of the pairing. Transactions travel as standard base64 both ways.
 */
import { Arc27ErrorCode, arc27Error, type Arc27Error, type WalletTransaction } from '../arc27/types';
import { MAX_TXNS_HARD_CAP } from '../arc27/page-request';
import { MAX_ID_CHARS } from '../arc27/page-request-readers';
import { UNREADABLE, isArrayLike, isRecordLike, readLength, readOwn } from '../arc27/safe-read';
import { MAX_PHONE_ERROR_MESSAGE_CHARS } from '../arc27/phone-envelope';
import { readAnnouncedMethods } from './methods';
import type { PhoneAccount } from './profile';
import { TANDEM_PHONE_METADATA } from './tandem-metadata';

export const CONNECTIONS_VERSION = 1;
/** A connections phone brings at most this many accounts into one pairing. */
export const MAX_CONNECTIONS_ACCOUNTS = 64;
const MAX_NAME_CHARS = 128;

export interface ConnectionsRequest {
  v: typeof CONNECTIONS_VERSION;
  kind: 'request';
  id: string;
  method: string;
  params: Record<string, unknown>;
}

/** Whether a decoded JSON envelope is in the connections envelope (`v: 1`), not ARC-0027. */
export function isConnectionsEnvelope(envelope: object): boolean {
  return readOwn(envelope, 'v') === CONNECTIONS_VERSION;
}

export function buildConnectRequest(id: string): ConnectionsRequest {
  return { v: CONNECTIONS_VERSION, kind: 'request', id, method: 'connect', params: { metadata: { name: TANDEM_PHONE_METADATA.name, url: TANDEM_PHONE_METADATA.url } } };
}

/** `txns` are ARC-0027 wallet transactions; the ones with `signers: []` are left out of `indexesToSign`. */
export function buildConnectionsSignRequest(id: string, txns: readonly WalletTransaction[]): ConnectionsRequest {
  const indexesToSign: number[] = [];
  txns.forEach((t, i) => {
    if (!(Array.isArray(t.signers) && t.signers.length === 0)) indexesToSign.push(i);
  });
  return { v: CONNECTIONS_VERSION, kind: 'request', id, method: 'sign_transactions', params: { txns: txns.map((t) => t.txn), indexesToSign } };
}

export function encodeConnectionsFrame(request: ConnectionsRequest): string {
  return JSON.stringify(request);
}

/** The phone's string error codes, as ARC-0027 codes. */
const ERROR_CODES: Record<string, Arc27ErrorCode> = {
  rejected: Arc27ErrorCode.MethodCanceled,
  method_not_found: Arc27ErrorCode.MethodNotSupported,
  handler_error: Arc27ErrorCode.Unknown,
  timeout: Arc27ErrorCode.MethodTimedOut,
  transport_closed: Arc27ErrorCode.Unknown,
};

export function connectionsErrorCode(code: unknown): Arc27ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code) ? ERROR_CODES[code]! : Arc27ErrorCode.Unknown;
}

export type ConnectionsReply =
  | { kind: 'connected'; requestId: string; accounts: PhoneAccount[]; methods: string[] | null; name?: string }
  | { kind: 'reply'; requestId: string; stxns: unknown[] }
  | { kind: 'error'; requestId: string; error: Arc27Error }
  | { kind: 'invalid'; reason: string; requestId?: string };

function readError(raw: unknown): Arc27Error {
  if (!isRecordLike(raw)) return arc27Error(Arc27ErrorCode.Unknown, 'the phone reported an error');
  const code = readOwn(raw, 'code');
  const message = readOwn(raw, 'message');
  const text = typeof message === 'string' && message.length > 0 ? message.slice(0, MAX_PHONE_ERROR_MESSAGE_CHARS) : `the phone reported ${typeof code === 'string' ? code.slice(0, 64) : 'an error'}`;
  return arc27Error(connectionsErrorCode(code), text);
}

function readAccounts(list: unknown): PhoneAccount[] | null {
  if (!isArrayLike(list)) return null;
  const length = readLength(list);
  if (length === null) return null;
  const accounts: PhoneAccount[] = [];
  for (let i = 0; i < Math.min(length, MAX_CONNECTIONS_ACCOUNTS); i++) {
    const item = readOwn(list, String(i));
    if (!isRecordLike(item)) continue;
    const address = readOwn(item, 'address');
    if (typeof address !== 'string' || address.length !== 58) continue;
    const name = readOwn(item, 'name');
    accounts.push(typeof name === 'string' && name.length > 0 ? { address, name: name.slice(0, MAX_NAME_CHARS) } : { address });
  }
  return accounts;
}

function readConnected(requestId: string, result: object): ConnectionsReply {
  const domains = readOwn(result, 'domains');
  const accounts = isRecordLike(domains) ? readAccounts(readOwn(domains, 'accounts')) : null;
  if (!accounts || accounts.length === 0) return { kind: 'invalid', reason: 'connect result names no account', requestId };
  const methods = readAnnouncedMethods(readOwn(result, 'methods')) ?? (isRecordLike(domains) ? readAnnouncedMethods(readOwn(domains, 'methods')) : null);
  const reply: ConnectionsReply = { kind: 'connected', requestId, accounts, methods };
  const metadata = readOwn(result, 'metadata');
  const name = isRecordLike(metadata) ? readOwn(metadata, 'name') : undefined;
  if (typeof name === 'string' && name.length > 0) reply.name = name.slice(0, MAX_NAME_CHARS);
  return reply;
}

/** Classifies a connections response. Never throws. */
export function parseConnectionsReply(envelope: object): ConnectionsReply {
  try {
    const requestId = readOwn(envelope, 'id');
    if (typeof requestId !== 'string' || requestId.length === 0 || requestId.length > MAX_ID_CHARS) return { kind: 'invalid', reason: 'connections reply has no usable id' };
    if (readOwn(envelope, 'kind') !== 'response') return { kind: 'invalid', reason: 'connections frame is not a response', requestId };
    const error = readOwn(envelope, 'error');
    if (error === UNREADABLE) return { kind: 'invalid', reason: 'error is not readable', requestId };
    if (error !== undefined && error !== null) return { kind: 'error', requestId, error: readError(error) };
    const result = readOwn(envelope, 'result');
    if (!isRecordLike(result)) return { kind: 'invalid', reason: 'reply has neither result nor error', requestId };
    const stxns = readOwn(result, 'stxns');
    if (stxns === undefined) return readConnected(requestId, result);
    if (!isArrayLike(stxns)) return { kind: 'invalid', reason: 'result.stxns is not an array', requestId };
    const length = readLength(stxns);
    if (length === null || length > MAX_TXNS_HARD_CAP) return { kind: 'invalid', reason: `result.stxns must hold at most ${MAX_TXNS_HARD_CAP} items`, requestId };
    const copy: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const item = readOwn(stxns, String(i));
      if (item === UNREADABLE) return { kind: 'invalid', reason: `result.stxns[${i}] is not readable`, requestId };
      copy.push(item);
    }
    return { kind: 'reply', requestId, stxns: copy };
  } catch {
    return { kind: 'invalid', reason: 'reply could not be read' };
  }
}
