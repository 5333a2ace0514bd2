/**
 * The popup's accounts: each with its name (which the user can change), the phone that holds its
 * key and that phone's status; and a field to add an account rekeyed to the phone's key.
 */
import { useState, type FormEvent } from 'react';
import type { Account } from '@/lib/accounts/accounts';
import type { ConnectionState } from '@/lib/liquid/types';
import { t } from '@/lib/i18n';
import { checkedText, accountLabel, phoneStatusText } from './account-text';
import { AddressView } from './AddressView';
import { shortAddress } from './format';
import { testIds } from './test-ids';

/** A phone as an account row names it. */
export interface PhoneSummary {
  name: string;
  phase: ConnectionState['phase'];
}

type Outcome = { ok: true; message?: string } | { ok: false; message: string };

export interface AccountsListProps {
  accounts: Account[];
  /** The phone that holds an account's key (by its pairing's requestId): its name and link state. */
  phoneOf: (pairingId: string) => PhoneSummary;
  onRename: (address: string, name: string) => Promise<Outcome>;
  onAdd: (address: string) => Promise<Outcome>;
}

export function AccountsList({ accounts, phoneOf, onRename, onAdd }: AccountsListProps) {
  const [pasted, setPasted] = useState('');
  const [message, setMessage] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const add = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    void onAdd(pasted).then((outcome) => {
      setBusy(false);
      setMessage(outcome);
      if (outcome.ok) setPasted('');
    });
  };
  return (
    <section className="panel" data-testid={testIds.accountsList}>
      <h2>{t('accounts_heading')}</h2>
      {accounts.length === 0 ? (
        <p className="muted">{t('accounts_none')}</p>
      ) : (
        <ul className="accounts">
          {accounts.map((account) => (
            <AccountRow key={account.address} account={account} phone={phoneOf(account.pairingId)} onRename={onRename} />
          ))}
        </ul>
      )}
      {accounts.length > 0 && (
        <form className="add-account" onSubmit={add}>
          <label htmlFor="add-account-address">{t('accounts_add_label')}</label>
          <div className="row">
            <input id="add-account-address" data-testid={testIds.addAccountInput} value={pasted} placeholder={t('accounts_add_placeholder')} spellCheck={false} autoComplete="off" onChange={(e) => setPasted(e.target.value)} />
            <button type="submit" data-testid={testIds.addAccount} disabled={busy || pasted.trim() === ''}>
              {t('accounts_add')}
            </button>
          </div>
        </form>
      )}
      {message && (
        <p className={message.ok ? 'muted' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid={testIds.accountsMessage}>
          {message.message}
        </p>
      )}
    </section>
  );
}

function AccountRow({ account, phone, onRename }: { account: Account; phone: PhoneSummary; onRename: AccountsListProps['onRename'] }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(account.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = (event: FormEvent) => {
    event.preventDefault();
    void onRename(account.address, name).then((outcome) => {
      if (outcome.ok) setEditing(false);
      setError(outcome.ok ? null : outcome.message);
    });
  };
  return (
    <li data-testid={testIds.account} data-address={account.address} data-kind={account.kind} data-pairing-id={account.pairingId}>
      {editing ? (
        <form className="row" onSubmit={save}>
          <input aria-label={t('accounts_name_of', shortAddress(account.address))} data-testid={testIds.accountNameInput} value={name} maxLength={48} autoFocus onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="small" data-testid={testIds.saveAccountName}>
            {t('accounts_save')}
          </button>
          <button type="button" className="small" onClick={() => (setEditing(false), setName(account.name ?? ''))}>
            {t('accounts_cancel')}
          </button>
        </form>
      ) : (
        <div className="account-head">
          <strong className="account-name site-name" data-testid={testIds.accountName}>
            {accountLabel(account)}
          </strong>
          <button type="button" className="small" data-testid={testIds.renameAccount} aria-label={`${t('accounts_rename')} ${accountLabel(account)}`} onClick={() => setEditing(true)}>
            {t('accounts_rename')}
          </button>
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="account-meta">
        <AddressView address={account.address} />
      </div>
      <div className="muted account-meta" data-testid={testIds.accountHolder}>
        <span className={`dot ${phone.phase}`} aria-hidden="true" /> {phone.name} · {phoneStatusText(phone.phase)}
      </div>
      {account.kind === 'rekeyed' && (
        <div className="account-meta" data-testid={testIds.accountCheck} data-check={account.check}>
          <span className={account.check === 'checked' ? 'tag ok' : 'tag'}>{t('accounts_rekeyed')}</span>
          {t('accounts_rekeyed_to', shortAddress(account.authAddr!), account.check === 'checked' ? checkedText(account.network) : t('accounts_not_checked'))}
        </div>
      )}
    </li>
  );
}
