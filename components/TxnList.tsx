/**
 * Every transaction of a request, decoded. Up to a group's worth, every card is rendered at the
 * height of its content. Requests can hold 1,024 transactions, so a longer list is virtualized:
 * fixed-height rows, only those in view (plus a margin) rendered. Every value is rendered as
 * text: notes and asset names come from the dApp and are never HTML.
 */
import { useLayoutEffect, useState } from 'react';
import type { TxnDescription } from '@/lib/algorand/describe';
import type { Warning } from '@/lib/algorand/warnings';
import { TxnCard } from './TxnCard';
import { testIds } from './test-ids';

const ROW_HEIGHT = 188;
const VIEW_HEIGHT = 360;
const OVERSCAN = 3;
/** A group's maximum: lists up to this long are rendered whole, cards sized to their content. */
const RENDERED_WHOLE = 16;
/**
 * A User Timing mark for the moment decoded transactions are first in the document (a layout
 * effect runs after React's commit, before the paint): it shows in DevTools' Performance panel,
 * and `npm run bench` reads it for "time to prompt" (bench/README.md).
 */
export const TXNS_SHOWN_MARK = 'tandem:txns-shown';

/**
 * `amounts`: per transaction index, the amount as the network names it (NetworkFacts). `marks`: per
 * index, a short note in the card's header (how a transaction to send is authorized: PostPrompt).
 */
export function TxnList({ descriptions, warnings, amounts, marks }: { descriptions: TxnDescription[]; warnings: Warning[]; amounts?: Record<number, string>; marks?: Record<number, string> }) {
  const [scrollTop, setScrollTop] = useState(0);
  useLayoutEffect(() => void performance.mark(TXNS_SHOWN_MARK), []);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(descriptions.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const warningsOf = (index: number) => warnings.filter((w) => w.index === index);
  if (descriptions.length <= RENDERED_WHOLE) {
    return (
      <div className="txn-list" data-testid={testIds.txnList}>
        {descriptions.map((d) => (
          <TxnCard key={d.index} description={d} warnings={warningsOf(d.index)} amount={amounts?.[d.index]} mark={marks?.[d.index]} />
        ))}
      </div>
    );
  }
  return (
    <div className="txn-list virtual" data-testid={testIds.txnList} style={{ height: Math.min(VIEW_HEIGHT, descriptions.length * ROW_HEIGHT) }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div style={{ height: descriptions.length * ROW_HEIGHT, position: 'relative' }}>
        {descriptions.slice(first, last).map((d) => (
          <div key={d.index} style={{ position: 'absolute', top: d.index * ROW_HEIGHT, height: ROW_HEIGHT - 8, left: 0, right: 0 }}>
            <TxnCard description={d} warnings={warningsOf(d.index)} amount={amounts?.[d.index]} mark={marks?.[d.index]} />
          </div>
        ))}
      </div>
    </div>
  );
}
