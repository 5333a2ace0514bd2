/**
 * Parses the `txns` of an ARC-0027 sign_transactions request into transactions we can show,
 * check and later match signatures against. Everything a dApp sends is hostile until this
 * returns ok: shapes are checked by hand (ARC-0001 "General Validation"), and a transaction
 * must be the canonical encoding of itself, so fields algosdk does not know (which it drops
 * silently) can never reach the phone's signature unseen.
 */
import * as algosdk from 'algosdk';
import { Arc27ErrorCode, arc27Error, type Arc27Error } from '../arc27/types';
import { fromBase64Strict } from '../encoding/base64';
import { bytesEqual } from './bytes';
import { checkGroups } from './groups';
import { describeError, fail, ok, type Result } from '../result';
import { DEFAULT_MAX_TXNS } from '../arc27/page-request';

export interface GroupPosition {
  /** 1-based position inside the group. */
  position: number;
  size: number;
  /** Standard base64 group id. */
  groupId: string;
}

export interface DecodedTxn {
  /** Position in the dApp's `txns` array. */
  index: number;
  txn: algosdk.Transaction;
  /** Canonical msgpack of the unsigned transaction (byte-identical to what the dApp sent). */
  bytes: Uint8Array;
  /** Who must sign: `[]` = nobody (the dApp wants `null` back), else exactly one address. */
  signers: string[];
  /** The auth address of a rekeyed sender, as the dApp gave it. */
  authAddr?: string;
  txId: string;
  /** Set when the transaction belongs to an atomic group (all of which is in the request). */
  group?: GroupPosition;
  /** A signed transaction the dApp supplied for a `signers: []` entry, checked to wrap `bytes`. */
  stxn?: Uint8Array;
  /** Untrusted dApp text (ARC-0001 `message` / `groupMessage`): show as plain text only. */
  message?: string;
  groupMessage?: string;
}

export interface DecodeOptions {
  /** Reject requests with more transactions than this (4200). */
  maxTxns?: number;
  /**
   * ARC-0001 lets a request be several groups (and lone transactions) one after the other;
   * dApp libraries such as use-wallet flatten `Transaction[][]` into one request. Set false
   * to accept only one group or only ungrouped transactions (4201 otherwise).
   */
  allowMultipleGroups?: boolean;
}

const KNOWN_FIELDS = new Set(['txn', 'signers', 'authAddr', 'msig', 'stxn', 'message', 'groupMessage']);

function invalid(index: number, why: string): Arc27Error {
  return arc27Error(Arc27ErrorCode.InvalidInput, `txns[${index}]: ${why}`, { index });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a checksummed address in its one canonical spelling. */
export function isCanonicalAddress(value: unknown): value is string {
  if (typeof value !== 'string' || !algosdk.isValidAddress(value)) return false;
  return algosdk.Address.fromString(value).toString() === value;
}

export function decodeWalletTransactions(txns: unknown, opts: DecodeOptions = {}): Result<DecodedTxn[], Arc27Error> {
  try {
    return decodeRequest(txns, opts);
  } catch (error) {
    // Not expected (every library call that can throw is guarded), but a throw here would leave
    // the dApp without its one answer.
    return fail(arc27Error(Arc27ErrorCode.InvalidInput, `unreadable request (${describeError(error)})`));
  }
}

function decodeRequest(txns: unknown, opts: DecodeOptions): Result<DecodedTxn[], Arc27Error> {
  // The content script's limit (page-request.ts) unless the caller says otherwise.
  const maxTxns = opts.maxTxns ?? DEFAULT_MAX_TXNS;
  if (!Array.isArray(txns)) {
    return fail(arc27Error(Arc27ErrorCode.InvalidInput, 'txns must be an array of WalletTransaction'));
  }
  if (txns.length === 0) return fail(arc27Error(Arc27ErrorCode.InvalidInput, 'txns is empty'));
  if (txns.length > maxTxns) {
    return fail(
      arc27Error(Arc27ErrorCode.InvalidInput, `too many transactions: ${txns.length} (at most ${maxTxns} per request)`),
    );
  }
  const decoded: DecodedTxn[] = [];
  for (let index = 0; index < txns.length; index++) {
    const entry = decodeEntry(txns[index], index);
    if (!entry.ok) return entry;
    decoded.push(entry.value);
  }
  const groups = checkGroups(decoded, opts.allowMultipleGroups ?? true);
  if (!groups.ok) return groups;
  const misplaced = decoded.find((d) => d.groupMessage !== undefined && d.group !== undefined && d.group.position !== 1);
  if (misplaced) return fail(invalid(misplaced.index, 'groupMessage is only allowed on the first transaction of a group'));
  return ok(decoded);
}

function decodeEntry(entry: unknown, index: number): Result<DecodedTxn, Arc27Error> {
  if (!isRecord(entry)) return fail(invalid(index, 'not a WalletTransaction object'));
  const unknownField = Object.keys(entry).find((key) => !KNOWN_FIELDS.has(key) && !key.startsWith('_'));
  if (unknownField !== undefined) return fail(invalid(index, `unknown field "${unknownField}"`));
  for (const key of ['message', 'groupMessage', 'stxn'] as const) {
    if (entry[key] !== undefined && typeof entry[key] !== 'string') return fail(invalid(index, `${key} must be a string`));
  }

  const txn = decodeTxnField(entry.txn, index);
  if (!txn.ok) return txn;
  const signing = resolveSigners(entry, txn.value.txn, index);
  if (!signing.ok) return signing;

  const decoded: DecodedTxn = {
    index,
    txn: txn.value.txn,
    bytes: txn.value.bytes,
    signers: signing.value.signers,
    txId: txn.value.txn.txID(),
  };
  if (signing.value.authAddr !== undefined) decoded.authAddr = signing.value.authAddr;
  if (typeof entry.message === 'string') decoded.message = entry.message;
  if (typeof entry.groupMessage === 'string') decoded.groupMessage = entry.groupMessage;
  if (typeof entry.stxn === 'string') {
    const stxn = decodeDappStxn(entry.stxn, decoded);
    if (!stxn.ok) return stxn;
    decoded.stxn = stxn.value;
  }
  return ok(decoded);
}

function decodeTxnField(value: unknown, index: number): Result<{ txn: algosdk.Transaction; bytes: Uint8Array }, Arc27Error> {
  if (typeof value !== 'string') return fail(invalid(index, 'txn must be a base64 string'));
  const bytes = fromBase64Strict(value);
  if (bytes === null) return fail(invalid(index, 'txn is not valid standard base64'));
  let txn: algosdk.Transaction;
  try {
    txn = algosdk.decodeUnsignedTransaction(bytes);
  } catch (error) {
    return fail(invalid(index, `txn is not an unsigned transaction (${describeError(error)})`));
  }
  let canonical: Uint8Array;
  try {
    canonical = algosdk.encodeUnsignedTransaction(txn);
  } catch (error) {
    return fail(invalid(index, `txn cannot be re-encoded (${describeError(error)})`));
  }
  if (!bytesEqual(canonical, bytes)) {
    return fail(invalid(index, 'txn is not the canonical encoding of an unsigned transaction (unknown, misplaced or non-canonical fields)'));
  }
  return ok({ txn, bytes: canonical });
}

/**
 * ARC-0001 `signers` semantics, single-signature only: absent = the sender or `authAddr`
 * signs; `[]` = nobody; `[addr]` = addr, which must then be that same account.
 */
function resolveSigners(
  entry: Record<string, unknown>,
  txn: algosdk.Transaction,
  index: number,
): Result<{ signers: string[]; authAddr?: string }, Arc27Error> {
  if (entry.msig !== undefined) return fail(invalid(index, 'multisig (msig) is not supported'));
  const { authAddr, signers } = entry;
  if (authAddr !== undefined && !isCanonicalAddress(authAddr)) return fail(invalid(index, 'authAddr is not a valid address'));
  const sender = txn.sender.toString();
  const expected = authAddr ?? sender;
  const withAuth = authAddr === undefined ? {} : { authAddr };

  if (signers === undefined) return ok({ signers: [expected], ...withAuth });
  if (!Array.isArray(signers) || !signers.every(isCanonicalAddress)) {
    return fail(invalid(index, 'signers must be an array of valid addresses'));
  }
  if (signers.length === 0) return ok({ signers: [], ...withAuth });
  if (signers.length > 1) return fail(invalid(index, 'more than one signer needs multisig, which is not supported'));
  if (signers[0] !== expected) {
    const why = authAddr === undefined ? 'the sender (set authAddr for a rekeyed account)' : 'authAddr';
    return fail(invalid(index, `signers[0] must be ${why}`));
  }
  return ok({ signers: [expected], ...withAuth });
}

function decodeDappStxn(value: string, decoded: DecodedTxn): Result<Uint8Array, Arc27Error> {
  if (decoded.signers.length > 0) return fail(invalid(decoded.index, 'stxn is only allowed with signers: []'));
  const bytes = fromBase64Strict(value);
  if (bytes === null) return fail(invalid(decoded.index, 'stxn is not valid standard base64'));
  try {
    const stxn = algosdk.decodeSignedTransaction(bytes);
    if (!bytesEqual(algosdk.encodeUnsignedTransaction(stxn.txn), decoded.bytes)) {
      return fail(invalid(decoded.index, 'stxn does not sign the transaction in txn'));
    }
  } catch (error) {
    return fail(invalid(decoded.index, `stxn is not a signed transaction (${describeError(error)})`));
  }
  return ok(bytes);
}
