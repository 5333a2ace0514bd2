/**
 * Unsigned transactions built locally with algosdk, with fixed suggested params (no node is ever
 * contacted): firstValid 1000, lastValid 2000, flat fee 1000 µALGO, the chosen network's genesis.
 */
import algosdk from 'algosdk';
import type { DappNetwork } from './networks';

/** Algorand's maximum group size. */
export const MAX_GROUP_SIZE = 16;
/** The most transactions buildGroup makes (Tandem's hard cap on one request). */
export const MAX_BUILD_TXNS = 2048;
/** 1.5 ALGO in µALGO. */
export const DEFAULT_PAYMENT_AMOUNT = 1_500_000;

/** Fixed, valid addresses derived from constant keys (nobody holds their secret keys). */
export const RECEIVER = algosdk.encodeAddress(new Uint8Array(32).fill(0xee));
export const FOREIGN_SENDER = algosdk.encodeAddress(new Uint8Array(32).fill(0xf0));

export interface PaymentOptions {
  /** µALGO; default 1,500,000 (1.5 ALGO). */
  amount?: number;
  note?: string;
}

export interface GroupOptions {
  /** Index of the one transaction sent by FOREIGN_SENDER with `signers: []`. Default n - 1 (none when n = 1). */
  foreignIndex?: number;
}

/** A WalletTransaction as the dApp hands it to the wallet. */
export interface DappWalletTxn {
  txn: string;
  signers?: string[];
}

function suggestedParams(network: Pick<DappNetwork, 'genesisId' | 'genesisHash'>): algosdk.SuggestedParams {
  return {
    fee: 1000,
    flatFee: true,
    minFee: 1000,
    firstValid: 1000,
    lastValid: 2000,
    genesisID: network.genesisId,
    genesisHash: algosdk.base64ToBytes(network.genesisHash),
  };
}

function payment(sender: string, amount: number, note: string | undefined, network: Pick<DappNetwork, 'genesisId' | 'genesisHash'>): algosdk.Transaction {
  if (!algosdk.isValidAddress(sender)) throw new TypeError(`not an Algorand address: ${String(sender).slice(0, 64)}`);
  if (!Number.isSafeInteger(amount) || amount < 0) throw new TypeError(`amount must be a whole number of µALGO, got ${amount}`);
  return algosdk.makePaymentTxnWithSuggestedParamsFromObject({
    sender,
    receiver: RECEIVER,
    amount,
    note: note === undefined ? undefined : new TextEncoder().encode(note),
    suggestedParams: suggestedParams(network),
  });
}

function toBase64(txn: algosdk.Transaction): string {
  return algosdk.bytesToBase64(algosdk.encodeUnsignedTransaction(txn));
}

/** Base64 of an unsigned payment from `from` to RECEIVER. Throws TypeError on a bad address or amount. */
export function buildPayment(from: string, network: Pick<DappNetwork, 'genesisId' | 'genesisHash'>, opts: PaymentOptions = {}): string {
  return toBase64(payment(from, opts.amount ?? DEFAULT_PAYMENT_AMOUNT, opts.note, network));
}

/**
 * `n` payments from `from`, one of them from FOREIGN_SENDER with `signers: []` (the wallet must not
 * sign it and must answer null there). Algorand groups hold at most 16 transactions, so larger `n`
 * become consecutive groups of 16, each with its own group id. Each payment carries a distinct note,
 * so no two transactions share an id.
 */
export function buildGroup(
  from: string,
  n: number,
  network: Pick<DappNetwork, 'genesisId' | 'genesisHash'>,
  opts: GroupOptions = {},
): DappWalletTxn[] {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_BUILD_TXNS) throw new TypeError(`n must be an integer from 1 to ${MAX_BUILD_TXNS}, got ${n}`);
  const foreignIndex = opts.foreignIndex ?? (n > 1 ? n - 1 : -1);
  const txns = Array.from({ length: n }, (_, i) =>
    payment(i === foreignIndex ? FOREIGN_SENDER : from, 1000 + i, `tandem dev dapp txn ${i + 1}/${n}`, network),
  );
  for (let start = 0; start < n; start += MAX_GROUP_SIZE) {
    const group = txns.slice(start, start + MAX_GROUP_SIZE);
    if (group.length > 1) algosdk.assignGroupID(group);
  }
  return txns.map((txn, i) => (i === foreignIndex ? { txn: toBase64(txn), signers: [] } : { txn: toBase64(txn) }));
}
