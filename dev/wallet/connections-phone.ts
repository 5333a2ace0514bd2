/**
 * The `connections` behaviour: a phone speaking the Algorand Foundation's JSON envelope
 * (liquid-protocol.md §8), pure functions like signer.ts. It answers `connect` with two accounts
 * (its own and a second one derived from its key) and signs `sign_transactions` for either;
 * errors carry string codes. Frames in any other envelope are ignored.
 */
import algosdk, { decodeUnsignedTransaction } from 'algosdk';
import nacl from 'tweetnacl';
import { fromBase64Loose, toBase64 } from '../../lib/encoding/base64';
import type { WalletTransaction } from '../../lib/arc27/types';
import type { PhoneContext, PhoneKey, PhoneReply, SignRequest, Triage } from './signer';

export interface ConnectionsResponse {
  v: 1;
  kind: 'response';
  id: string;
  result?: unknown;
  error?: { code: string; message: string };
}

/** The phone's second account: a key derived from its own, so it is the same on every visit. */
export function secondKey(key: PhoneKey): PhoneKey {
  const seed = nacl.hash(key.secretKey).slice(0, 32);
  const pair = nacl.sign.keyPair.fromSeed(seed);
  return { address: algosdk.encodeAddress(pair.publicKey), secretKey: pair.secretKey };
}

export function connectionsAccounts(key: PhoneKey): PhoneKey[] {
  return [key, secondKey(key)];
}

const reply = (response: ConnectionsResponse, signed = 0): PhoneReply => ({ kind: 'send', frame: JSON.stringify(response), signed });
const errorReply = (id: string, code: string, message: string): PhoneReply => reply({ v: 1, kind: 'response', id, error: { code, message } });

/** Decides what to do with a decoded envelope, as signer.ts's triage does for ARC-0027 phones. */
export function triageConnections(envelope: Record<string, unknown>, ctx: PhoneContext): Triage {
  const id = typeof envelope.id === 'string' && envelope.id.length > 0 ? envelope.id : undefined;
  if (envelope.v !== 1 || envelope.kind !== 'request' || !id) return { kind: 'reply', reply: { kind: 'silent', reason: 'a connections phone reads only its own requests' } };
  if (ctx.fault === 'silent') return { kind: 'reply', reply: { kind: 'silent', reason: 'silent fault: never reply' } };
  const params = (typeof envelope.params === 'object' && envelope.params !== null ? envelope.params : {}) as Record<string, unknown>;
  switch (envelope.method) {
    case 'connect': {
      const accounts = connectionsAccounts(ctx.key).map((k, i) => ({ address: k.address, name: i === 0 ? 'Dev account' : 'Dev savings' }));
      return { kind: 'reply', reply: reply({ v: 1, kind: 'response', id, result: { domains: { accounts }, metadata: { name: 'Tandem dev wallet (connections)', icon: '' } } }) };
    }
    case 'sign_transactions': {
      const txns = params.txns;
      if (!Array.isArray(txns) || txns.length === 0 || txns.some((t) => typeof t !== 'string')) return { kind: 'reply', reply: errorReply(id, 'handler_error', 'txns must be a non-empty list of base64 strings') };
      const toSign = Array.isArray(params.indexesToSign) ? new Set(params.indexesToSign as unknown[]) : null;
      const wallet: WalletTransaction[] = (txns as string[]).map((txn, i) => (toSign === null || toSign.has(i) ? { txn } : { txn, signers: [] }));
      return { kind: 'prompt', request: { id, txns: wallet, protocol: 'connections' } };
    }
    default:
      return { kind: 'reply', reply: errorReply(id, 'method_not_found', `no method ${String(envelope.method)}`) };
  }
}

/** The answer once the user decided: standard base64 signed transactions, or `rejected`. */
export function answerConnections(request: SignRequest, decision: 'approve' | 'reject', ctx: PhoneContext): PhoneReply {
  if (ctx.fault === 'silent') return { kind: 'silent', reason: 'silent fault: never reply' };
  if (decision === 'reject') return errorReply(request.id, 'rejected', 'The user rejected the request on the phone');
  const keys = connectionsAccounts(ctx.key);
  let signed = 0;
  const stxns = request.txns.map((wtxn) => {
    if (Array.isArray(wtxn.signers) && wtxn.signers.length === 0) return null;
    const bytes = fromBase64Loose(wtxn.txn);
    if (!bytes) return null;
    const txn = decodeUnsignedTransaction(bytes);
    const key = keys.find((k) => k.address === txn.sender.toString());
    if (!key) return null;
    let stxn = txn.signTxn(key.secretKey);
    if (ctx.fault === 'bad-signature') {
      const sig = nacl.sign.detached(txn.bytesToSign(), key.secretKey);
      sig[0] = sig[0]! ^ 0xff;
      stxn = txn.attachSignature(key.address, sig);
    }
    signed++;
    return toBase64(stxn);
  });
  return reply({ v: 1, kind: 'response', id: request.id, result: { stxns } }, signed);
}
