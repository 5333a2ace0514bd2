/**
 * What the request's network says about it: the user's balances before and after, rekeyed
 * accounts, or why Tandem could not check. Pure view; it fills in after the request is painted.
 */
import { t } from '@/lib/i18n';
import { formatCount } from '@/lib/algorand/format';
import { useLayoutEffect } from 'react';
import type { FactsReply } from '@/lib/algorand/facts';
import type { SimulationReply } from '@/lib/algorand/simulation';
import { shortAddress } from './format';
import { testIds } from './test-ids';

/** 'checking' until the background answers (or the window's deadline passes: then 'failed'). */
export type FactsView = { state: 'checking' } | FactsReply;


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
      {t('facts_would_fail', formatCount(txnIndex + 1), message)}
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
        {t('facts_not_simulated', reply.message)}
      </p>
    );
  }
  const { view } = reply;
  return (
    <div data-testid={testIds.simulation} data-state={view.wouldSucceed ? 'would-succeed' : 'would-fail'}>
      <p>
        <strong>{view.wouldSucceed ? t('facts_sim_succeeds') : t('facts_sim_fails')}</strong>
        {view.budget ? t('facts_budget', formatCount(view.budget.consumed), formatCount(view.budget.added)) : ''}
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
          <p className="muted">{t('facts_inner')}</p>
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
      return <p className="muted">{t('facts_checking')}</p>;
    case 'off':
      return <p className="muted">{t('facts_off', t('facts_unchecked'))}</p>;
    case 'no-node':
      return <p className="muted">{t('facts_no_node', view.network, t('facts_unchecked'))}</p>;
    case 'not-allowed':
      return (
        <p className="muted">
          {t('facts_not_allowed', view.host, t('facts_unchecked'))}
          <button type="button" className="small" data-testid={testIds.factsCheckWith} onClick={() => onCheckWith(view.pattern)}>
            {t('facts_check_with', view.host)}
          </button>
        </p>
      );
    case 'failed':
      return <p className="muted">{t('facts_failed', view.host, view.message, t('facts_unchecked'))}</p>;
    case 'ok':
      return (
        <>
          {view.facts.rekeyed.map((r) => (
            <p key={r.account} className="warning-box" data-testid={testIds.factsRekeyed}>
              {t('facts_rekeyed', shortAddress(r.account), r.authAddr)}
            </p>
          ))}
          <ul className="balances">
            {view.facts.balances.map((b) => (
              <li key={`${b.account} ${b.asset}`} className={b.belowMinimum ? 'error' : undefined} data-testid={testIds.factsBalance} data-asset={b.asset}>
                {`${shortAddress(b.account)} · ${b.label}: ${b.before} → ${b.after} (${b.change})${b.belowMinimum ? t('facts_below_minimum') : ''}`}
              </li>
            ))}
          </ul>
          <Simulation reply={view.simulation} />
          <p className="muted">{t('facts_checked_with', view.host)}</p>
        </>
      );
    default: {
      const never: never = view;
      return never;
    }
  }
}
