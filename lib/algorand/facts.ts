/**
 * What the network says about a request, as the approval window shows it: asset amounts with
 * their names and decimals, each of the user's balances before and after the group, and rekeyed
 * accounts. Pure: the reads are in entrypoints/background/network-reads.ts. Display strings only
 * (the reply crosses a message boundary, where bigints do not survive).
 */
import { t } from '../i18n';
import * as algosdk from 'algosdk';
import { ALGO_DECIMALS, MAX_ASSET_DECIMALS, formatUnits } from './format';
import type { SimulationReply } from './simulation';

export interface AssetInfo {
  /** Decimal string. */
  id: string;
  decimals: number;
  name?: string;
  unitName?: string;
}

export interface AccountSnapshot {
  address: string;
  microAlgos: bigint;
  minBalance: bigint;
  authAddr?: string;
  /** Holdings by asset id (decimal string). */
  assets: Map<string, bigint>;
}

export interface BalanceLine {
  account: string;
  /** 'ALGO' or an asset id. */
  asset: string;
  /** "ALGO", "USDC (USD Coin)", or "asset 123" when the asset is unknown. */
  label: string;
  before: string;
  after: string;
  /** "+1.50", "-0.001", "0". */
  change: string;
  /** After the group the account would hold less than its minimum balance. */
  belowMinimum: boolean;
}

export interface RequestFacts {
  /** Per transaction index: the asset amount with its unit and name, e.g. "12.50 USDC (USD Coin)". */
  amounts: Record<number, string>;
  balances: BalanceLine[];
  rekeyed: { account: string; authAddr: string }[];
}

/** What the approval window gets for a request's facts. */
export type FactsReply =
  | { state: 'off' }
  | { state: 'no-node'; network: string }
  /** The user has not granted the node's host; `pattern` is what "Check with <host>" asks for. */
  | { state: 'not-allowed'; host: string; pattern: string }
  | { state: 'failed'; host: string; message: string }
  | { state: 'ok'; host: string; facts: RequestFacts; simulation: SimulationReply };

/** The asset ids a group moves, as decimal strings. */
export function assetIdsOf(txns: readonly algosdk.Transaction[]): string[] {
  return [...new Set(txns.filter((t) => t.assetTransfer).map((t) => t.assetTransfer!.assetIndex.toString()))];
}

function validDecimals(asset: AssetInfo | null | undefined): asset is AssetInfo {
  return asset !== null && asset !== undefined && Number.isInteger(asset.decimals) && asset.decimals >= 0 && asset.decimals <= MAX_ASSET_DECIMALS;
}

/** "USDC (USD Coin)", "USDC", "USD Coin", or "asset 123" when nothing is known. */
export function assetLabel(id: string, asset: AssetInfo | null | undefined): string {
  const unit = asset?.unitName?.trim();
  const name = asset?.name?.trim();
  if (unit && name && unit !== name) return `${unit} (${name})`;
  return unit || name || t('ref_asset', id);
}

/** "12.50 USDC (USD Coin)" with decimals applied; the raw amount "1250 of asset 123" when the asset is unknown. */
export function formatKnownAsset(amount: bigint, id: string, asset: AssetInfo | null | undefined): string {
  if (!validDecimals(asset)) return t('amount_of_asset', amount.toString(), id);
  return `${formatUnits(amount, asset.decimals)} ${assetLabel(id, asset)}`;
}

function signed(amount: bigint, decimals: number): string {
  if (amount === 0n) return '0';
  return `${amount > 0n ? '+' : '-'}${formatUnits(amount < 0n ? -amount : amount, decimals)}`;
}

type Ledger = Map<string, Map<string, bigint>>;

/** Runs the group over the user's balances in order; amounts a non-user account holds are not tracked. */
function applyGroup(txns: readonly algosdk.Transaction[], ledger: Ledger): void {
  const move = (address: string, asset: string, delta: bigint) => {
    const holdings = ledger.get(address);
    if (!holdings) return;
    holdings.set(asset, (holdings.get(asset) ?? 0n) + delta);
  };
  for (const txn of txns) {
    const sender = txn.sender.toString();
    move(sender, 'ALGO', -txn.fee);
    if (txn.payment) {
      const { receiver, amount, closeRemainderTo } = txn.payment;
      move(sender, 'ALGO', -amount);
      move(receiver.toString(), 'ALGO', amount);
      if (closeRemainderTo) {
        const rest = ledger.get(sender)?.get('ALGO') ?? 0n;
        move(sender, 'ALGO', -rest);
        move(closeRemainderTo.toString(), 'ALGO', rest);
      }
    }
    if (txn.assetTransfer && !txn.assetTransfer.assetSender) {
      const { receiver, amount, closeRemainderTo, assetIndex } = txn.assetTransfer;
      const id = assetIndex.toString();
      move(sender, id, -amount);
      move(receiver.toString(), id, amount);
      if (closeRemainderTo) {
        const rest = ledger.get(sender)?.get(id) ?? 0n;
        move(sender, id, -rest);
        move(closeRemainderTo.toString(), id, rest);
      }
    }
    if (txn.assetTransfer?.assetSender) {
      const { receiver, amount, assetIndex, assetSender } = txn.assetTransfer;
      move(assetSender.toString(), assetIndex.toString(), -amount);
      move(receiver.toString(), assetIndex.toString(), amount);
    }
  }
}

/**
 * The facts for a group. `own` are the user's accounts; `accounts` their snapshots (an account
 * missing there is left out); `assets` what algod said of each asset (null: it does not exist).
 */
export function computeFacts(
  txns: readonly algosdk.Transaction[],
  own: readonly string[],
  accounts: ReadonlyMap<string, AccountSnapshot>,
  assets: ReadonlyMap<string, AssetInfo | null>,
): RequestFacts {
  const amounts: Record<number, string> = {};
  txns.forEach((txn, index) => {
    if (!txn.assetTransfer) return;
    const id = txn.assetTransfer.assetIndex.toString();
    amounts[index] = formatKnownAsset(txn.assetTransfer.amount, id, assets.get(id));
  });
  const before: Ledger = new Map();
  const after: Ledger = new Map();
  for (const address of own) {
    const snapshot = accounts.get(address);
    if (!snapshot) continue;
    before.set(address, new Map([['ALGO', snapshot.microAlgos], ...snapshot.assets]));
    after.set(address, new Map([['ALGO', snapshot.microAlgos], ...snapshot.assets]));
  }
  applyGroup(txns, after);
  const touched = new Set<string>(['ALGO', ...assetIdsOf(txns)]);
  const balances: BalanceLine[] = [];
  for (const [address, holdings] of after) {
    const snapshot = accounts.get(address)!;
    for (const asset of touched) {
      const was = before.get(address)!.get(asset);
      const now = holdings.get(asset);
      if (asset !== 'ALGO' && was === undefined && now === undefined) continue;
      const info = asset === 'ALGO' ? null : assets.get(asset);
      const decimals = asset === 'ALGO' ? ALGO_DECIMALS : validDecimals(info) ? info.decimals : 0;
      const label = asset === 'ALGO' ? 'ALGO' : assetLabel(asset, info);
      const from = was ?? 0n;
      const to = now ?? 0n;
      if (asset !== 'ALGO' && from === to) continue;
      balances.push({
        account: address,
        asset,
        label,
        before: formatUnits(from, decimals),
        after: to < 0n ? `-${formatUnits(-to, decimals)}` : formatUnits(to, decimals),
        change: signed(to - from, decimals),
        belowMinimum: to < 0n || (asset === 'ALGO' && to !== 0n && to < snapshot.minBalance),
      });
    }
  }
  const rekeyed = own.flatMap((address) => {
    const authAddr = accounts.get(address)?.authAddr;
    return authAddr ? [{ account: address, authAddr }] : [];
  });
  return { amounts, balances, rekeyed };
}

/** One network's line on the popup's home: the account's ALGO and its largest holdings, or why not. */
export type HomeBalance =
  | { network: string; state: 'ok'; account: string; algo: string; holdings: { label: string; amount: string }[] }
  | { network: string; state: 'off' | 'no-node' | 'not-allowed' | 'failed'; message: string };

/** The largest holdings first, by amount with decimals applied (base units are not comparable across assets). */
export function largestHoldings(holdings: ReadonlyMap<string, bigint>, assets: ReadonlyMap<string, AssetInfo | null>, count: number): { label: string; amount: string }[] {
  const scaled = [...holdings]
    .filter(([, amount]) => amount > 0n)
    .map(([id, amount]) => {
      const info = assets.get(id);
      const decimals = validDecimals(info) ? info.decimals : 0;
      // Compare as amount / 10^decimals, exactly: scale every amount to 19 fraction digits.
      return { id, amount, info, key: amount * 10n ** BigInt(MAX_ASSET_DECIMALS - decimals) };
    });
  scaled.sort((a, b) => (a.key === b.key ? 0 : a.key > b.key ? -1 : 1));
  return scaled.slice(0, count).map(({ id, amount, info }) => ({
    label: assetLabel(id, info),
    amount: validDecimals(info) ? formatUnits(amount, info.decimals) : amount.toString(),
  }));
}
