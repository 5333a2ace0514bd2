/**
 * Unsigned transactions the test dApp has no builder for, made here with algosdk and handed to
 * `dapp.signTransactions` as base64 (a dApp builds its transactions however it likes).
 */
import algosdk from 'algosdk';
import { TESTNET_HASH } from './dapp-page';

export const MAINNET_HASH = 'wGHE2Pwdvd7S12BL5FaOP20EGYesN73ktiC1qzkkit8=';
const RECEIVER = algosdk.encodeAddress(new Uint8Array(32).fill(0xee));
/** An account nobody holds the key of, to rekey to. */
export const REKEY_TARGET = algosdk.encodeAddress(new Uint8Array(32).fill(0xab));

const NETWORK_IDS: Record<string, string> = { [TESTNET_HASH]: 'testnet-v1.0', [MAINNET_HASH]: 'mainnet-v1.0' };

export interface PaymentSpec {
  from: string;
  genesisHash?: string;
  note?: Uint8Array;
  rekeyTo?: string;
  amount?: number;
  /** microAlgos. */
  fee?: number;
}

export function payment({ from, genesisHash = TESTNET_HASH, note, rekeyTo, amount = 1000, fee = 1000 }: PaymentSpec): string {
  const txn = algosdk.makePaymentTxnWithSuggestedParamsFromObject({
    sender: from,
    receiver: RECEIVER,
    amount,
    note,
    rekeyTo,
    suggestedParams: {
      fee,
      flatFee: true,
      minFee: 1000,
      firstValid: 1000,
      lastValid: 2000,
      genesisID: NETWORK_IDS[genesisHash] ?? 'unknown-v1',
      genesisHash: algosdk.base64ToBytes(genesisHash),
    },
  });
  return Buffer.from(algosdk.encodeUnsignedTransaction(txn)).toString('base64');
}
