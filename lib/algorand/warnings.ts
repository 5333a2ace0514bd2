/**
 * Warnings for the approval window (ARC-0001 "Inputs that Warrant Display of Warnings"),
 * raised only where one of the user's own accounts is affected: a rekey or close of someone
 * else's account elsewhere in the group is that party's business, and warning about it would
 * teach users to ignore warnings.
 */
import * as algosdk from 'algosdk';
import { toBase64 } from '../encoding/base64';
import type { DecodedTxn } from './decode';
import { message, type Message } from '../i18n';
import { networkByGenesisHash } from './networks';

export type WarningKind =
  | 'rekey'
  | 'close-remainder'
  | 'asset-close'
  | 'clawback-from-user'
  | 'app-delete'
  | 'app-update'
  | 'app-clear-state'
  | 'high-fee'
  | 'foreign-signer'
  | 'wrong-network';

export interface Warning {
  index: number;
  kind: WarningKind;
  severity: 'danger' | 'caution';
  /** Worded when shown (lib/i18n/words.ts): a queued request keeps keys, never one language's text. */
  message: Message;
}

/**
 * 0.1 ALGO: a hundred times the minimum fee. Enough for a transaction that pays the fees of
 * a full group (16 x 0.001) plus a few dozen inner transactions, while a fee that drains
 * real money still stands out.
 */
export const DEFAULT_HIGH_FEE_MICROALGOS = 100_000;

export interface WarningContext {
  ownAccounts: readonly string[];
  sessionGenesisHash: string;
  /** Fees above this many microAlgos paid by the user's account get a 'high-fee' warning. */
  highFeeMicroAlgos?: number;
}

function feeThreshold(ctx: WarningContext): bigint {
  const value = ctx.highFeeMicroAlgos;
  return BigInt(value !== undefined && Number.isSafeInteger(value) && value >= 0 ? value : DEFAULT_HIGH_FEE_MICROALGOS);
}

type Check = (t: DecodedTxn, own: ReadonlySet<string>, ctx: WarningContext) => Omit<Warning, 'index'>[];

/**
 * The transaction is the user's own when one of their keys signs for its sender: the sender is a
 * paired account, or the sender was rekeyed to one (`authAddr`). A rekeyed account's rekey or close
 * is as much the user's loss as their own account's.
 */
function ownedAccount(t: DecodedTxn, own: ReadonlySet<string>): Message | null {
  const sender = t.txn.sender.toString();
  if (own.has(sender)) return message('warning_your_account', sender);
  if (t.authAddr !== undefined && own.has(t.authAddr)) return message('warning_rekeyed_account', sender, t.authAddr);
  return null;
}

const algos = (microAlgos: bigint) => ({ microAlgos: microAlgos.toString() });

const senderWarnings: Check = (t, own, ctx) => {
  const { txn } = t;
  const account = ownedAccount(t, own);
  if (account === null) return [];
  const sender = account;
  const found: Omit<Warning, 'index'>[] = [];
  if (txn.rekeyTo !== undefined) {
    found.push({
      kind: 'rekey',
      severity: 'danger',
      message: message('warning_rekey', sender, txn.rekeyTo.toString()),
    });
  }
  const closeTo = txn.payment?.closeRemainderTo;
  if (closeTo !== undefined) {
    found.push({
      kind: 'close-remainder',
      severity: 'danger',
      message: message('warning_close_remainder', sender, closeTo.toString()),
    });
  }
  const assetCloseTo = txn.assetTransfer?.closeRemainderTo;
  if (assetCloseTo !== undefined && txn.assetTransfer?.assetSender === undefined) {
    found.push({
      kind: 'asset-close',
      severity: 'danger',
      message: message('warning_asset_close', sender, txn.assetTransfer!.assetIndex.toString(), assetCloseTo.toString()),
    });
  }
  const threshold = feeThreshold(ctx);
  if (txn.fee > threshold) {
    found.push({
      kind: 'high-fee',
      severity: 'caution',
      message: message('warning_high_fee', sender, algos(txn.fee), algos(threshold)),
    });
  }
  return found;
};

const clawbackWarning: Check = ({ txn }, own) => {
  const target = txn.assetTransfer?.assetSender;
  if (target === undefined || !own.has(target.toString())) return [];
  const axfer = txn.assetTransfer!;
  return [
    {
      kind: 'clawback-from-user',
      severity: 'danger',
      message: message('warning_clawback', axfer.amount.toString(), axfer.assetIndex.toString(), target.toString(), axfer.receiver.toString()),
    },
  ];
};

const APP_WARNINGS: Partial<Record<algosdk.OnApplicationComplete, Omit<Warning, 'index' | 'message'> & { what: 'warning_app_delete' | 'warning_app_update' | 'warning_app_clear_state' }>> = {
  [algosdk.OnApplicationComplete.DeleteApplicationOC]: { kind: 'app-delete', severity: 'danger', what: 'warning_app_delete' },
  [algosdk.OnApplicationComplete.UpdateApplicationOC]: { kind: 'app-update', severity: 'danger', what: 'warning_app_update' },
  [algosdk.OnApplicationComplete.ClearStateOC]: { kind: 'app-clear-state', severity: 'caution', what: 'warning_app_clear_state' },
};

const appWarning: Check = (t, own) => {
  const appl = t.txn.applicationCall;
  const signer = t.signers[0];
  if (appl === undefined || signer === undefined || !own.has(signer)) return [];
  const warning = APP_WARNINGS[appl.onComplete];
  if (warning === undefined) return [];
  return [{ kind: warning.kind, severity: warning.severity, message: message(warning.what, appl.appIndex.toString()) }];
};

const foreignSignerWarning: Check = (t, own) => {
  if (t.signers.length > 0) return [];
  const account = ownedAccount(t, own);
  if (account !== null) {
    return [{ kind: 'foreign-signer', severity: 'caution', message: message('warning_not_signed_own', account) }];
  }
  return [
    {
      kind: 'foreign-signer',
      severity: 'caution',
      message: message('warning_not_signed_other', t.txn.sender.toString()),
    },
  ];
};

const networkWarning: Check = ({ txn }, _own, ctx) => {
  const hash = txn.genesisHash === undefined ? '' : toBase64(txn.genesisHash);
  if (hash === ctx.sessionGenesisHash) return [];
  const name = networkByGenesisHash(hash)?.name ?? (hash === '' ? message('warning_no_network') : message('warning_genesis_hash', hash));
  return [{ kind: 'wrong-network', severity: 'danger', message: message('warning_wrong_network', name) }];
};

const CHECKS: readonly Check[] = [senderWarnings, clawbackWarning, appWarning, foreignSignerWarning, networkWarning];

export function warningsFor(decoded: readonly DecodedTxn[], ctx: WarningContext): Warning[] {
  const own = new Set(ctx.ownAccounts);
  return decoded.flatMap((t) => CHECKS.flatMap((check) => check(t, own, ctx).map((w) => ({ index: t.index, ...w }))));
}
