/**
 * The algod stand-in (dev/algod) for a test: on a free loopback port, with TestNet's genesis, and
 * the settings that point every network of Tandem at it. Transactions the tests build for it.
 */
import algosdk from 'algosdk';
import { startAlgodStandIn, type RunningAlgodStandIn } from '../../../dev/algod/app.ts';
import type { Seed } from '../../../dev/algod/seed.ts';
import { freePort } from './server';
import { TESTNET_HASH } from './dapp-page';

export type { RunningAlgodStandIn };

export async function startTestAlgod(seed: Seed = {}): Promise<RunningAlgodStandIn> {
  return startAlgodStandIn({ port: await freePort(), seed });
}

/** Settings → Network with every network read from `url`. */
export function algodSettings(url: string) {
  const endpoint = { url, tokenHeader: '', token: '' };
  return { algod: { mainnet: endpoint, testnet: endpoint, betanet: endpoint, localnet: endpoint } };
}

const PARAMS = {
  fee: 1000,
  flatFee: true,
  minFee: 1000,
  firstValid: 1000,
  lastValid: 2000,
  genesisID: 'testnet-v1.0',
  genesisHash: algosdk.base64ToBytes(TESTNET_HASH),
};

const b64 = (txn: algosdk.Transaction) => Buffer.from(algosdk.encodeUnsignedTransaction(txn)).toString('base64');

export function assetTransfer(from: string, to: string, assetIndex: number | bigint, amount: number | bigint): string {
  return b64(algosdk.makeAssetTransferTxnWithSuggestedParamsFromObject({ sender: from, receiver: to, assetIndex, amount, suggestedParams: PARAMS }));
}

/** Unsigned transactions made into one atomic group, as base64. */
export function grouped(...txns: string[]): string[] {
  const decoded = txns.map((t) => algosdk.decodeUnsignedTransaction(Buffer.from(t, 'base64')));
  return algosdk.assignGroupID(decoded).map(b64);
}

export function algoPayment(from: string, to: string, amount: number | bigint): string {
  return b64(algosdk.makePaymentTxnWithSuggestedParamsFromObject({ sender: from, receiver: to, amount, suggestedParams: PARAMS }));
}
