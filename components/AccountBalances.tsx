/** The popup's home: the paired account's ALGO and largest holdings on each of its networks. Pure view. */
import type { HomeBalance } from '@/lib/algorand/facts';
import { shortAddress } from './format';
import { testIds } from './test-ids';

export function AccountBalances({ balances }: { balances: HomeBalance[] | null }) {
  if (balances === null || balances.length === 0) return null;
  return (
    <section className="panel" data-testid={testIds.accountBalances}>
      <h2>Balances</h2>
      {balances.map((b, i) =>
        b.state === 'ok' ? (
          <div key={i} data-testid={testIds.accountBalance} data-network={b.network}>
            <p>
              <span className="muted">{`${b.network} · ${shortAddress(b.account)}: `}</span>
              <strong>{`${b.algo} ALGO`}</strong>
            </p>
            {b.holdings.length > 0 && (
              <ul className="balances">
                {b.holdings.map((h) => (
                  <li key={h.label} data-testid={testIds.accountHolding}>{`${h.amount} ${h.label}`}</li>
                ))}
              </ul>
            )}
          </div>
        ) : (
          <p key={i} className="muted" data-testid={testIds.accountBalance} data-network={b.network} data-state={b.state}>
            {b.network ? `${b.network}: ${b.message}.` : `${b.message}.`}
          </p>
        ),
      )}
    </section>
  );
}
