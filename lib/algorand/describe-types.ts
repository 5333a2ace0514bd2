/**
 * The type-specific half of a transaction description: one small function per transaction
 * type, chosen by an exhaustive switch (a new algosdk type is a compile error here).
 */
import * as algosdk from 'algosdk';
import { toBase64 } from '../encoding/base64';
import { toHex } from './bytes';
import type { DetailRow, OnCompleteName, TxnType } from './describe';
import { printableText, safeText } from './display-text';
import { formatAssetAmount, formatAlgos, formatUnits } from './format';

export interface TypePart {
  type: TxnType;
  title: string;
  receiver?: string;
  amount?: string;
  assetId?: string;
  appId?: string;
  onComplete?: OnCompleteName;
  closeTo?: string;
  details: DetailRow[];
}

type Decimals = Readonly<Record<string, number>>;

export function typeSpecificPart(txn: algosdk.Transaction, decimals: Decimals): TypePart {
  switch (txn.type) {
    case algosdk.TransactionType.pay:
      return payment(txn.payment!);
    case algosdk.TransactionType.axfer:
      return assetTransfer(txn.sender.toString(), txn.assetTransfer!, decimals);
    case algosdk.TransactionType.acfg:
      return assetConfig(txn.assetConfig!);
    case algosdk.TransactionType.afrz:
      return assetFreeze(txn.assetFreeze!);
    case algosdk.TransactionType.appl:
      return applicationCall(txn.applicationCall!);
    case algosdk.TransactionType.keyreg:
      return keyRegistration(txn.keyreg!);
    case algosdk.TransactionType.stpf:
      return stateProof(txn.stateProof!);
    case algosdk.TransactionType.hb:
      return heartbeat(txn.heartbeat!);
    default: {
      const unknownType: never = txn.type;
      throw new Error(`unknown transaction type ${String(unknownType)}`);
    }
  }
}

function row(label: string, value: string | number | bigint | boolean): DetailRow {
  return { label, value: typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value) };
}

/** Bytes as text when printable, else hex (for box names, arguments and the like). */
function bytesForDisplay(bytes: Uint8Array): string {
  if (bytes.length === 0) return '(empty)';
  const text = printableText(bytes);
  return text === undefined ? `0x${toHex(bytes)}` : `"${text}"`;
}

function payment(pay: algosdk.PaymentTransactionFields): TypePart {
  const part: TypePart = {
    type: 'pay',
    title: 'Payment',
    receiver: pay.receiver.toString(),
    amount: formatAlgos(pay.amount),
    details: [],
  };
  if (pay.closeRemainderTo !== undefined) part.closeTo = pay.closeRemainderTo.toString();
  return part;
}

function assetTransferTitle(sender: string, axfer: algosdk.AssetTransferTransactionFields): string {
  if (axfer.assetSender !== undefined) return 'Asset clawback';
  if (axfer.closeRemainderTo !== undefined) return 'Asset opt-out';
  if (axfer.amount === 0n && axfer.receiver.toString() === sender) return 'Asset opt-in';
  return 'Asset transfer';
}

function assetTransfer(sender: string, axfer: algosdk.AssetTransferTransactionFields, decimals: Decimals): TypePart {
  const assetId = axfer.assetIndex.toString();
  const part: TypePart = {
    type: 'axfer',
    title: assetTransferTitle(sender, axfer),
    receiver: axfer.receiver.toString(),
    amount: formatAssetAmount(axfer.amount, axfer.assetIndex, decimals[assetId]),
    assetId,
    details: [],
  };
  if (axfer.closeRemainderTo !== undefined) part.closeTo = axfer.closeRemainderTo.toString();
  if (axfer.assetSender !== undefined) part.details.push(row('Clawback from', axfer.assetSender.toString()));
  return part;
}

/** An asset config with all-zero parameters destroys the asset (the protocol's own test). */
function isDestroy(acfg: algosdk.AssetConfigTransactionFields): boolean {
  return (
    acfg.total === 0n &&
    acfg.decimals === 0 &&
    !acfg.defaultFrozen &&
    [acfg.manager, acfg.reserve, acfg.freeze, acfg.clawback].every((a) => a === undefined) &&
    [acfg.unitName, acfg.assetName, acfg.assetURL].every((s) => s === undefined || s === '') &&
    (acfg.assetMetadataHash === undefined || acfg.assetMetadataHash.length === 0)
  );
}

function roleRows(acfg: algosdk.AssetConfigTransactionFields, absent: string): DetailRow[] {
  const roles = { Manager: acfg.manager, Reserve: acfg.reserve, Freeze: acfg.freeze, Clawback: acfg.clawback };
  return Object.entries(roles).map(([label, address]) => row(label, address?.toString() ?? absent));
}

function assetConfig(acfg: algosdk.AssetConfigTransactionFields): TypePart {
  if (acfg.assetIndex === 0n) {
    const details = [
      row('Asset name', safeText(acfg.assetName ?? '')),
      row('Unit name', safeText(acfg.unitName ?? '')),
      row('Total supply', `${formatUnits(acfg.total, acfg.decimals)} (${acfg.total} base units)`),
      row('Decimals', acfg.decimals),
      row('Default frozen', acfg.defaultFrozen),
      row('URL', safeText(acfg.assetURL ?? '')),
      ...roleRows(acfg, 'none (disabled for good)'),
    ];
    if (acfg.assetMetadataHash !== undefined && acfg.assetMetadataHash.length > 0) {
      details.push(row('Metadata hash', toBase64(acfg.assetMetadataHash)));
    }
    return { type: 'acfg', title: 'Asset create', details };
  }
  const assetId = acfg.assetIndex.toString();
  if (isDestroy(acfg)) return { type: 'acfg', title: 'Asset destroy', assetId, details: [] };
  // A reconfiguration sets all four roles: an address left out is cleared for good.
  return { type: 'acfg', title: 'Asset reconfigure', assetId, details: roleRows(acfg, 'none (cleared for good)') };
}

function assetFreeze(afrz: algosdk.AssetFreezeTransactionFields): TypePart {
  return {
    type: 'afrz',
    title: afrz.frozen ? 'Asset freeze' : 'Asset unfreeze',
    assetId: afrz.assetIndex.toString(),
    details: [row('Account', afrz.freezeAccount.toString()), row('New state', afrz.frozen ? 'frozen' : 'not frozen')],
  };
}

const ON_COMPLETE_NAMES: Record<algosdk.OnApplicationComplete, OnCompleteName> = {
  [algosdk.OnApplicationComplete.NoOpOC]: 'NoOp',
  [algosdk.OnApplicationComplete.OptInOC]: 'OptIn',
  [algosdk.OnApplicationComplete.CloseOutOC]: 'CloseOut',
  [algosdk.OnApplicationComplete.ClearStateOC]: 'ClearState',
  [algosdk.OnApplicationComplete.UpdateApplicationOC]: 'UpdateApplication',
  [algosdk.OnApplicationComplete.DeleteApplicationOC]: 'DeleteApplication',
};

/** Box and access references name the called app as app 0. */
function appName(appIndex: bigint, calledApp: bigint): string {
  return appIndex === 0n || appIndex === calledApp ? 'this app' : `app ${appIndex}`;
}

function resourceRef(ref: algosdk.TransactionResourceReference, calledApp: bigint): string {
  if (ref.address !== undefined) return `account ${ref.address.toString()}`;
  if (ref.appIndex !== undefined) return `app ${ref.appIndex}`;
  if (ref.assetIndex !== undefined) return `asset ${ref.assetIndex}`;
  if (ref.holding !== undefined) return `holding of asset ${ref.holding.assetIndex} by ${ref.holding.address.toString()}`;
  if (ref.locals !== undefined) return `local state of app ${ref.locals.appIndex} for ${ref.locals.address.toString()}`;
  if (ref.box !== undefined) return `box ${bytesForDisplay(ref.box.name)} of ${appName(ref.box.appIndex, calledApp)}`;
  return 'empty reference';
}

function listRow(label: string, items: readonly string[]): DetailRow[] {
  return items.length === 0 ? [] : [row(label, items.join(', '))];
}

function applicationCall(appl: algosdk.ApplicationTransactionFields): TypePart {
  const onComplete = ON_COMPLETE_NAMES[appl.onComplete];
  const creating = appl.appIndex === 0n;
  const details: DetailRow[] = [row('Arguments', appl.appArgs.length)];
  const selector = appl.appArgs[0];
  if (selector !== undefined && selector.length === 4) details.push(row('Method selector (ARC-4)', `0x${toHex(selector)}`));
  details.push(
    ...listRow('Accounts', appl.accounts.map((a) => a.toString())),
    ...listRow('Foreign apps', appl.foreignApps.map(String)),
    ...listRow('Foreign assets', appl.foreignAssets.map(String)),
    ...listRow('Boxes', appl.boxes.map((b) => `${bytesForDisplay(b.name)} of ${appName(b.appIndex, appl.appIndex)}`)),
    ...listRow('Resource access list', appl.access.map((ref) => resourceRef(ref, appl.appIndex))),
  );
  if (appl.approvalProgram.length > 0) details.push(row('Approval program', `${appl.approvalProgram.length} bytes`));
  if (appl.clearProgram.length > 0) details.push(row('Clear-state program', `${appl.clearProgram.length} bytes`));
  if (creating) {
    details.push(
      row('Global state', `${appl.numGlobalInts} ints, ${appl.numGlobalByteSlices} byte slices`),
      row('Local state', `${appl.numLocalInts} ints, ${appl.numLocalByteSlices} byte slices`),
      row('Extra pages', appl.extraPages),
    );
  }
  if (appl.rejectVersion !== 0) details.push(row('Reject if app version is at least', appl.rejectVersion));
  const part: TypePart = {
    type: 'appl',
    title: creating ? 'Application create' : `Application call (${onComplete})`,
    onComplete,
    details,
  };
  if (!creating) part.appId = appl.appIndex.toString();
  return part;
}

function keyRegistration(keyreg: algosdk.KeyRegistrationTransactionFields): TypePart {
  if (keyreg.nonParticipation) {
    return { type: 'keyreg', title: 'Key registration (non-participating)', details: [] };
  }
  if (keyreg.voteKey === undefined) return { type: 'keyreg', title: 'Key registration (offline)', details: [] };
  const details = [
    row('Vote key', toBase64(keyreg.voteKey)),
    row('Selection key', keyreg.selectionKey === undefined ? 'none' : toBase64(keyreg.selectionKey)),
    row('State proof key', keyreg.stateProofKey === undefined ? 'none' : toBase64(keyreg.stateProofKey)),
    row('Vote first round', keyreg.voteFirst ?? 0n),
    row('Vote last round', keyreg.voteLast ?? 0n),
    row('Key dilution', keyreg.voteKeyDilution ?? 0n),
  ];
  return { type: 'keyreg', title: 'Key registration (online)', details };
}

function stateProof(stpf: algosdk.StateProofTransactionFields): TypePart {
  const details = [row('State proof type', stpf.stateProofType)];
  if (stpf.message !== undefined) {
    details.push(row('Attested rounds', `${stpf.message.firstAttestedRound} to ${stpf.message.lastAttestedRound}`));
  }
  return { type: 'stpf', title: 'State proof', details };
}

function heartbeat(hb: algosdk.HeartbeatTransactionFields): TypePart {
  const details = [
    row('Account', hb.address.toString()),
    row('Key dilution', hb.keyDilution),
    row('Vote ID', toBase64(hb.voteID)),
    row('Seed', toHex(hb.seed)),
  ];
  if (hb.challengeDiscount) details.push(row('Challenge discount', true));
  return { type: 'hb', title: 'Heartbeat', details };
}
