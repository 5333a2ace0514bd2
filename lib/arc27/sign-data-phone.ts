/**
 * Data-signing envelopes on the phone link. signData goes out as Biatec's
 * `arc0060:sign_data:request` (liquid-protocol.md §8: `data` standard base64, `signer` and
 * `authenticatorData` base64url, one item per request), preceded by a hello naming the requesting
 * site (lib/phone/hello.ts); sign_message as ARC-0027's `arc0027:sign_message:request`. Replies
 * correlate on `requestId` (phone-envelope.ts classifies them); the signature stays bytes-to-check
 * here, verified in lib/algorand/sign-data-checks.ts before the page sees it.
 */
import { fromBase64Lenient, fromBase64Strict, toBase64Url } from '../encoding/base64';
import type { SignDataParams } from './types';

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

/**
 * The signature a data-signing reply carries (PhoneReply's `signature` kind): 64 bytes in base64 or
 * base64url, padded or not; null when the phone sent none; 'unreadable' for anything else.
 */
export function readPhoneSignature(value: unknown): Uint8Array | null | 'unreadable' {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || value.length > 200) return 'unreadable';
  return fromBase64Lenient(value) ?? 'unreadable';
}
