/** The popup's home: the paired account's ALGO and largest holdings on each of its networks. Pure view. */
import { t } from '@/lib/i18n';
import type { HomeBalance } from '@/lib/algorand/facts';
import { shortAddress } from './format';
import { testIds } from './test-ids';

export function AccountBalances({ balances }: { balances: HomeBalance[] | null }) {
  if (balances === null || balances.length === 0) return null;
  return (
    <section className="panel" data-testid={testIds.accountBalances}>
      <h2>{t('balances_heading')}</h2>
      {balances.map((b, i) =>
        b.state === 'ok' ? (
          <div key={i} data-testid={testIds.accountBalance} data-network={b.network}>
            <p>
              <span className="muted">{t('balances_line_label', b.network, shortAddress(b.account))}</span>
              <strong>{t('amount_algo', b.algo)}</strong>
            </p>
            {b.holdings.length > 0 && (
              <ul className="balances">
                {b.holdings.map((h) => (
                  <li key={h.label} data-testid={testIds.accountHolding}>{t('amount_with_unit', h.amount, h.label)}</li>
                ))}
              </ul>
            )}
          </div>
        ) : (
          <p key={i} className="muted" data-testid={testIds.accountBalance} data-network={b.network} data-state={b.state}>
            {b.network ? t('balances_state_on_network', b.network, b.message) : t('balances_state', b.message)}
          </p>
        ),
      )}
    </section>
  );
}
