/**
 * Data-signing envelopes on the phone link. signData goes out as Biatec's
 * `arc0060:sign_data:request` (liquid-protocol.md §8: `data` standard base64, `signer` and
 * `authenticatorData` base64url, one item per request), preceded by a hello naming the requesting
 * site (lib/phone/hello.ts); sign_message as ARC-0027's `arc0027:sign_message:request`. Replies
 * correlate on `requestId`; the signature stays bytes-to-check here, verified in
 * lib/algorand/sign-data-checks.ts before the page sees it.
 */
import { fromBase64Lenient, fromBase64Strict, toBase64Url } from '../encoding/base64';
import { parsePhoneReply } from './phone-envelope';
import { isArrayLike, isRecordLike, readOwn } from './safe-read';
import type { Arc27Error, SignDataParams } from './types';

export const PHONE_SIGN_DATA_REQUEST = 'arc0060:sign_data:request';
export const PHONE_SIGN_MESSAGE_REQUEST = 'arc0027:sign_message:request';

export interface PhoneSignDataItem {
  data: string;
  signer: string;
  domain: string;
  authenticatorData: string;
  scope: number;
  encoding: string;
  requestId?: string;
}

export interface PhoneSignDataRequest {
  id: string;
  reference: typeof PHONE_SIGN_DATA_REQUEST;
  params: { providerId: string; items: PhoneSignDataItem[] };
}

export interface PhoneSignMessageRequest {
  id: string;
  reference: typeof PHONE_SIGN_MESSAGE_REQUEST;
  params: { providerId: string; message: string; signer: string };
}

const asBase64Url = (standard: string) => toBase64Url(fromBase64Strict(standard) ?? new Uint8Array());

/** The request for a checked signData (its fields as the page sent them); no undefined fields (cbor-x would encode them). */
export function buildPhoneSignDataRequest(id: string, providerId: string, request: SignDataParams): PhoneSignDataRequest {
  const item: PhoneSignDataItem = {
    data: request.data,
    signer: asBase64Url(request.signer),
    domain: request.domain ?? '',
    authenticatorData: asBase64Url(request.authenticatorData ?? ''),
    scope: request.metadata.scope,
    encoding: request.metadata.encoding,
  };
  if (request.requestId !== undefined) item.requestId = request.requestId;
  return { id, reference: PHONE_SIGN_DATA_REQUEST, params: { providerId, items: [item] } };
}

export function buildPhoneSignMessageRequest(id: string, providerId: string, message: string, signer: string): PhoneSignMessageRequest {
  return { id, reference: PHONE_SIGN_MESSAGE_REQUEST, params: { providerId, message, signer } };
}

export type PhoneSignatureReply =
  | { kind: 'signature'; requestId: string; signature: Uint8Array | null }
  | { kind: 'error'; requestId: string; error: Arc27Error }
  | { kind: 'invalid'; reason: string; requestId?: string };

/** The one signature in a data-signing reply: `result.signatures[0]` (signData) or `result.signature` (sign_message). Never throws. */
export function parsePhoneSignatureReply(envelope: Record<string, unknown>): PhoneSignatureReply {
  const reply = parsePhoneReply(envelope);
  if (reply.kind === 'error') return reply;
  if (reply.requestId === undefined) return { kind: 'invalid', reason: reply.kind === 'invalid' ? reply.reason : 'no requestId' };
  const { requestId } = reply;
  try {
    const result = readOwn(envelope, 'result');
    if (!isRecordLike(result)) return { kind: 'invalid', reason: 'reply has neither result nor error', requestId };
    const signatures = readOwn(result, 'signatures');
    const raw = isArrayLike(signatures) ? readOwn(signatures, '0') : readOwn(result, 'signature');
    if (raw === null) return { kind: 'signature', requestId, signature: null };
    if (typeof raw !== 'string' || raw.length > 200) return { kind: 'invalid', reason: 'the reply carries no signature string', requestId };
    const signature = fromBase64Lenient(raw);
    if (!signature) return { kind: 'invalid', reason: 'the signature is not base64', requestId };
    return { kind: 'signature', requestId, signature };
  } catch {
    return { kind: 'invalid', reason: 'reply could not be read', requestId };
  }
}
