/**
 * use-wallet's signing arguments as ARC-0001 WalletTransactions, and Tandem's answer back in
 * use-wallet's convention. Pure: no I/O, no use-wallet import.
 *
 * use-wallet hands a wallet `Transaction[]` or encoded `Uint8Array[]`, either possibly nested in
 * groups (`T[][]`), plus optional `indexesToSign` into the flattened list. A transaction is sent for
 * signing when its index is asked for (or none are given) and its sender is a connected account;
 * every other one goes with `signers: []`, which ARC-0001 defines as "do not sign", and the dApp
 * gets `null` there. Encoded transactions that are already signed are never signed again.
 */
import algosdk from 'algosdk';

/** ARC-0001's WalletTransaction, as much of it as this adapter sends. */
export interface WalletTransaction {
  txn: string;
  signers?: string[];
}

export type TxnInput = algosdk.Transaction | Uint8Array;

/** `T[]` or `T[][]` flattened, as use-wallet's indexes count them. */
export function flattenGroups<T>(txnGroup: readonly T[] | readonly (readonly T[])[]): T[] {
  const flat: T[] = [];
  for (const item of txnGroup) {
    if (Array.isArray(item)) flat.push(...(item as readonly T[]));
    else flat.push(item as T);
  }
  return flat;
}

/**
 * A Transaction from any copy of algosdk 3 (a dApp's bundle may hold another instance than this
 * package's, so `instanceof` is not enough): it has a sender and encodes itself.
 */
function isTransactionLike(value: unknown): value is algosdk.Transaction {
  if (value instanceof algosdk.Transaction) return true;
  return typeof value === 'object' && value !== null && 'sender' in value && typeof (value as { toByte?: unknown }).toByte === 'function';
}

/** The unsigned transaction's bytes and sender, and whether the input was already signed. */
function readInput(item: unknown, index: number): { bytes: Uint8Array; sender: string; signed: boolean } {
  if (isTransactionLike(item)) {
    return { bytes: item.toByte(), sender: item.sender.toString(), signed: false };
  }
  if (item instanceof Uint8Array) {
    let decoded: unknown;
    try {
      decoded = algosdk.msgpackRawDecode(item);
    } catch {
      throw new TypeError(`transaction ${index} is not msgpack`);
    }
    // A signed transaction is a map with `txn` beside a signature (sig, msig or lsig).
    const isSigned =
      typeof decoded === 'object' && decoded !== null && 'txn' in decoded && ('sig' in decoded || 'msig' in decoded || 'lsig' in decoded);
    const txn = isSigned ? algosdk.decodeSignedTransaction(item).txn : algosdk.decodeUnsignedTransaction(item);
    return { bytes: algosdk.encodeUnsignedTransaction(txn), sender: txn.sender.toString(), signed: isSigned };
  }
  throw new TypeError(`transaction ${index} is neither an algosdk Transaction nor encoded bytes`);
}

export interface SigningPlan {
  /** What is sent to Tandem, one entry per flattened input. */
  walletTxns: WalletTransaction[];
  /** How many of them Tandem is asked to sign. */
  toSign: number;
}

export function planSigning(
  txnGroup: readonly TxnInput[] | readonly (readonly TxnInput[])[],
  indexesToSign: readonly number[] | undefined,
  addresses: readonly string[],
): SigningPlan {
  const flat = flattenGroups<TxnInput>(txnGroup);
  const wanted = indexesToSign ? new Set(indexesToSign) : null;
  const ours = new Set(addresses);
  let toSign = 0;
  const walletTxns = flat.map((item, index): WalletTransaction => {
    const { bytes, sender, signed } = readInput(item, index);
    const txn = algosdk.bytesToBase64(bytes);
    const sign = !signed && (wanted === null || wanted.has(index)) && ours.has(sender);
    if (!sign) return { txn, signers: [] };
    toSign++;
    return { txn };
  });
  return { walletTxns, toSign };
}

/**
 * Tandem's `stxns` (standard base64, `null` where nothing was asked) as use-wallet's
 * `(Uint8Array | null)[]`. The answer passed through the page, so its shape is checked, and a
 * signature Tandem returns where none was asked for is dropped.
 */
export function readSignedTransactions(result: unknown, plan: SigningPlan): (Uint8Array | null)[] {
  const stxns = (typeof result === 'object' && result !== null ? (result as { stxns?: unknown }).stxns : undefined) as unknown;
  if (!Array.isArray(stxns) || stxns.length !== plan.walletTxns.length) {
    throw new TypeError(`Tandem answered ${Array.isArray(stxns) ? stxns.length : 'no'} signed transactions for ${plan.walletTxns.length}`);
  }
  return stxns.map((stxn: unknown, index) => {
    const asked = plan.walletTxns[index]!.signers === undefined;
    if (!asked || stxn === null) return null;
    if (typeof stxn !== 'string') throw new TypeError(`signed transaction ${index} is not base64`);
    return algosdk.base64ToBytes(stxn);
  });
}
