/** One decoded transaction. Pure view; all strings rendered as text. */
import { t, type MessageKey } from '@/lib/i18n';
import { formatCount } from '@/lib/algorand/format';
import { useState } from 'react';
import { toHex } from '@/lib/algorand/bytes';
import type { NoteDescription, TxnDescription } from '@/lib/algorand/describe';
import { unmarkText } from '@/lib/algorand/display-text';
import type { Warning } from '@/lib/algorand/warnings';
import { AddressView } from './AddressView';
import { MarkedText } from './MarkedText';
import { testIds } from './test-ids';

/**
 * How a row shows its value: `full`, an address that is what the user must check (shown whole,
 * never shortened); `wrap`, long text that wraps; `amount`, the amount.
 */
type RowLook = 'full' | 'wrap' | 'amount' | 'plain';
/** Detail rows (lib/algorand/describe-types.ts) whose address is shown whole. */
const FULL_ADDRESS_DETAILS: readonly MessageKey[] = ['detail_clawback_from'];

const isAddress = (value: string) => value.length === 58 && /^[A-Z2-7]+$/.test(value);

/** A text note's exact bytes in hex: the marks are read back into the characters they stand for. */
function noteHex(note: NoteDescription): string {
  return `0x${note.hex ?? toHex(new TextEncoder().encode(unmarkText(note.text)))}`;
}

const BADGE_TEXT: Record<Warning['kind'], MessageKey> = {
  rekey: 'badge_rekey',
  'close-remainder': 'badge_close_remainder',
  'asset-close': 'badge_asset_close',
  'high-fee': 'badge_high_fee',
  'clawback-from-user': 'badge_clawback',
  'app-delete': 'badge_app_delete',
  'app-update': 'badge_app_update',
  'app-clear-state': 'badge_app_clear_state',
  'foreign-signer': 'badge_foreign_signer',
  'wrong-network': 'badge_wrong_network',
};

/** `amount`: the amount as the network names it (asset unit, name, decimals), when known; `mark`: a note for the header. */
export function TxnCard({ description: d, warnings = [], amount, mark }: { description: TxnDescription; warnings?: Warning[]; amount?: string; mark?: string }) {
  const [noteAsHex, setNoteAsHex] = useState(false);
  const rows: [string, string, RowLook][] = [[t('row_from'), d.sender, 'plain']];
  if (d.receiver) rows.push([t('row_to'), d.receiver, 'plain']);
  if (amount ?? d.amount) rows.push([t('row_amount'), amount ?? d.amount!, 'amount']);
  rows.push([t('row_fee'), d.fee, 'plain']);
  if (d.assetId) rows.push([t('row_asset'), d.assetId, 'plain']);
  if (d.appId) rows.push([t('row_application'), d.appId, 'plain']);
  if (d.closeTo) rows.push([t('row_close_to'), d.closeTo, 'full']);
  if (d.rekeyTo) rows.push([t('row_rekey_to'), d.rekeyTo, 'full']);
  if (d.note) rows.push([t('row_note'), d.note.text === undefined || noteAsHex ? noteHex(d.note) : d.note.text, 'wrap']);
  if (d.lease) rows.push([t('row_lease'), d.lease, 'plain']);
  for (const detail of d.details) rows.push([detail.label, detail.value, FULL_ADDRESS_DETAILS.some((key) => t(key) === detail.label) ? 'full' : 'plain']);
  rows.push([t('row_network'), d.networkName ?? d.genesisId, 'plain']);
  // ARC-0001 lets the site describe its request; its words are shown as the site's, never as Tandem's.
  if (d.dappGroupMessage) rows.push([t('row_site_group_message'), d.dappGroupMessage, 'wrap']);
  if (d.dappMessage) rows.push([t('row_site_message'), d.dappMessage, 'wrap']);
  const flagged = warnings.length > 0;
  return (
    <article className={`txn ${flagged ? 'flagged' : ''}`} data-testid={testIds.txn} data-type={d.type} aria-label={t('txn_label', formatCount(d.index + 1), d.title)}>
      <header>
        <strong data-testid={testIds.txnTitle}>{d.title}</strong>
        <span className="muted">
          {d.group ? t('txn_group_position', formatCount(d.group.position), formatCount(d.group.size)) : t('txn_number', formatCount(d.index + 1))}
          {mark === undefined && d.signer === null ? t('txn_signed_by_other') : ''}
          {mark !== undefined && <span data-testid={testIds.txnMark}>{t('txn_mark', mark)}</span>}
        </span>
        {flagged && (
          <span className="txn-badges">
            {[...new Map(warnings.map((w) => [w.kind, w])).values()].map((w) => (
              <span key={w.kind} className={`txn-badge ${w.severity}`} data-testid={testIds.txnBadge} data-kind={w.kind}>
                {t(BADGE_TEXT[w.kind])}
              </span>
            ))}
          </span>
        )}
      </header>
      <dl>
        {rows.map(([label, value, look], i) => (
          <div key={i} className="kv">
            <dt>{label}</dt>
            <dd className={`mono ${look === 'full' || look === 'wrap' ? 'wrap' : ''} ${look === 'amount' ? 'amount' : ''}`} title={value} data-testid={look === 'amount' ? testIds.txnAmount : undefined}>
              {isAddress(value) ? <AddressView address={value} full={look === 'full'} /> : <MarkedText text={value} />}
            </dd>
          </div>
        ))}
      </dl>
      {/* Hex is the default only for a note that is not UTF-8; a text note can be checked byte by byte. */}
      {d.note?.text !== undefined && (
        <button type="button" className="small" aria-pressed={noteAsHex} data-testid={testIds.noteAsHex} onClick={() => setNoteAsHex((v) => !v)}>
          {t('txn_note_as_hex')}
        </button>
      )}
    </article>
  );
}
