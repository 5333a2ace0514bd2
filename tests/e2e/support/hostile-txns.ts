/**
 * Unsigned transactions carrying hostile or oversized content, built in Node with algosdk (which
 * checks neither note nor asset-name lengths) and handed to the page as standard base64.
 */
import algosdk from 'algosdk';
import { TESTNET_HASH } from './dapp-page';

const RECEIVER = algosdk.encodeAddress(new Uint8Array(32).fill(0xee));

const suggestedParams: algosdk.SuggestedParams = {
  fee: 1000,
  minFee: 1000,
  flatFee: true,
  firstValid: 1000,
  lastValid: 2000,
  genesisID: 'testnet-v1.0',
  genesisHash: algosdk.base64ToBytes(TESTNET_HASH),
};

const toBase64 = (txn: algosdk.Transaction) => Buffer.from(algosdk.encodeUnsignedTransaction(txn)).toString('base64');

/** A TestNet payment from `from` with this note (any length: algosdk does not enforce 1 KiB). */
export function paymentWithNote(from: string, note: string | Uint8Array, amount = 1000): string {
  const bytes = typeof note === 'string' ? new TextEncoder().encode(note) : note;
  return toBase64(algosdk.makePaymentTxnWithSuggestedParamsFromObject({ sender: from, receiver: RECEIVER, amount, note: bytes, suggestedParams }));
}

/** A TestNet asset creation by `from` with these names (any length: algosdk does not enforce 32 bytes). */
export function assetCreate(from: string, names: { assetName: string; unitName?: string; assetURL?: string }): string {
  return toBase64(
    algosdk.makeAssetCreateTxnWithSuggestedParamsFromObject({
      sender: from,
      total: 1_000_000,
      decimals: 2,
      defaultFrozen: false,
      manager: from,
      suggestedParams,
      ...names,
    }),
  );
}

/** `count` payments of `noteBytes`-byte notes: a request as large as a legitimate dApp can make it. */
export function largePayments(from: string, count: number, noteBytes: number): { txn: string }[] {
  return Array.from({ length: count }, (_, i) => ({ txn: paymentWithNote(from, `${i} `.padEnd(noteBytes, 'n'), 1000 + i) }));
}
