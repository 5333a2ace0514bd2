/** One decoded transaction. Pure view; all strings rendered as text. */
import { useState } from 'react';
import { toHex } from '@/lib/algorand/bytes';
import type { NoteDescription, TxnDescription } from '@/lib/algorand/describe';
import { unmarkText } from '@/lib/algorand/display-text';
import type { Warning } from '@/lib/algorand/warnings';
import { AddressView } from './AddressView';
import { MarkedText } from './MarkedText';
import { testIds } from './test-ids';

/** Rows whose address is what the user must check: shown in full, never shortened. */
const FULL_ADDRESS_ROWS = new Set(['Rekey to', 'Close to', 'Clawback from']);

const isAddress = (value: string) => value.length === 58 && /^[A-Z2-7]+$/.test(value);

/** A text note's exact bytes in hex: the marks are read back into the characters they stand for. */
function noteHex(note: NoteDescription): string {
  return `0x${note.hex ?? toHex(new TextEncoder().encode(unmarkText(note.text)))}`;
}

const BADGE_TEXT: Record<Warning['kind'], string> = {
  rekey: 'Rekey',
  'close-remainder': 'Closes account',
  'asset-close': 'Closes asset',
  'high-fee': 'High fee',
  'clawback-from-user': 'Clawback',
  'app-delete': 'Deletes app',
  'app-update': 'Updates app',
  'app-clear-state': 'Clears app state',
  'foreign-signer': 'Not your account',
  'wrong-network': 'Wrong network',
};

/** `amount`: the amount as the network names it (asset unit, name, decimals), when known; `mark`: a note for the header. */
export function TxnCard({ description: d, warnings = [], amount, mark }: { description: TxnDescription; warnings?: Warning[]; amount?: string; mark?: string }) {
  const [noteAsHex, setNoteAsHex] = useState(false);
  const rows: [string, string][] = [['From', d.sender]];
  if (d.receiver) rows.push(['To', d.receiver]);
  if (amount ?? d.amount) rows.push(['Amount', amount ?? d.amount!]);
  rows.push(['Fee', d.fee]);
  if (d.assetId) rows.push(['Asset', d.assetId]);
  if (d.appId) rows.push(['Application', d.appId]);
  if (d.closeTo) rows.push(['Close to', d.closeTo]);
  if (d.rekeyTo) rows.push(['Rekey to', d.rekeyTo]);
  if (d.note) rows.push(['Note', d.note.text === undefined || noteAsHex ? noteHex(d.note) : d.note.text]);
  if (d.lease) rows.push(['Lease', d.lease]);
  for (const detail of d.details) rows.push([detail.label, detail.value]);
  rows.push(['Network', d.networkName ?? d.genesisId]);
  // ARC-0001 lets the site describe its request; its words are shown as the site's, never as Tandem's.
  if (d.dappGroupMessage) rows.push(["Site's group message", d.dappGroupMessage]);
  if (d.dappMessage) rows.push(["Site's message", d.dappMessage]);
  const flagged = warnings.length > 0;
  return (
    <article className={`txn ${flagged ? 'flagged' : ''}`} data-testid={testIds.txn} data-type={d.type} aria-label={`Transaction ${d.index + 1}: ${d.title}`}>
      <header>
        <strong data-testid={testIds.txnTitle}>{d.title}</strong>
        <span className="muted">
          {d.group ? `${d.group.position} of ${d.group.size} in group` : `#${d.index + 1}`}
          {mark === undefined && d.signer === null ? ' · signed by someone else' : ''}
          {mark !== undefined && <span data-testid={testIds.txnMark}>{` · ${mark}`}</span>}
        </span>
        {flagged && (
          <span className="txn-badges">
            {[...new Map(warnings.map((w) => [w.kind, w])).values()].map((w) => (
              <span key={w.kind} className={`txn-badge ${w.severity}`} data-testid={testIds.txnBadge} data-kind={w.kind}>
                {BADGE_TEXT[w.kind]}
              </span>
            ))}
          </span>
        )}
      </header>
      <dl>
        {rows.map(([label, value], i) => (
          <div key={i} className="kv">
            <dt>{label}</dt>
            <dd className={`mono ${FULL_ADDRESS_ROWS.has(label) || label === 'Note' || label.startsWith("Site's") ? 'wrap' : ''} ${label === 'Amount' ? 'amount' : ''}`} title={value} data-testid={label === 'Amount' ? testIds.txnAmount : undefined}>
              {isAddress(value) ? <AddressView address={value} full={FULL_ADDRESS_ROWS.has(label)} /> : <MarkedText text={value} />}
            </dd>
          </div>
        ))}
      </dl>
      {/* Hex is the default only for a note that is not UTF-8; a text note can be checked byte by byte. */}
      {d.note?.text !== undefined && (
        <button type="button" className="small" aria-pressed={noteAsHex} data-testid={testIds.noteAsHex} onClick={() => setNoteAsHex((v) => !v)}>
          Note as hex
        </button>
      )}
    </article>
  );
}
