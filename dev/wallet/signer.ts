/**
 * What the phone answers to each data-channel envelope, as pure functions (no DOM, no I/O):
 * triage an incoming envelope, then answer a sign request approved or rejected by the user.
 *
 * Two behaviours (liquid-protocol.md §5.1):
 * - `reference`: what the Android reference wallet does. Signs every txn with its own key,
 *   ignoring `signers`, `authAddr` and `msig`; replies with raw 64-byte ed25519 signatures as
 *   padded base64url; on reject or on any error it sends nothing at all.
 * - `spec`: what ARC-0001/ARC-0027 ask for. Full signed transactions (msgpack, base64url),
 *   `null` where `signers: []`, `authAddr` honoured only when it is this phone's address,
 *   ARC-0027 errors for rejects and for requests it cannot serve.
 *
 * Faults let tests make the phone misbehave on purpose; they apply to every reply.
 */
import { Transaction, decodeUnsignedTransaction } from 'algosdk';
import nacl from 'tweetnacl';
import { toBase64Url, fromBase64Loose } from '../../lib/encoding/base64';
import { encodeFrame } from '../../lib/liquid/frames';
import { Arc27ErrorCode, arc27Error } from '../../lib/arc27/types';
import type { Arc27Error, WalletTransaction } from '../../lib/arc27/types';
import type { DataRequest } from './sign-data';

export const SIGN_TXNS_REQUEST = 'arc0027:sign_transactions:request';
export const SIGN_TXNS_RESPONSE = 'arc0027:sign_transactions:response';

export const PHONE_BEHAVIOURS = ['reference', 'spec'] as const;
export type PhoneBehaviour = (typeof PHONE_BEHAVIOURS)[number];

export const PHONE_FAULTS = ['none', 'silent', 'bad-signature', 'wrong-txn', 'garbage-frame'] as const;
export type PhoneFault = (typeof PHONE_FAULTS)[number];

/** A frame no decoder accepts: not JSON, not base64url. */
export const GARBAGE_FRAME = '%%% tandem dev wallet: garbage frame %%%';

/** The note the `wrong-txn` fault writes into the transaction it signs instead of the requested one. */
export const WRONG_TXN_NOTE = 'tandem dev wallet: wrong-txn fault';

export interface PhoneKey {
  address: string;
  /** 64-byte ed25519 secret key (seed ‖ public key), as algosdk accounts hold it. */
  secretKey: Uint8Array;
}

export interface PhoneContext {
  key: PhoneKey;
  /** The phone's own provider id, written into `result.providerId`. */
  providerId: string;
  behaviour: PhoneBehaviour;
  fault: PhoneFault;
  /** Id for each reply envelope (UUID v7 in the Liquid clients). */
  newId: () => string;
}

export interface SignRequest {
  id: string;
  providerId?: string;
  txns: WalletTransaction[];
  /** A data-signing request (sign-data.ts) rather than transactions; `txns` is then empty. */
  data?: DataRequest;
}

export interface ResponseEnvelope {
  id: string;
  reference: typeof SIGN_TXNS_RESPONSE | `arc0027:${string}:response`;
  requestId: string;
  result?: { providerId: string; stxns: (string | null)[] };
  error?: Arc27Error;
}

/** What to put on the channel. `signed` counts the signatures carried by the frame. */
export type PhoneReply =
  | { kind: 'send'; frame: string; envelope?: ResponseEnvelope; signed: number }
  | { kind: 'silent'; reason: string };

export type Triage =
  /** A sign request the user has to approve or reject. */
  | { kind: 'prompt'; request: SignRequest }
  /** Answered at once (unsupported method, malformed, or a spec phone that cannot sign it). */
  | { kind: 'reply'; reply: PhoneReply };

/** Decides what to do with a decoded envelope as soon as it arrives. */
export function triage(envelope: Record<string, unknown>, ctx: PhoneContext): Triage {
  const id = typeof envelope.id === 'string' && envelope.id.length > 0 ? envelope.id : undefined;
  const reference = typeof envelope.reference === 'string' ? envelope.reference : '';
  if (!id) return { kind: 'reply', reply: { kind: 'silent', reason: 'envelope has no id to answer' } };

  if (reference !== SIGN_TXNS_REQUEST) {
    if (ctx.behaviour === 'reference') {
      return { kind: 'reply', reply: { kind: 'silent', reason: `reference phone ignores ${reference || 'an envelope without reference'}` } };
    }
    const error = arc27Error(Arc27ErrorCode.MethodNotSupported, `the dev wallet does not support ${reference || 'this request'}`);
    return { kind: 'reply', reply: finish(errorEnvelope(id, responseReferenceFor(reference), error, ctx), 0, ctx) };
  }

  const request = parseSignRequest(id, envelope.params);
  if (typeof request === 'string') {
    if (ctx.behaviour === 'reference') return { kind: 'reply', reply: { kind: 'silent', reason: request } };
    return { kind: 'reply', reply: finish(errorEnvelope(id, SIGN_TXNS_RESPONSE, arc27Error(Arc27ErrorCode.InvalidInput, request), ctx), 0, ctx) };
  }

  if (ctx.behaviour === 'spec') {
    const problem = checkSignable(request, ctx.key.address);
    if (problem) return { kind: 'reply', reply: finish(errorEnvelope(id, SIGN_TXNS_RESPONSE, problem, ctx), 0, ctx) };
  }
  return { kind: 'prompt', request };
}

/** The reply to a sign request once the user has decided. */
export function answerSignRequest(request: SignRequest, decision: 'approve' | 'reject', ctx: PhoneContext): PhoneReply {
  if (decision === 'reject') {
    if (ctx.behaviour === 'reference') return { kind: 'silent', reason: 'reference phone sends nothing on reject' };
    const error = arc27Error(Arc27ErrorCode.MethodCanceled, 'The user rejected the request on the phone');
    return finish(errorEnvelope(request.id, SIGN_TXNS_RESPONSE, error, ctx), 0, ctx);
  }
  return ctx.behaviour === 'reference' ? signLikeReference(request, ctx) : signLikeSpec(request, ctx);
}

/** A short description of each txn for the prompt; never throws. */
export interface TxnSummary {
  type: string;
  sender: string;
  receiver?: string;
  amount?: string;
  assetId?: string;
  error?: string;
}

export function describeTxn(wtxn: WalletTransaction): TxnSummary {
  const txn = decodeTxn(wtxn.txn);
  if (!txn) return { type: '?', sender: '?', error: 'not an unsigned transaction' };
  const summary: TxnSummary = { type: txn.type, sender: txn.sender.toString() };
  if (txn.payment) {
    summary.receiver = txn.payment.receiver.toString();
    summary.amount = `${txn.payment.amount} µAlgo`;
  } else if (txn.assetTransfer) {
    summary.receiver = txn.assetTransfer.receiver.toString();
    summary.amount = txn.assetTransfer.amount.toString();
    summary.assetId = txn.assetTransfer.assetIndex.toString();
  }
  return summary;
}

// ---------------------------------------------------------------------------------------------

function parseSignRequest(id: string, params: unknown): SignRequest | string {
  if (typeof params !== 'object' || params === null) return 'params is missing';
  const { providerId, txns } = params as { providerId?: unknown; txns?: unknown };
  if (!Array.isArray(txns) || txns.length === 0) return 'params.txns must be a non-empty array';
  for (const [i, wtxn] of txns.entries()) {
    if (typeof wtxn !== 'object' || wtxn === null || typeof (wtxn as { txn?: unknown }).txn !== 'string') {
      return `params.txns[${i}].txn must be a string`;
    }
  }
  return { id, providerId: typeof providerId === 'string' ? providerId : undefined, txns: txns as WalletTransaction[] };
}

/** Spec phone: whether every txn it is asked to sign is one its key can sign. */
function checkSignable(request: SignRequest, ownAddress: string): Arc27Error | null {
  for (const [i, wtxn] of request.txns.entries()) {
    const txn = decodeTxn(wtxn.txn);
    if (!txn) return arc27Error(Arc27ErrorCode.InvalidInput, `txns[${i}] is not an unsigned transaction`);
    if (Array.isArray(wtxn.signers) && wtxn.signers.length === 0) continue;
    if (wtxn.msig) return arc27Error(Arc27ErrorCode.UnauthorizedSigner, `txns[${i}]: the dev wallet cannot sign multisig`);
    const signer = wtxn.authAddr ?? txn.sender.toString();
    if (signer !== ownAddress) {
      const why = wtxn.authAddr ? `authAddr ${wtxn.authAddr}` : `sender ${signer}`;
      return arc27Error(Arc27ErrorCode.UnauthorizedSigner, `txns[${i}]: ${why} is not this phone's account`);
    }
    if (Array.isArray(wtxn.signers) && !wtxn.signers.includes(ownAddress)) {
      return arc27Error(Arc27ErrorCode.UnauthorizedSigner, `txns[${i}]: signers does not include this phone's account`);
    }
  }
  return null;
}

function signLikeSpec(request: SignRequest, ctx: PhoneContext): PhoneReply {
  // Re-check at approval time: the request may have been queued before a behaviour switch.
  const problem = checkSignable(request, ctx.key.address);
  if (problem) return finish(errorEnvelope(request.id, SIGN_TXNS_RESPONSE, problem, ctx), 0, ctx);
  let signed = 0;
  const stxns = request.txns.map((wtxn) => {
    if (Array.isArray(wtxn.signers) && wtxn.signers.length === 0) return null;
    const txn = faultyTarget(decodeTxn(wtxn.txn)!, ctx.fault);
    const stxn = txn.attachSignature(ctx.key.address, signature(txn, ctx));
    signed++;
    return toBase64Url(stxn);
  });
  return finish(resultEnvelope(request.id, stxns, ctx), signed, ctx);
}

function signLikeReference(request: SignRequest, ctx: PhoneContext): PhoneReply {
  const txns = request.txns.map((wtxn) => decodeTxn(wtxn.txn));
  if (txns.some((txn) => txn === null)) return { kind: 'silent', reason: 'reference phone sends nothing when a txn does not decode' };
  const stxns = txns.map((txn) => padBase64(toBase64Url(signature(faultyTarget(txn!, ctx.fault), ctx))));
  return finish(resultEnvelope(request.id, stxns, ctx), stxns.length, ctx);
}

/** ed25519 over "TX" ‖ msgpack(txn), flipped when the bad-signature fault is on. */
function signature(txn: Transaction, ctx: PhoneContext): Uint8Array {
  const sig = nacl.sign.detached(txn.bytesToSign(), ctx.key.secretKey);
  if (ctx.fault === 'bad-signature') sig[0] = sig[0]! ^ 0xff;
  return sig;
}

/** The txn actually signed: the requested one, or a different one under the wrong-txn fault. */
function faultyTarget(txn: Transaction, fault: PhoneFault): Transaction {
  if (fault !== 'wrong-txn') return txn;
  const data = txn.toEncodingData();
  data.set('note', new TextEncoder().encode(WRONG_TXN_NOTE));
  return Transaction.fromEncodingData(data);
}

function decodeTxn(text: string): Transaction | null {
  const bytes = fromBase64Loose(text);
  if (!bytes || bytes.length === 0) return null;
  try {
    return decodeUnsignedTransaction(bytes);
  } catch {
    return null;
  }
}

function resultEnvelope(requestId: string, stxns: (string | null)[], ctx: PhoneContext): ResponseEnvelope {
  return { id: ctx.newId(), reference: SIGN_TXNS_RESPONSE, requestId, result: { providerId: ctx.providerId, stxns } };
}

function errorEnvelope(requestId: string, reference: ResponseEnvelope['reference'], error: Arc27Error, ctx: PhoneContext): ResponseEnvelope {
  return { id: ctx.newId(), reference, requestId, error: { ...error, providerId: ctx.providerId } };
}

function responseReferenceFor(requestReference: string): ResponseEnvelope['reference'] {
  const match = /^arc0027:([a-z_]+):request$/.exec(requestReference);
  return match ? `arc0027:${match[1]!}:response` : 'arc0027:unknown:response';
}

/** Applies the transport-level faults to a reply about to be sent. */
function finish(envelope: ResponseEnvelope, signed: number, ctx: PhoneContext): PhoneReply {
  if (ctx.fault === 'silent') return { kind: 'silent', reason: 'silent fault: never reply' };
  if (ctx.fault === 'garbage-frame') return { kind: 'send', frame: GARBAGE_FRAME, signed: 0 };
  return { kind: 'send', frame: encodeFrame(envelope), envelope, signed };
}

function padBase64(text: string): string {
  return text + '='.repeat((4 - (text.length % 4)) % 4);
}
