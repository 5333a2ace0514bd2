/** Checkboxes over the accounts list: which accounts a site gets (connect prompt, sites list). */
import { t } from '@/lib/i18n';
import type { Account } from '@/lib/accounts/accounts';
import { accountLabel } from './account-text';
import { Identicon } from './AddressView';
import { shortAddress } from './format';
import { testIds } from './test-ids';

export interface AccountChooserProps {
  accounts: Account[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  /** Distinguishes the inputs of several choosers on one page. */
  idPrefix: string;
}

export function AccountChooser({ accounts, chosen, onChange, idPrefix }: AccountChooserProps) {
  const toggle = (address: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(address);
    else next.delete(address);
    // The accounts list's order, whatever the order of the clicks.
    onChange(accounts.filter((a) => next.has(a.address)).map((a) => a.address));
  };
  return (
    <fieldset className="account-choices">
      <legend>{t('accounts_chooser_legend')}</legend>
      {accounts.map((account) => (
        <label key={account.address} className="check" htmlFor={`${idPrefix}-${account.address}`}>
          <input
            id={`${idPrefix}-${account.address}`}
            type="checkbox"
            data-testid={testIds.accountChoice}
            data-address={account.address}
            checked={chosen.includes(account.address)}
            onChange={(e) => toggle(account.address, e.target.checked)}
          />
          <Identicon address={account.address} />
          <span className="choice-name site-name">{accountLabel(account)}</span>
          {account.name && <span className="mono muted">{shortAddress(account.address)}</span>}
        </label>
      ))}
      {chosen.length === 0 && (
        <p className="error" role="alert">
          {t('accounts_choose_one')}
        </p>
      )}
    </fieldset>
  );
}
