/**
 * The dev wallet's data signing, as pure functions: ARC-0060 `arc0060:sign_data`
 * and ARC-0027 `arc0027:sign_message` (liquid-protocol.md §8).
 *
 * - `spec` (its hello, in signer.ts, announces sign_data and sign_message) signs both after the user
 *   approves: data as Ed25519(SHA-256(data) ‖ SHA-256(authenticatorData)) once it has checked the
 *   item as a wallet must (domain against the hello's site and against authenticatorData, AUTH
 *   scope, base64); messages as Ed25519("MX" ‖ message).
 * - `biatec` signs data the same way; sign_message is not Biatec's, so signer.ts answers it 4003.
 * - the other behaviours know neither (signer.ts stays silent or answers as they do).
 *
 * Faults apply as to sign replies (signer.ts): bad-signature flips a byte, silent and garbage-frame
 * replace the reply.
 */
import nacl from 'tweetnacl';
import { fromBase64Lenient, fromBase64Strict, toBase64Url } from '../../lib/encoding/base64';
import { encodeFrame } from '../../lib/liquid/frames';
import { Arc27ErrorCode, arc27Error, type Arc27Error } from '../../lib/arc27/types';
import { GARBAGE_FRAME, type PhoneContext, type PhoneReply } from './signer';

export const HELLO_REQUEST = 'biatec:hello:request';
export const SIGN_DATA_REQUEST = 'arc0060:sign_data:request';
export const SIGN_DATA_RESPONSE = 'arc0060:sign_data:response';
export const SIGN_MESSAGE_REQUEST = 'arc0027:sign_message:request';
export const SIGN_MESSAGE_RESPONSE = 'arc0027:sign_message:response';

export type DataRequest =
  | { kind: 'data'; id: string; item: { data: Uint8Array; authenticatorData: Uint8Array; domain: string } }
  | { kind: 'message'; id: string; message: string };

export type DataTriage = { kind: 'reply'; reply: PhoneReply } | { kind: 'prompt'; request: DataRequest } | null;

const sha = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

function send(envelope: Record<string, unknown>, ctx: PhoneContext): PhoneReply {
  if (ctx.fault === 'silent') return { kind: 'silent', reason: 'silent fault: never reply' };
  if (ctx.fault === 'garbage-frame') return { kind: 'send', frame: GARBAGE_FRAME, signed: 0 };
  return { kind: 'send', frame: encodeFrame(envelope), signed: 0 };
}

function errorReply(requestId: string, reference: string, error: Arc27Error, ctx: PhoneContext): PhoneReply {
  return send({ id: ctx.newId(), reference, requestId, error: { ...error, providerId: ctx.providerId } }, ctx);
}

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

/** The item of a sign_data request as a wallet must check it, or the error to answer. */
async function readDataItem(params: unknown, ownKey: Uint8Array, helloUrl: string | undefined): Promise<Extract<DataRequest, { kind: 'data' }>['item'] | Arc27Error> {
  const items = (params as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || items.length !== 1) return arc27Error(Arc27ErrorCode.InvalidInput, 'params.items must hold one item');
  const item = items[0] as Record<string, unknown>;
  const data = typeof item.data === 'string' ? fromBase64Strict(item.data) : null;
  const authenticatorData = typeof item.authenticatorData === 'string' ? fromBase64Lenient(item.authenticatorData) : null;
  const signer = typeof item.signer === 'string' ? fromBase64Lenient(item.signer) : null;
  const domain = typeof item.domain === 'string' ? item.domain : '';
  if (!data || !authenticatorData || !signer || item.scope !== 1 || item.encoding !== 'base64') return arc27Error(Arc27ErrorCode.InvalidInput, 'the item is not an AUTH item in base64');
  if (!sameBytes(signer, ownKey)) return arc27Error(Arc27ErrorCode.UnauthorizedSigner, "the signer is not this phone's account");
  if (domain !== hostOf(helloUrl)) return arc27Error(Arc27ErrorCode.InvalidInput, `the domain ${domain} is not the site the hello named (${helloUrl ?? 'none'})`);
  if (authenticatorData.length < 32 || !sameBytes(authenticatorData.subarray(0, 32), await sha(new TextEncoder().encode(domain)))) {
    return arc27Error(Arc27ErrorCode.InvalidInput, 'authenticatorData does not start with SHA-256 of the domain');
  }
  return { data, authenticatorData, domain };
}

/** The site a hello names (its metadata.url), '' for a hello without one, null for any other envelope. */
export function helloUrlOf(envelope: Record<string, unknown>): string | null {
  if (envelope.reference !== HELLO_REQUEST) return null;
  const url = ((envelope.params as { metadata?: { url?: unknown } } | undefined)?.metadata)?.url;
  return typeof url === 'string' ? url : '';
}

/** Which data-signing references a behaviour signs itself; the rest go to signer.ts (4003 or silence). */
export const DATA_REFERENCES: Partial<Record<PhoneContext['behaviour'], readonly string[]>> = {
  spec: [SIGN_DATA_REQUEST, SIGN_MESSAGE_REQUEST],
  biatec: [SIGN_DATA_REQUEST],
};

/**
 * What the phone does with a data-signing envelope it signs: null when this behaviour does not
 * sign it (signer.ts answers). `helloUrl` is the site the last hello named (helloUrlOf, read as
 * frames arrive; the hello itself is answered by signer.ts).
 */
export async function triageData(envelope: Record<string, unknown>, ctx: PhoneContext, helloUrl: string | undefined): Promise<DataTriage> {
  const reference = typeof envelope.reference === 'string' ? envelope.reference : '';
  if (!(DATA_REFERENCES[ctx.behaviour] ?? []).includes(reference)) return null;
  const id = typeof envelope.id === 'string' && envelope.id.length > 0 ? envelope.id : undefined;
  if (!id) return { kind: 'reply', reply: { kind: 'silent', reason: 'envelope has no id to answer' } };
  const params = envelope.params as Record<string, unknown> | undefined;
  const ownKey = nacl.sign.keyPair.fromSecretKey(ctx.key.secretKey).publicKey;
  if (reference === SIGN_MESSAGE_REQUEST) {
    const message = params?.message;
    if (typeof message !== 'string' || message.length === 0) return { kind: 'reply', reply: errorReply(id, SIGN_MESSAGE_RESPONSE, arc27Error(Arc27ErrorCode.InvalidInput, 'params.message must be a string'), ctx) };
    if (params?.signer !== undefined && params.signer !== ctx.key.address) {
      return { kind: 'reply', reply: errorReply(id, SIGN_MESSAGE_RESPONSE, arc27Error(Arc27ErrorCode.UnauthorizedSigner, "the signer is not this phone's account"), ctx) };
    }
    return { kind: 'prompt', request: { kind: 'message', id, message } };
  }
  const item = await readDataItem(params, ownKey, helloUrl);
  if ('code' in item) return { kind: 'reply', reply: errorReply(id, SIGN_DATA_RESPONSE, item, ctx) };
  return { kind: 'prompt', request: { kind: 'data', id, item } };
}

/** The reply to a data-signing request once the user decided. */
export async function answerDataRequest(request: DataRequest, decision: 'approve' | 'reject', ctx: PhoneContext): Promise<PhoneReply> {
  const reference = request.kind === 'data' ? SIGN_DATA_RESPONSE : SIGN_MESSAGE_RESPONSE;
  if (decision === 'reject') return errorReply(request.id, reference, arc27Error(Arc27ErrorCode.MethodCanceled, 'The user rejected the request on the phone'), ctx);
  const payload =
    request.kind === 'data'
      ? concat(await sha(request.item.data), await sha(request.item.authenticatorData))
      : concat(new TextEncoder().encode('MX'), new TextEncoder().encode(request.message));
  const signature = nacl.sign.detached(payload, ctx.key.secretKey);
  if (ctx.fault === 'bad-signature') signature[0] = signature[0]! ^ 0xff;
  const result =
    request.kind === 'data'
      ? { providerId: ctx.providerId, signatures: [toBase64Url(signature)] }
      : { providerId: ctx.providerId, signature: toBase64Url(signature), signer: ctx.key.address };
  const reply = send({ id: ctx.newId(), reference, requestId: request.id, result }, ctx);
  return reply.kind === 'send' ? { ...reply, signed: 1 } : reply;
}
