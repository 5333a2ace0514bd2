/**
 * What the request's network says about it: the user's balances before and after, rekeyed
 * accounts, or why Tandem could not check. Pure view; it fills in after the request is painted.
 */
import { useLayoutEffect } from 'react';
import type { FactsReply } from '@/lib/algorand/facts';
import type { SimulationReply } from '@/lib/algorand/simulation';
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

/** The top warning when the simulation says the request would fail; null otherwise. */
export function SimulationFailure({ view }: { view: FactsView | undefined }) {
  if (view?.state !== 'ok' || view.simulation.state !== 'ok' || !view.simulation.view.failure) return null;
  const { txnIndex, message } = view.simulation.view.failure;
  return (
    <p className="warning-box" role="alert" data-testid={testIds.simulationFailure}>
      {`Would fail at transaction #${txnIndex + 1}: ${message}`}
    </p>
  );
}

/**
 * A User Timing mark for the moment the simulation's answer is first in the document: `npm run
 * bench` reads it for "request → simulation shown" (bench/README.md).
 */
export const SIMULATION_SHOWN_MARK = 'tandem:simulation-shown';

function Simulation({ reply }: { reply: SimulationReply }) {
  useLayoutEffect(() => void performance.mark(SIMULATION_SHOWN_MARK), []);
  if (reply.state === 'not-simulated') {
    return (
      <p className="muted" data-testid={testIds.simulation} data-state="not-simulated">
        {`Not simulated: ${reply.message}`}
      </p>
    );
  }
  const { view } = reply;
  return (
    <div data-testid={testIds.simulation} data-state={view.wouldSucceed ? 'would-succeed' : 'would-fail'}>
      <p>
        <strong>{view.wouldSucceed ? 'Simulated: would succeed.' : 'Simulated: would fail.'}</strong>
        {view.budget ? ` Opcode budget used ${view.budget.consumed} of ${view.budget.added}.` : ''}
      </p>
      {view.changes.length > 0 && (
        <ul className="balances">
          {view.changes.map((c) => (
            <li key={`${c.account} ${c.asset}`} data-testid={testIds.simulatedChange} data-asset={c.asset}>
              {`${shortAddress(c.account)} · ${c.label} ${c.change}`}
            </li>
          ))}
        </ul>
      )}
      {view.inner.length > 0 && (
        <>
          <p className="muted">Inner transactions:</p>
          <ul className="balances">
            {view.inner.map((line, i) => (
              <li key={i} data-testid={testIds.innerTxn} style={{ marginLeft: (line.depth - 1) * 12 }}>
                {`#${line.parentIndex + 1} → ${line.text}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
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
          <Simulation reply={view.simulation} />
          <p className="muted">{`Checked with ${view.host}.`}</p>
        </>
      );
    default: {
      const never: never = view;
      return never;
    }
  }
}
