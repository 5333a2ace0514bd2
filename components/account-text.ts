/** The accounts' words that take a value or a state (browser.i18n): the accounts list, the chooser and the sites list. */
import type { Account } from '@/lib/accounts/accounts';
import { t } from '@/lib/i18n';
import type { ConnectionState } from '@/lib/liquid/types';
import { shortAddress } from './format';

/** "Checked" for a rekeyed account, on the network algod answered for when known. */
export const checkedText = (network?: string) => (network ? t('accounts_checked_on', network) : t('accounts_checked'));

/** What the popup says once a rekeyed account was added, checked (on a network) or not. */
export const addedCheckedText = (network?: string) => (network ? t('accounts_added_checked_on', network) : t('accounts_added_checked'));

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
