/**
 * What the phone answers to each data-channel envelope, as pure functions (no DOM, no I/O):
 * triage an incoming envelope, then answer a sign request approved or rejected by the user.
 *
 * Behaviours (liquid-protocol.md §5.1 and §8):
 * - `reference`: what the Android reference wallet does. Signs every txn with its own key,
 *   ignoring `signers`, `authAddr` and `msig`; replies with raw 64-byte ed25519 signatures as
 *   padded base64url; on reject or on any error it sends nothing at all.
 * - `spec`: what ARC-0001/ARC-0027 ask for. Full signed transactions (msgpack, base64url),
 *   `null` where `signers: []`, `authAddr` honoured only when it is this phone's address,
 *   ARC-0027 errors for rejects and for requests it cannot serve. Answers the hello with what it
 *   can do.
 * - `ios`: the iOS reference SDK. Ten `ping` frames when the channel opens (phone.ts); raw
 *   signatures in unpadded base64url; skips a transaction under the `skip-txn` fault; silent on
 *   reject and on the hello.
 * - `biatec`: Biatec Wallet. Answers the hello; full signed transactions (unpadded base64url) or
 *   null, positional, and it signs a `signers: []` position its key can sign; 4001/4100/4200/4000
 *   errors, 4003 for any other reference; no reply at all to a request id it has seen before.
 * - `connections`: the JSON connections envelope, in connections-phone.ts.
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

export const PHONE_BEHAVIOURS = ['reference', 'spec', 'ios', 'biatec', 'connections'] as const;
export type PhoneBehaviour = (typeof PHONE_BEHAVIOURS)[number];

export const PHONE_FAULTS = ['none', 'silent', 'bad-signature', 'wrong-txn', 'garbage-frame', 'skip-txn'] as const;
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
  /** Id for each reply envelope (UUID v7 in the Liquid clients; upper-case UUIDs on iOS). */
  newId: () => string;
  /** Request ids this phone has seen (Biatec answers a repeated id with nothing). */
  seenIds: Set<string>;
  /** How many requests wait for the user (Biatec refuses above 50 with 4000). */
  pendingCount: number;
}

export const HELLO_REQUEST = 'biatec:hello:request';
export const HELLO_RESPONSE = 'biatec:hello:response';
/** What each behaviour answers to the hello with; behaviours not listed stay silent. */
export const HELLO_METHODS: Partial<Record<PhoneBehaviour, string[]>> = {
  biatec: ['arc0027:sign_transactions', 'arc0060:sign_data'],
  // The spec phone also signs data and messages (sign-data.ts).
  spec: ['arc0027:sign_transactions', 'arc0060:sign_data', 'arc0027:sign_message'],
};
/** Biatec's limits (liquid-protocol.md §8). */
export const BIATEC_MAX_TXNS = 16;
export const BIATEC_MAX_PENDING = 50;

export interface SignRequest {
  id: string;
  providerId?: string;
  txns: WalletTransaction[];
  /** A data-signing request (sign-data.ts) rather than transactions; `txns` is then empty. */
  data?: DataRequest;
  /** The envelope it came in; ARC-0027 when absent. */
  protocol?: 'connections';
}

export interface ResponseEnvelope {
  id: string;
  reference: typeof SIGN_TXNS_RESPONSE | `arc0027:${string}:response` | `biatec:${string}:response` | `arc0060:${string}:response`;
  requestId: string;
  result?: { providerId: string; stxns: (string | null)[] } | HelloResult;
  error?: Arc27Error;
}

export interface HelloResult {
  providerId: string;
  wallet: string;
  name: string;
  version: string;
  methods: string[];
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
  // The connections envelope is JSON text, which these phones' CBOR decoders never read.
  if (envelope.v === 1) return { kind: 'reply', reply: { kind: 'silent', reason: `a ${ctx.behaviour} phone does not read the connections envelope` } };

  if (ctx.behaviour === 'biatec') {
    if (ctx.seenIds.has(id)) return { kind: 'reply', reply: { kind: 'silent', reason: `biatec phone ignores the repeated request id ${id}` } };
    ctx.seenIds.add(id);
  }
  if (reference === HELLO_REQUEST) return { kind: 'reply', reply: answerHello(id, envelope.params, ctx) };

  if (reference !== SIGN_TXNS_REQUEST) {
    if (ctx.behaviour === 'reference' || ctx.behaviour === 'ios') {
      return { kind: 'reply', reply: { kind: 'silent', reason: `reference phone ignores ${reference || 'an envelope without reference'}` } };
    }
    const error = arc27Error(Arc27ErrorCode.MethodNotSupported, `the dev wallet does not support ${reference || 'this request'}`);
    return { kind: 'reply', reply: finish(errorEnvelope(id, responseReferenceFor(reference), error, ctx), 0, ctx) };
  }

  const request = parseSignRequest(id, envelope.params);
  if (typeof request === 'string') {
    if (ctx.behaviour === 'reference' || ctx.behaviour === 'ios') return { kind: 'reply', reply: { kind: 'silent', reason: request } };
    return { kind: 'reply', reply: finish(errorEnvelope(id, SIGN_TXNS_RESPONSE, arc27Error(Arc27ErrorCode.InvalidInput, request), ctx), 0, ctx) };
  }

  const problem = ctx.behaviour === 'spec' ? checkSignable(request, ctx.key.address) : ctx.behaviour === 'biatec' ? checkBiatec(request, ctx) : null;
  if (problem) return { kind: 'reply', reply: finish(errorEnvelope(id, SIGN_TXNS_RESPONSE, problem, ctx), 0, ctx) };
  return { kind: 'prompt', request };
}

/**
 * The hello (liquid-protocol.md §8). Biatec keeps the URL only when it is https; the dev wallet
 * also takes `http://localhost` URLs, because development dApps are served there.
 */
function answerHello(id: string, params: unknown, ctx: PhoneContext): PhoneReply {
  const methods = HELLO_METHODS[ctx.behaviour];
  if (!methods) return { kind: 'silent', reason: `a ${ctx.behaviour} phone ignores the hello` };
  const url = (params as { metadata?: { url?: unknown } } | null)?.metadata?.url;
  if (ctx.behaviour === 'biatec' && (typeof url !== 'string' || !helloUrlAccepted(url))) {
    return finish(errorEnvelope(id, HELLO_RESPONSE, arc27Error(Arc27ErrorCode.InvalidInput, 'metadata.url must be https'), ctx), 0, ctx);
  }
  const result: HelloResult = { providerId: ctx.providerId, wallet: ctx.key.address, name: `Tandem dev wallet (${ctx.behaviour})`, version: '1.0.0', methods: [...methods] };
  return finish({ id: ctx.newId(), reference: HELLO_RESPONSE, requestId: id, result }, 0, ctx);
}

export function helloUrlAccepted(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && parsed.hostname === 'localhost');
  } catch {
    return false;
  }
}

/** Biatec's refusals, before the user is asked (liquid-protocol.md §8). */
function checkBiatec(request: SignRequest, ctx: PhoneContext): Arc27Error | null {
  if (ctx.pendingCount >= BIATEC_MAX_PENDING) return arc27Error(Arc27ErrorCode.Unknown, `more than ${BIATEC_MAX_PENDING} requests are waiting`);
  if (request.txns.length === 0 || request.txns.length > BIATEC_MAX_TXNS) return arc27Error(Arc27ErrorCode.InvalidInput, `between 1 and ${BIATEC_MAX_TXNS} transactions, please`);
  for (const [i, wtxn] of request.txns.entries()) {
    const txn = decodeTxn(wtxn.txn);
    if (!txn) return arc27Error(Arc27ErrorCode.InvalidInput, `txns[${i}] does not decode`);
    if (Array.isArray(wtxn.signers) && wtxn.signers.length === 0) continue;
    if ((wtxn.authAddr ?? txn.sender.toString()) !== ctx.key.address) return arc27Error(Arc27ErrorCode.UnauthorizedSigner, `txns[${i}]: the sender is not this wallet's account`);
  }
  return null;
}

/** The reply to a sign request once the user has decided. */
export function answerSignRequest(request: SignRequest, decision: 'approve' | 'reject', ctx: PhoneContext): PhoneReply {
  if (decision === 'reject') {
    if (ctx.behaviour === 'reference' || ctx.behaviour === 'ios') return { kind: 'silent', reason: `${ctx.behaviour} phone sends nothing on reject` };
    const error = arc27Error(Arc27ErrorCode.MethodCanceled, 'The user rejected the request on the phone');
    return finish(errorEnvelope(request.id, SIGN_TXNS_RESPONSE, error, ctx), 0, ctx);
  }
  switch (ctx.behaviour) {
    case 'reference':
      return signLikeReference(request, ctx);
    case 'ios':
      return signLikeIos(request, ctx);
    case 'biatec':
      return signLikeBiatec(request, ctx);
    default:
      return signLikeSpec(request, ctx);
  }
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

/** Raw signatures, unpadded; a transaction it cannot sign (or the first, under `skip-txn`) is left out. */
function signLikeIos(request: SignRequest, ctx: PhoneContext): PhoneReply {
  const stxns: string[] = [];
  request.txns.forEach((wtxn, i) => {
    const txn = decodeTxn(wtxn.txn);
    if (!txn || (ctx.fault === 'skip-txn' && i === 0)) return;
    stxns.push(toBase64Url(signature(faultyTarget(txn, ctx.fault), ctx)));
  });
  return finish(resultEnvelope(request.id, stxns, ctx), stxns.length, ctx);
}

/** Full signed transactions, unpadded base64url, null where its key is not the signer. */
function signLikeBiatec(request: SignRequest, ctx: PhoneContext): PhoneReply {
  let signed = 0;
  const stxns = request.txns.map((wtxn) => {
    const txn = decodeTxn(wtxn.txn)!;
    // It signs a `signers: []` position too when its key could: the requester must drop that.
    if ((wtxn.authAddr ?? txn.sender.toString()) !== ctx.key.address) return null;
    const target = faultyTarget(txn, ctx.fault);
    signed++;
    return toBase64Url(target.attachSignature(ctx.key.address, signature(target, ctx)));
  });
  return finish(resultEnvelope(request.id, stxns, ctx), signed, ctx);
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
  const match = /^(arc0027|arc0060|biatec):([a-z_]+):request$/.exec(requestReference);
  return match ? (`${match[1]!}:${match[2]!}:response` as ResponseEnvelope['reference']) : 'arc0027:unknown:response';
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
