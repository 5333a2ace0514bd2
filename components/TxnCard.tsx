/** One decoded transaction. Pure view; all strings rendered as text. */
import type { TxnDescription } from '@/lib/algorand/describe';
import { shortAddress } from './format';
import { testIds } from './test-ids';

/** `amount`: the amount as the network names it (asset unit, name, decimals), when known. */
export function TxnCard({ description: d, flagged, amount }: { description: TxnDescription; flagged: boolean; amount?: string }) {
  const rows: [string, string][] = [['From', d.sender]];
  if (d.receiver) rows.push(['To', d.receiver]);
  if (amount ?? d.amount) rows.push(['Amount', amount ?? d.amount!]);
  rows.push(['Fee', d.fee]);
  if (d.assetId) rows.push(['Asset', d.assetId]);
  if (d.appId) rows.push(['Application', d.appId]);
  if (d.closeTo) rows.push(['Close to', d.closeTo]);
  if (d.rekeyTo) rows.push(['Rekey to', d.rekeyTo]);
  if (d.note) rows.push(['Note', d.note.text ?? `0x${d.note.hex}`]);
  if (d.lease) rows.push(['Lease', d.lease]);
  for (const detail of d.details) rows.push([detail.label, detail.value]);
  rows.push(['Network', d.networkName ?? d.genesisId]);
  // ARC-0001 lets the site describe its request; its words are shown as the site's, never as Tandem's.
  if (d.dappGroupMessage) rows.push(["Site's group message", d.dappGroupMessage]);
  if (d.dappMessage) rows.push(["Site's message", d.dappMessage]);
  return (
    <article className={`txn ${flagged ? 'flagged' : ''}`} data-testid={testIds.txn} data-type={d.type}>
      <header>
        <strong data-testid={testIds.txnTitle}>{d.title}</strong>
        <span className="muted">
          {d.group ? `${d.group.position} of ${d.group.size} in group` : `#${d.index + 1}`}
          {d.signer === null ? ' · signed by someone else' : ''}
        </span>
      </header>
      <dl>
        {rows.map(([label, value], i) => (
          <div key={i} className="kv">
            <dt>{label}</dt>
            <dd className="mono" title={value} data-testid={label === 'Amount' ? testIds.txnAmount : undefined}>
              {value.length === 58 && /^[A-Z2-7]+$/.test(value) ? shortAddress(value) : value}
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
