/** Shared inputs for the ARC-0027 envelope tests: real addresses and real unsigned transactions. */
import algosdk from 'algosdk';
import { TANDEM_PROVIDER_ID } from '../../../lib/arc27/types';

export const ALICE = algosdk.encodeAddress(new Uint8Array(32).fill(1));
export const BOB = algosdk.encodeAddress(new Uint8Array(32).fill(2));
export const CAROL = algosdk.encodeAddress(new Uint8Array(32).fill(3));
export const TESTNET_HASH = 'SGO1GKSzyE7IEPItTxCByw9x8FmnrCDexi9/cOUJOiI=';
export const MAINNET_HASH = 'wGHE2Pwdvd7S12BL5FaOP20EGYesN73ktiC1qzkkit8=';
export const REQUEST_ID = '0190c7d4-5b8e-7a1c-9f00-123456789abc';

export function paymentTxn(sender = ALICE, amount = 1_500_000): string {
  const txn = algosdk.makePaymentTxnWithSuggestedParamsFromObject({
    sender,
    receiver: BOB,
    amount,
    suggestedParams: {
      fee: 1000,
      flatFee: true,
      minFee: 1000,
      firstValid: 1000,
      lastValid: 2000,
      genesisID: 'testnet-v1.0',
      genesisHash: algosdk.base64ToBytes(TESTNET_HASH),
    },
  });
  return algosdk.bytesToBase64(algosdk.encodeUnsignedTransaction(txn));
}

export const PAYMENT = paymentTxn();

export function signRequest(txns: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: REQUEST_ID,
    reference: 'arc0027:sign_transactions:request',
    params: { providerId: TANDEM_PROVIDER_ID, txns, ...extra },
  };
}
