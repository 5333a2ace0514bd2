/**
 * Warnings for the approval window (ARC-0001 "Inputs that Warrant Display of Warnings"),
 * raised only where one of the user's own accounts is affected: a rekey or close of someone
 * else's account elsewhere in the group is that party's business, and warning about it would
 * teach users to ignore warnings.
 */
import * as algosdk from 'algosdk';
import { toBase64 } from '../encoding/base64';
import type { DecodedTxn } from './decode';
import { formatAlgos } from './format';
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
  message: string;
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
function ownedAccount(t: DecodedTxn, own: ReadonlySet<string>): string | null {
  const sender = t.txn.sender.toString();
  if (own.has(sender)) return `your account ${sender}`;
  if (t.authAddr !== undefined && own.has(t.authAddr)) return `the account ${sender} (your key ${t.authAddr} signs for it)`;
  return null;
}

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
      message: `Rekeys ${sender} to ${txn.rekeyTo.toString()}: from then on only that account's key can spend from it.`,
    });
  }
  const closeTo = txn.payment?.closeRemainderTo;
  if (closeTo !== undefined) {
    found.push({
      kind: 'close-remainder',
      severity: 'danger',
      message: `Closes ${sender}: ALL its remaining ALGO goes to ${closeTo.toString()}.`,
    });
  }
  const assetCloseTo = txn.assetTransfer?.closeRemainderTo;
  if (assetCloseTo !== undefined && txn.assetTransfer?.assetSender === undefined) {
    found.push({
      kind: 'asset-close',
      severity: 'danger',
      message: `Opts ${sender} out of asset ${txn.assetTransfer!.assetIndex}: ALL its remaining units go to ${assetCloseTo.toString()}.`,
    });
  }
  const threshold = feeThreshold(ctx);
  if (txn.fee > threshold) {
    found.push({
      kind: 'high-fee',
      severity: 'caution',
      message: `${sender.charAt(0).toUpperCase()}${sender.slice(1)} pays a fee of ${formatAlgos(txn.fee)}, more than ${formatAlgos(threshold)}.`,
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
      message: `Claws back ${axfer.amount} base units of asset ${axfer.assetIndex} from your account ${target.toString()} to ${axfer.receiver.toString()}.`,
    },
  ];
};

const APP_WARNINGS: Partial<Record<algosdk.OnApplicationComplete, Omit<Warning, 'index' | 'message'> & { what: string }>> = {
  [algosdk.OnApplicationComplete.DeleteApplicationOC]: { kind: 'app-delete', severity: 'danger', what: 'Deletes' },
  [algosdk.OnApplicationComplete.UpdateApplicationOC]: {
    kind: 'app-update',
    severity: 'danger',
    what: 'Replaces the programs of',
  },
  [algosdk.OnApplicationComplete.ClearStateOC]: {
    kind: 'app-clear-state',
    severity: 'caution',
    what: 'Clears your local state (and anything the app kept there for you) in',
  },
};

const appWarning: Check = (t, own) => {
  const appl = t.txn.applicationCall;
  const signer = t.signers[0];
  if (appl === undefined || signer === undefined || !own.has(signer)) return [];
  const warning = APP_WARNINGS[appl.onComplete];
  if (warning === undefined) return [];
  return [{ kind: warning.kind, severity: warning.severity, message: `${warning.what} application ${appl.appIndex}.` }];
};

const foreignSignerWarning: Check = (t, own) => {
  if (t.signers.length > 0) return [];
  if (ownedAccount(t, own) !== null) {
    return [
      {
        kind: 'foreign-signer',
        severity: 'caution',
        message: `Not signed: the site asked for no signature on this transaction of ${ownedAccount(t, own)}. It is not sent to your phone.`,
      },
    ];
  }
  return [
    {
      kind: 'foreign-signer',
      severity: 'caution',
      message: `Not signed by you: ${t.txn.sender.toString()} or a program must authorize it. It is shown so you can see the whole exchange.`,
    },
  ];
};

const networkWarning: Check = ({ txn }, _own, ctx) => {
  const hash = txn.genesisHash === undefined ? '' : toBase64(txn.genesisHash);
  if (hash === ctx.sessionGenesisHash) return [];
  const name = networkByGenesisHash(hash)?.name ?? (hash === '' ? 'no network' : `genesis hash ${hash}`);
  return [{ kind: 'wrong-network', severity: 'danger', message: `Made for ${name}, not for this session's network.` }];
};

const CHECKS: readonly Check[] = [senderWarnings, clawbackWarning, appWarning, foreignSignerWarning, networkWarning];

export function warningsFor(decoded: readonly DecodedTxn[], ctx: WarningContext): Warning[] {
  const own = new Set(ctx.ownAccounts);
  return decoded.flatMap((t) => CHECKS.flatMap((check) => check(t, own, ctx).map((w) => ({ index: t.index, ...w }))));
}
