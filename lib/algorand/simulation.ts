/**
 * What algod's simulation of a request says, as the approval window shows it: whether the groups
 * would succeed (and if not, where and why), the change to each of the user's accounts derived
 * from the top-level transactions, their inner transactions and the closing amounts, the inner
 * transactions themselves and the opcode budget. Pure: built from algosdk's SimulateResponse model.
 */
import { t } from '../i18n';
import * as algosdk from 'algosdk';
import { ALGO_DECIMALS, formatUnits } from './format';
import { assetLabel, type AssetInfo } from './facts';
import { shortAddr } from './short-address';

export interface SimulatedChange {
  account: string;
  /** 'ALGO' or an asset id. */
  asset: string;
  label: string;
  /** "+1.500000", "-0.001000". */
  change: string;
}

export interface InnerTxnLine {
  /** Index in the request of the top-level transaction that made it. */
  parentIndex: number;
  /** 1 for a top-level transaction's own inner transactions, 2 for theirs... */
  depth: number;
  text: string;
}

export interface SimulationView {
  wouldSucceed: boolean;
  /** The failing transaction, by its index in the request, and algod's message. */
  failure?: { txnIndex: number; message: string };
  changes: SimulatedChange[];
  inner: InnerTxnLine[];
  /** Application opcode budget over all groups; absent when no app ran. */
  budget?: { consumed: number; added: number };
}

export type SimulationReply =
  | { state: 'ok'; view: SimulationView }
  /** The node could not simulate it (a stand-in that does not run TEAL says 'not evaluated'). */
  | { state: 'not-simulated'; message: string };

type Deltas = Map<string, Map<string, bigint>>;

function signed(amount: bigint, decimals: number): string {
  if (amount === 0n) return '0';
  return `${amount > 0n ? '+' : '-'}${formatUnits(amount < 0n ? -amount : amount, decimals)}`;
}

function describeInner(txn: algosdk.Transaction, assets: ReadonlyMap<string, AssetInfo | null>): string {
  if (txn.payment) return t('inner_payment', formatUnits(txn.payment.amount, ALGO_DECIMALS), shortAddr(txn.payment.receiver.toString()));
  if (txn.assetTransfer) {
    const id = txn.assetTransfer.assetIndex.toString();
    const info = assets.get(id);
    const amount = info ? `${formatUnits(txn.assetTransfer.amount, info.decimals)} ${assetLabel(id, info)}` : t('amount_of_asset', txn.assetTransfer.amount.toString(), id);
    return t('inner_asset_transfer', amount, shortAddr(txn.assetTransfer.receiver.toString()));
  }
  if (txn.applicationCall) return t('inner_app_call', txn.applicationCall.appIndex.toString());
  return t('inner_other', txn.type, shortAddr(txn.sender.toString()));
}

/** Adds one transaction's effect (with its result's closing amounts) and its inner transactions'. */
function apply(result: algosdk.modelsv2.PendingTransactionResponse, own: ReadonlySet<string>, deltas: Deltas, inner: InnerTxnLine[], parentIndex: number, depth: number, assets: ReadonlyMap<string, AssetInfo | null>): void {
  const txn = result.txn.txn;
  const move = (address: algosdk.Address | undefined, asset: string, delta: bigint) => {
    if (!address || delta === 0n) return;
    const key = address.toString();
    if (!own.has(key)) return;
    const held = deltas.get(key) ?? new Map<string, bigint>();
    held.set(asset, (held.get(asset) ?? 0n) + delta);
    deltas.set(key, held);
  };
  move(txn.sender, 'ALGO', -txn.fee);
  if (txn.payment) {
    move(txn.sender, 'ALGO', -txn.payment.amount);
    move(txn.payment.receiver, 'ALGO', txn.payment.amount);
    const closing = result.closingAmount ?? 0n;
    move(txn.sender, 'ALGO', -closing);
    move(txn.payment.closeRemainderTo, 'ALGO', closing);
  }
  if (txn.assetTransfer) {
    const id = txn.assetTransfer.assetIndex.toString();
    const from = txn.assetTransfer.assetSender ?? txn.sender;
    move(from, id, -txn.assetTransfer.amount);
    move(txn.assetTransfer.receiver, id, txn.assetTransfer.amount);
    const closing = result.assetClosingAmount ?? 0n;
    move(from, id, -closing);
    move(txn.assetTransfer.closeRemainderTo, id, closing);
  }
  for (const child of result.innerTxns ?? []) {
    inner.push({ parentIndex, depth, text: describeInner(child.txn.txn, assets) });
    apply(child, own, deltas, inner, parentIndex, depth + 1, assets);
  }
}

/**
 * `groupStarts[g]` is the request index of group g's first transaction (the request was sent as
 * those groups, in order); `own` the user's accounts.
 */
export function summarizeSimulation(response: algosdk.modelsv2.SimulateResponse, groupStarts: readonly number[], own: readonly string[], assets: ReadonlyMap<string, AssetInfo | null>): SimulationView {
  const ownSet = new Set(own);
  const deltas: Deltas = new Map();
  const inner: InnerTxnLine[] = [];
  let failure: SimulationView['failure'];
  let consumed = 0;
  let added = 0;
  let ranApps = false;
  response.txnGroups.forEach((group, g) => {
    const start = groupStarts[g] ?? 0;
    if (group.failureMessage !== undefined && failure === undefined) {
      failure = { txnIndex: start + (group.failedAt?.[0] ?? 0), message: group.failureMessage };
    }
    if (group.appBudgetConsumed !== undefined || group.appBudgetAdded !== undefined) {
      ranApps = true;
      consumed += group.appBudgetConsumed ?? 0;
      added += group.appBudgetAdded ?? 0;
    }
    group.txnResults.forEach((r, i) => apply(r.txnResult, ownSet, deltas, inner, start + i, 1, assets));
  });
  const changes: SimulatedChange[] = [];
  for (const [account, held] of deltas) {
    for (const [asset, delta] of held) {
      if (delta === 0n) continue;
      const info = asset === 'ALGO' ? null : assets.get(asset);
      const decimals = asset === 'ALGO' ? ALGO_DECIMALS : (info?.decimals ?? 0);
      changes.push({ account, asset, label: asset === 'ALGO' ? 'ALGO' : assetLabel(asset, info), change: signed(delta, decimals) });
    }
  }
  const view: SimulationView = { wouldSucceed: failure === undefined, changes, inner };
  if (failure) view.failure = failure;
  if (ranApps) view.budget = { consumed, added };
  return view;
}

/** The request's transactions split into the groups algod simulates: each atomic group, and each lone transaction. */
export function simulationGroups(txns: readonly algosdk.Transaction[]): { starts: number[]; groups: algosdk.Transaction[][] } {
  const starts: number[] = [];
  const groups: algosdk.Transaction[][] = [];
  let lastGroup: string | null = null;
  txns.forEach((txn, index) => {
    const id = txn.group && txn.group.length > 0 ? algosdk.bytesToBase64(txn.group) : null;
    if (id !== null && id === lastGroup) groups[groups.length - 1]!.push(txn);
    else {
      starts.push(index);
      groups.push([txn]);
    }
    lastGroup = id;
  });
  return { starts, groups };
}
