/**
 * What the request's network says about it: the user's balances before and after, rekeyed
 * accounts, or why Tandem could not check. Pure view; it fills in after the request is painted.
 */
import type { FactsReply } from '@/lib/algorand/facts';
import { shortAddress } from './format';
import { testIds } from './test-ids';

/** 'checking' until the background answers (or the window's deadline passes: then 'failed'). */
export type FactsView = { state: 'checking' } | FactsReply;

const UNCHECKED = 'Balances, asset names and rekeys are not checked.';

export function NetworkFacts({ view, onCheckWith }: { view: FactsView; onCheckWith: (pattern: string) => void }) {
  return (
    <section className="network-facts" data-testid={testIds.networkFacts} data-state={view.state}>
      <FactsBody view={view} onCheckWith={onCheckWith} />
    </section>
  );
}

function FactsBody({ view, onCheckWith }: { view: FactsView; onCheckWith: (pattern: string) => void }) {
  switch (view.state) {
    case 'checking':
      return <p className="muted">Checking with the network…</p>;
    case 'off':
      return <p className="muted">{`Network reads are off. ${UNCHECKED}`}</p>;
    case 'no-node':
      return <p className="muted">{`No algod node is set for ${view.network}. ${UNCHECKED}`}</p>;
    case 'not-allowed':
      return (
        <p className="muted">
          {`Tandem may not read from ${view.host} yet. ${UNCHECKED} `}
          <button type="button" className="small" data-testid={testIds.factsCheckWith} onClick={() => onCheckWith(view.pattern)}>
            {`Check with ${view.host}`}
          </button>
        </p>
      );
    case 'failed':
      return <p className="muted">{`Couldn't check with ${view.host}: ${view.message}. ${UNCHECKED}`}</p>;
    case 'ok':
      return (
        <>
          {view.facts.rekeyed.map((r) => (
            <p key={r.account} className="warning-box" data-testid={testIds.factsRekeyed}>
              {`${shortAddress(r.account)} is rekeyed to ${r.authAddr}: that key, not this account's, must sign.`}
            </p>
          ))}
          <ul className="balances">
            {view.facts.balances.map((b) => (
              <li key={`${b.account} ${b.asset}`} className={b.belowMinimum ? 'error' : undefined} data-testid={testIds.factsBalance} data-asset={b.asset}>
                {`${shortAddress(b.account)} · ${b.label}: ${b.before} → ${b.after} (${b.change})${b.belowMinimum ? ' · below what the account must keep' : ''}`}
              </li>
            ))}
          </ul>
          <p className="muted">{`Checked with ${view.host}.`}</p>
        </>
      );
    default: {
      const never: never = view;
      return never;
    }
  }
}
