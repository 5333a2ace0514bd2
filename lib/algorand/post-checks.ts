/**
 * Signed transactions a dApp asks Tandem to send (post_transactions), or that Tandem is about to
 * send after the phone signed (sign_and_post_transactions), checked before anything leaves: every
 * entry decodes to one canonical signed transaction, the groups are whole and consistent (ARC-0001,
 * as for signing), all are on one network, and every single signature verifies over its
 * transaction for its signer (`sgnr`, else the sender). A LogicSig or a multisig is not checked
 * here (the network checks it); the approval window says so.
 */
import * as algosdk from 'algosdk';
import { Arc27ErrorCode, arc27Error, type Arc27Error, type WalletTransaction } from '../arc27/types';
import { fromBase64Lenient, toBase64 } from '../encoding/base64';
import { describeError, fail, ok, type Result } from '../result';
import { bytesEqual } from './bytes';
import { decodeWalletTransactions, type DecodedTxn } from './decode';
import { verifyEd25519, type Ed25519Verify } from './ed25519';
import { verifyTxnSignature } from './signatures';

/** How each transaction is authorized: a signature Tandem verified, or a kind it passes on unchecked. */
export type PostAuth = 'signature' | 'logicsig' | 'multisig';

export interface CheckedPost {
  /** The transactions inside, decoded as for signing (groups checked, positions set). */
  decoded: DecodedTxn[];
  auth: PostAuth[];
  /** Each entry's canonical bytes: what is sent to the node. */
  signed: Uint8Array[];
  /** Runs of indexes sent together: a group, or one ungrouped transaction. */
  batches: { start: number; end: number }[];
  /** Standard base64; every transaction's. */
  genesisHash: string;
}

const invalid = (index: number, reason: string): Arc27Error => arc27Error(Arc27ErrorCode.InvalidInput, `stxns[${index}]: ${reason}`, { index, reason });

function readSigned(entry: unknown, index: number): Result<{ stxn: algosdk.SignedTransaction; bytes: Uint8Array }, Arc27Error> {
  if (typeof entry !== 'string') return fail(invalid(index, 'not a base64 string'));
  const bytes = fromBase64Lenient(entry);
  if (bytes === null) return fail(invalid(index, 'not valid base64'));
  let stxn: algosdk.SignedTransaction;
  try {
    stxn = algosdk.decodeSignedTransaction(bytes);
  } catch (error) {
    return fail(invalid(index, `not a signed transaction (${describeError(error)})`));
  }
  // One spelling only: what the user is shown is exactly what the node is sent.
  if (!bytesEqual(algosdk.encodeMsgpack(stxn), bytes)) return fail(invalid(index, 'not canonically encoded'));
  return ok({ stxn, bytes });
}

async function authOf(stxn: algosdk.SignedTransaction, d: DecodedTxn, verify: Ed25519Verify): Promise<Result<PostAuth, Arc27Error>> {
  if (stxn.lsig !== undefined) return ok('logicsig');
  if (stxn.msig !== undefined) return ok('multisig');
  if (stxn.sig === undefined) return fail(invalid(d.index, 'it is not signed'));
  const signer = (stxn.sgnr ?? stxn.txn.sender).toString();
  if (!(await verifyTxnSignature(d.bytes, stxn.sig, signer, verify))) return fail(invalid(d.index, `the signature is not ${signer}'s over this transaction`));
  return ok('signature');
}

/** Checks `stxns` (standard base64 signed transactions) for sending; the error names the first bad entry. */
export async function checkSignedForPost(stxns: readonly unknown[], verify: Ed25519Verify = verifyEd25519): Promise<Result<CheckedPost, Arc27Error>> {
  if (stxns.length === 0) return fail(arc27Error(Arc27ErrorCode.InvalidInput, 'stxns is empty'));
  const read: { stxn: algosdk.SignedTransaction; bytes: Uint8Array }[] = [];
  for (let i = 0; i < stxns.length; i++) {
    const entry = readSigned(stxns[i], i);
    if (!entry.ok) return entry;
    read.push(entry.value);
  }
  // The transactions inside go through the signing path's decoder: the same limits and group checks.
  const unsigned: WalletTransaction[] = read.map(({ stxn }) => ({ txn: toBase64(algosdk.encodeUnsignedTransaction(stxn.txn)), signers: [] }));
  const decoded = decodeWalletTransactions(unsigned, { allowMultipleGroups: true, maxTxns: stxns.length });
  if (!decoded.ok) return decoded;
  const genesisHash = toBase64(read[0]!.stxn.txn.genesisHash ?? new Uint8Array());
  const elsewhere = read.findIndex(({ stxn }) => toBase64(stxn.txn.genesisHash ?? new Uint8Array()) !== genesisHash);
  if (elsewhere >= 0) return fail(invalid(elsewhere, 'it is for another network than stxns[0]'));
  const auth: PostAuth[] = [];
  for (const [i, d] of decoded.value.entries()) {
    const checked = await authOf(read[i]!.stxn, d, verify);
    if (!checked.ok) return checked;
    auth.push(checked.value);
  }
  return ok({ decoded: decoded.value, auth, signed: read.map((r) => r.bytes), batches: batchesOf(decoded.value), genesisHash });
}

/** Consecutive transactions of one group are sent together; an ungrouped one alone. */
export function batchesOf(decoded: readonly DecodedTxn[]): { start: number; end: number }[] {
  const batches: { start: number; end: number }[] = [];
  for (const d of decoded) {
    const last = batches[batches.length - 1];
    const sameGroup = last !== undefined && d.group !== undefined && d.group.position > 1;
    if (sameGroup) last.end = d.index + 1;
    else batches.push({ start: d.index, end: d.index + 1 });
  }
  return batches;
}
