/**
 * The type-specific half of a transaction description: one small function per transaction
 * type, chosen by an exhaustive switch (a new algosdk type is a compile error here).
 */
import * as algosdk from 'algosdk';
import { toBase64 } from '../encoding/base64';
import { toHex } from './bytes';
import type { DetailRow, OnCompleteName, TxnType } from './describe';
import { printableText, safeText } from './display-text';
import { t } from '../i18n';
import { formatAssetAmount, formatAlgos, formatCount, formatUnits } from './format';

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
  return { label, value: typeof value === 'boolean' ? (value ? t('value_yes') : t('value_no')) : String(value) };
}

/** Bytes as text when printable, else hex (for box names, arguments and the like). */
function bytesForDisplay(bytes: Uint8Array): string {
  if (bytes.length === 0) return t('value_empty');
  const text = printableText(bytes);
  return text === undefined ? `0x${toHex(bytes)}` : `"${text}"`;
}

function payment(pay: algosdk.PaymentTransactionFields): TypePart {
  const part: TypePart = {
    type: 'pay',
    title: t('title_payment'),
    receiver: pay.receiver.toString(),
    amount: formatAlgos(pay.amount),
    details: [],
  };
  if (pay.closeRemainderTo !== undefined) part.closeTo = pay.closeRemainderTo.toString();
  return part;
}

function assetTransferTitle(sender: string, axfer: algosdk.AssetTransferTransactionFields): string {
  if (axfer.assetSender !== undefined) return t('title_asset_clawback');
  if (axfer.closeRemainderTo !== undefined) return t('title_asset_opt_out');
  if (axfer.amount === 0n && axfer.receiver.toString() === sender) return t('title_asset_opt_in');
  return t('title_asset_transfer');
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
  if (axfer.assetSender !== undefined) part.details.push(row(t('detail_clawback_from'), axfer.assetSender.toString()));
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
  const roles: [string, algosdk.Address | undefined][] = [
    [t('detail_manager'), acfg.manager],
    [t('detail_reserve'), acfg.reserve],
    [t('detail_freeze'), acfg.freeze],
    [t('detail_clawback'), acfg.clawback],
  ];
  return roles.map(([label, address]) => row(label, address?.toString() ?? absent));
}

function assetConfig(acfg: algosdk.AssetConfigTransactionFields): TypePart {
  if (acfg.assetIndex === 0n) {
    const details = [
      row(t('detail_asset_name'), safeText(acfg.assetName ?? '')),
      row(t('detail_unit_name'), safeText(acfg.unitName ?? '')),
      row(t('detail_total_supply'), t('value_total_supply', formatUnits(acfg.total, acfg.decimals), acfg.total.toString())),
      row(t('detail_decimals'), acfg.decimals),
      row(t('detail_default_frozen'), acfg.defaultFrozen),
      row(t('detail_url'), safeText(acfg.assetURL ?? '')),
      ...roleRows(acfg, t('value_role_disabled')),
    ];
    if (acfg.assetMetadataHash !== undefined && acfg.assetMetadataHash.length > 0) {
      details.push(row(t('detail_metadata_hash'), toBase64(acfg.assetMetadataHash)));
    }
    return { type: 'acfg', title: t('title_asset_create'), details };
  }
  const assetId = acfg.assetIndex.toString();
  if (isDestroy(acfg)) return { type: 'acfg', title: t('title_asset_destroy'), assetId, details: [] };
  // A reconfiguration sets all four roles: an address left out is cleared for good.
  return { type: 'acfg', title: t('title_asset_reconfigure'), assetId, details: roleRows(acfg, t('value_role_cleared')) };
}

function assetFreeze(afrz: algosdk.AssetFreezeTransactionFields): TypePart {
  return {
    type: 'afrz',
    title: afrz.frozen ? t('title_asset_freeze') : t('title_asset_unfreeze'),
    assetId: afrz.assetIndex.toString(),
    details: [row(t('detail_account'), afrz.freezeAccount.toString()), row(t('detail_new_state'), afrz.frozen ? t('value_frozen') : t('value_not_frozen'))],
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
  return appIndex === 0n || appIndex === calledApp ? t('ref_this_app') : t('ref_app', appIndex.toString());
}

function resourceRef(ref: algosdk.TransactionResourceReference, calledApp: bigint): string {
  if (ref.address !== undefined) return t('ref_account', ref.address.toString());
  if (ref.appIndex !== undefined) return t('ref_app', ref.appIndex.toString());
  if (ref.assetIndex !== undefined) return t('ref_asset', ref.assetIndex.toString());
  if (ref.holding !== undefined) return t('ref_holding', ref.holding.assetIndex.toString(), ref.holding.address.toString());
  if (ref.locals !== undefined) return t('ref_locals', ref.locals.appIndex.toString(), ref.locals.address.toString());
  if (ref.box !== undefined) return t('ref_box', bytesForDisplay(ref.box.name), appName(ref.box.appIndex, calledApp));
  return t('ref_empty');
}

function listRow(label: string, items: readonly string[]): DetailRow[] {
  return items.length === 0 ? [] : [row(label, items.join(', '))];
}

function applicationCall(appl: algosdk.ApplicationTransactionFields): TypePart {
  const onComplete = ON_COMPLETE_NAMES[appl.onComplete];
  const creating = appl.appIndex === 0n;
  const details: DetailRow[] = [row(t('detail_arguments'), appl.appArgs.length)];
  const selector = appl.appArgs[0];
  if (selector !== undefined && selector.length === 4) details.push(row(t('detail_method_selector_arc_4'), `0x${toHex(selector)}`));
  details.push(
    ...listRow(t('detail_accounts'), appl.accounts.map((a) => a.toString())),
    ...listRow(t('detail_foreign_apps'), appl.foreignApps.map(String)),
    ...listRow(t('detail_foreign_assets'), appl.foreignAssets.map(String)),
    ...listRow(t('detail_boxes'), appl.boxes.map((b) => t('ref_box_of', bytesForDisplay(b.name), appName(b.appIndex, appl.appIndex)))),
    ...listRow(t('detail_resource_access_list'), appl.access.map((ref) => resourceRef(ref, appl.appIndex))),
  );
  if (appl.approvalProgram.length > 0) details.push(row(t('detail_approval_program'), t('value_bytes', formatCount(appl.approvalProgram.length))));
  if (appl.clearProgram.length > 0) details.push(row(t('detail_clear_state_program'), t('value_bytes', formatCount(appl.clearProgram.length))));
  if (creating) {
    details.push(
      row(t('detail_global_state'), t('value_state_schema', appl.numGlobalInts.toString(), appl.numGlobalByteSlices.toString())),
      row(t('detail_local_state'), t('value_state_schema', appl.numLocalInts.toString(), appl.numLocalByteSlices.toString())),
      row(t('detail_extra_pages'), appl.extraPages),
    );
  }
  if (appl.rejectVersion !== 0) details.push(row(t('detail_reject_if_app_version_is_at_least'), appl.rejectVersion));
  const part: TypePart = {
    type: 'appl',
    title: creating ? t('title_application_create') : t('title_application_call', onComplete),
    onComplete,
    details,
  };
  if (!creating) part.appId = appl.appIndex.toString();
  return part;
}

function keyRegistration(keyreg: algosdk.KeyRegistrationTransactionFields): TypePart {
  if (keyreg.nonParticipation) {
    return { type: 'keyreg', title: t('title_keyreg_nonpart'), details: [] };
  }
  if (keyreg.voteKey === undefined) return { type: 'keyreg', title: t('title_keyreg_offline'), details: [] };
  const details = [
    row(t('detail_vote_key'), toBase64(keyreg.voteKey)),
    row(t('detail_selection_key'), keyreg.selectionKey === undefined ? t('common_none') : toBase64(keyreg.selectionKey)),
    row(t('detail_state_proof_key'), keyreg.stateProofKey === undefined ? t('common_none') : toBase64(keyreg.stateProofKey)),
    row(t('detail_vote_first_round'), keyreg.voteFirst ?? 0n),
    row(t('detail_vote_last_round'), keyreg.voteLast ?? 0n),
    row(t('detail_key_dilution'), keyreg.voteKeyDilution ?? 0n),
  ];
  return { type: 'keyreg', title: t('title_keyreg_online'), details };
}

function stateProof(stpf: algosdk.StateProofTransactionFields): TypePart {
  const details = [row(t('detail_state_proof_type'), stpf.stateProofType)];
  if (stpf.message !== undefined) {
    details.push(row(t('detail_attested_rounds'), t('value_rounds', stpf.message.firstAttestedRound.toString(), stpf.message.lastAttestedRound.toString())));
  }
  return { type: 'stpf', title: t('title_state_proof'), details };
}

function heartbeat(hb: algosdk.HeartbeatTransactionFields): TypePart {
  const details = [
    row(t('detail_account'), hb.address.toString()),
    row(t('detail_key_dilution'), hb.keyDilution),
    row(t('detail_vote_id'), toBase64(hb.voteID)),
    row(t('detail_seed'), toHex(hb.seed)),
  ];
  if (hb.challengeDiscount) details.push(row(t('detail_challenge_discount'), true));
  return { type: 'hb', title: t('title_heartbeat'), details };
}
