/**
 * A decoded transaction as the approval window shows it. The result is plain JSON (it is
 * kept in `storage.session` and rendered by React): addresses and numbers are strings (uint64
 * values exceed 2^53), every text that came from the dApp has its bidi and invisible
 * characters marked (display-text.ts), and the UI renders all of it as text, never as HTML.
 */
import { toBase64 } from '../encoding/base64';
import { toHex } from './bytes';
import type { DecodedTxn, GroupPosition } from './decode';
import { typeSpecificPart, type TypePart } from './describe-types';
import { safeText, utf8Text } from './display-text';
import { formatAlgos } from './format';
import { t as translate } from '../i18n';
import { networkByGenesisHash } from './networks';

export type TxnType = 'pay' | 'axfer' | 'acfg' | 'afrz' | 'appl' | 'keyreg' | 'stpf' | 'hb';

export type OnCompleteName =
  | 'NoOp'
  | 'OptIn'
  | 'CloseOut'
  | 'ClearState'
  | 'UpdateApplication'
  | 'DeleteApplication';

export interface DetailRow {
  label: string;
  value: string;
}

/**
 * The note as text (`safeText`: bidi and invisible characters marked) when it is valid UTF-8, else
 * as hex: never both. A queued request stores its descriptions in storage.session under a byte
 * budget; a note kept as text and hex took three times its size there. The view derives the hex
 * of a text note when asked (`unmarkText` gives back the exact text, so its UTF-8 is the note).
 */
export type NoteDescription = { text: string; hex?: never } | { hex: string; text?: never };

export interface TxnDescription {
  index: number;
  type: TxnType;
  title: string;
  sender: string;
  /** The sender is one of the user's accounts. */
  senderIsOwn: boolean;
  receiver?: string;
  /** "1.500000 ALGO", "250 of asset 31566704". */
  amount?: string;
  assetId?: string;
  appId?: string;
  onComplete?: OnCompleteName;
  /** "0.001000 ALGO". */
  fee: string;
  note?: NoteDescription;
  /** Standard base64. */
  lease?: string;
  rekeyTo?: string;
  /** Close-remainder-to (payments) or asset close-to (asset transfers). */
  closeTo?: string;
  group?: GroupPosition;
  /** Escaped for display; "" when absent. */
  genesisId: string;
  /** Standard base64; "" when absent. */
  genesisHash: string;
  /** The network's name when the genesis hash is a known one. */
  networkName?: string;
  firstValid: string;
  lastValid: string;
  txId: string;
  /** Who signs it through this wallet; null when the dApp asked for no signature. */
  signer: string | null;
  details: DetailRow[];
  /** The dApp's own words (ARC-0001 `message`, `groupMessage`), marked and cut to 500 characters: untrusted. */
  dappMessage?: string;
  dappGroupMessage?: string;
}

const MAX_DAPP_MESSAGE = 500;

function dappText(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  const chars = [...text];
  const cut = chars.length > MAX_DAPP_MESSAGE ? `${chars.slice(0, MAX_DAPP_MESSAGE).join('')}…` : text;
  return safeText(cut);
}

export interface DescribeContext {
  ownAccounts: readonly string[];
  /** The session's network, used to name a hash that is not one of the presets (LocalNet). */
  network?: { genesisHash: string; name: string };
  /** Known asset decimals by asset id (decimal string); without them amounts stay in base units. */
  assetDecimals?: Readonly<Record<string, number>>;
}

function describeNote(note: Uint8Array): NoteDescription | undefined {
  if (note.length === 0) return undefined;
  const text = utf8Text(note);
  return text === undefined ? { hex: toHex(note) } : { text };
}

function networkName(genesisHash: string, ctx: DescribeContext): string | undefined {
  if (genesisHash === '') return undefined;
  if (ctx.network?.genesisHash === genesisHash) return ctx.network.name;
  return networkByGenesisHash(genesisHash)?.name;
}

/** Copies the optional fields that are set, so the result has no `undefined` values in it. */
function withOptional<T extends object>(target: T, optional: Partial<T>): T {
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
  return target;
}

export function describeTransaction(t: DecodedTxn, ctx: DescribeContext): TxnDescription {
  const { txn } = t;
  const part: TypePart = typeSpecificPart(txn, ctx.assetDecimals ?? {});
  const sender = txn.sender.toString();
  const genesisHash = txn.genesisHash === undefined ? '' : toBase64(txn.genesisHash);
  const details = [...part.details];
  if (t.authAddr !== undefined && t.signers.length > 0) {
    details.push({ label: translate('detail_signed_by_auth'), value: t.authAddr });
  }
  const description: TxnDescription = {
    index: t.index,
    type: part.type,
    title: part.title,
    sender,
    senderIsOwn: ctx.ownAccounts.includes(sender),
    fee: formatAlgos(txn.fee),
    genesisId: safeText(txn.genesisID ?? ''),
    genesisHash,
    firstValid: txn.firstValid.toString(),
    lastValid: txn.lastValid.toString(),
    txId: t.txId,
    signer: t.signers[0] ?? null,
    details,
  };
  return withOptional(description, {
    receiver: part.receiver,
    amount: part.amount,
    assetId: part.assetId,
    appId: part.appId,
    onComplete: part.onComplete,
    note: describeNote(txn.note),
    lease: txn.lease === undefined || txn.lease.length === 0 ? undefined : toBase64(txn.lease),
    rekeyTo: txn.rekeyTo?.toString(),
    closeTo: part.closeTo,
    group: t.group === undefined ? undefined : { ...t.group },
    networkName: networkName(genesisHash, ctx),
    dappMessage: dappText(t.message),
    dappGroupMessage: dappText(t.groupMessage),
  });
}

export function describeTransactions(decoded: readonly DecodedTxn[], ctx: DescribeContext): TxnDescription[] {
  return decoded.map((t) => describeTransaction(t, ctx));
}
