/** The accounts' words (browser.i18n), kept together for the accounts list, the chooser and the sites list. */
import type { Account } from '@/lib/accounts/accounts';
import { t } from '@/lib/i18n';
import type { ConnectionState } from '@/lib/liquid/types';
import { shortAddress } from './format';

export const ACCOUNT_TEXT = {
  get heading() {
    return t('accounts_heading');
  },
  get none() {
    return t('accounts_none');
  },
  get rename() {
    return t('accounts_rename');
  },
  get save() {
    return t('accounts_save');
  },
  get cancel() {
    return t('accounts_cancel');
  },
  get nameLabel() {
    return t('accounts_name_label');
  },
  get addLabel() {
    return t('accounts_add_label');
  },
  get addPlaceholder() {
    return t('accounts_add_placeholder');
  },
  get add() {
    return t('accounts_add');
  },
  get rekeyed() {
    return t('accounts_rekeyed');
  },
  checked: (network?: string) => (network ? t('accounts_checked_on', network) : t('accounts_checked')),
  get notChecked() {
    return t('accounts_not_checked');
  },
  get addedNotChecked() {
    return t('accounts_added_not_checked');
  },
  addedChecked: (network?: string) => (network ? t('accounts_added_checked_on', network) : t('accounts_added_checked')),
  get chooserLegend() {
    return t('accounts_chooser_legend');
  },
  get chooseOne() {
    return t('accounts_choose_one');
  },
  get siteAccounts() {
    return t('accounts_site_accounts');
  },
  get change() {
    return t('accounts_change');
  },
};

const PHONE_STATUS = {
  unpaired: 'phone_status_unpaired',
  starting: 'phone_status_pairing',
  'waiting-for-scan': 'phone_status_pairing',
  linked: 'phone_status_connecting',
  connecting: 'phone_status_connecting',
  connected: 'phone_status_connected',
  'phone-offline': 'phone_status_offline',
  failed: 'phone_status_not_connected',
} as const satisfies Record<ConnectionState['phase'], string>;

export function phoneStatusText(phase: ConnectionState['phase']): string {
  return t(PHONE_STATUS[phase]);
}

/** The account's name, else its short address. */
export function accountLabel(account: Pick<Account, 'address' | 'name'>): string {
  return account.name ?? shortAddress(account.address);
}
