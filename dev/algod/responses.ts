/**
 * The ledger's state in algod's response shapes, built from algosdk's own models so that the JSON
 * and msgpack encodings are exactly the ones algosdk (and so Tandem) decode from a real node.
 */
import algosdk, { modelsv2, type SignedTransaction } from 'algosdk';
import type { AppliedTxn, AssetState, Evaluated, Ledger } from './ledger.ts';

export function statusResponse(ledger: Ledger): modelsv2.NodeStatusResponse {
  return new modelsv2.NodeStatusResponse({
    catchupTime: 0,
    lastRound: ledger.round,
    lastVersion: 'future',
    nextVersion: 'future',
    nextVersionRound: ledger.round + 1n,
    nextVersionSupported: true,
    stoppedAtUnsupportedRound: false,
    timeSinceLastRound: 0,
  });
}

export function paramsResponse(ledger: Ledger, minFee: bigint): modelsv2.TransactionParametersResponse {
  return new modelsv2.TransactionParametersResponse({
    consensusVersion: 'future',
    fee: 0,
    genesisHash: algosdk.base64ToBytes(ledger.genesis.hash),
    genesisId: ledger.genesis.id,
    lastRound: ledger.round,
    minFee,
  });
}

export function assetResponse(asset: AssetState): modelsv2.Asset {
  return new modelsv2.Asset({
    index: asset.index,
    params: new modelsv2.AssetParams({
      creator: asset.creator,
      decimals: asset.decimals,
      total: asset.total,
      name: asset.name,
      unitName: asset.unitName,
      url: asset.url,
      defaultFrozen: false,
    }),
  });
}

/** An account algod has never seen answers with zero balances, not 404. */
export function accountResponse(ledger: Ledger, address: string): modelsv2.Account {
  const account = ledger.account(address);
  const amount = account?.microAlgos ?? 0n;
  const holdings = [...(account?.assets ?? new Map())].map(([assetId, holding]) => new modelsv2.AssetHolding({ assetId, amount: holding.amount, isFrozen: holding.frozen }));
  const created = ledger.createdAssets(address).map(assetResponse);
  return new modelsv2.Account({
    address,
    amount,
    amountWithoutPendingRewards: amount,
    minBalance: account && (amount > 0n || holdings.length > 0) ? ledger.minBalance(account) : 0n,
    pendingRewards: 0,
    rewards: 0,
    round: ledger.round,
    status: 'Offline',
    totalAppsOptedIn: 0,
    totalAssetsOptedIn: holdings.length,
    totalCreatedApps: 0,
    totalCreatedAssets: created.length,
    assets: holdings,
    createdAssets: created,
    authAddr: account?.authAddr,
  });
}

function txnResult(applied: AppliedTxn | undefined, stxn: SignedTransaction, confirmedRound?: bigint): modelsv2.PendingTransactionResponse {
  return new modelsv2.PendingTransactionResponse({
    poolError: '',
    txn: stxn,
    confirmedRound,
    closingAmount: applied?.closingAmount,
    assetClosingAmount: applied?.assetClosingAmount,
  });
}

export function pendingResponse(applied: AppliedTxn, confirmedRound: bigint): modelsv2.PendingTransactionResponse {
  return txnResult(applied, applied.stxn, confirmedRound);
}

/**
 * Simulated groups the ledger could evaluate (not app calls: those are answered as not evaluated).
 * Groups after a failing one were not evaluated: like algod, their results carry no effects.
 */
export function simulateResponse(ledger: Ledger, groups: SignedTransaction[][], evaluations: Evaluated[]): modelsv2.SimulateResponse {
  return new modelsv2.SimulateResponse({
    version: 2,
    lastRound: ledger.round,
    evalOverrides: new modelsv2.SimulationEvalOverrides({ allowEmptySignatures: true, allowUnnamedResources: true }),
    txnGroups: groups.map((stxns, g) => {
      const evaluation = evaluations[g];
      const failed = evaluation && !evaluation.ok ? { failureMessage: evaluation.message, failedAt: [evaluation.failedAt] } : {};
      return new modelsv2.SimulateTransactionGroupResult({
        txnResults: stxns.map((stxn, index) => new modelsv2.SimulateTransactionResult({ txnResult: txnResult(evaluation?.applied[index], stxn) })),
        ...failed,
      });
    }),
  });
}
