/**
 * The accounts' words, kept together (plain English for now; they move to browser.i18n with the
 * rest of the UI's strings).
 */
import type { Account } from '@/lib/accounts/accounts';
import type { ConnectionState } from '@/lib/liquid/types';
import { shortAddress } from './format';

export const ACCOUNT_TEXT = {
  heading: 'Accounts',
  none: 'Pair your phone to see its accounts.',
  rename: 'Rename',
  save: 'Save',
  cancel: 'Cancel',
  nameLabel: 'Name',
  addLabel: 'Add an account rekeyed to your phone',
  addPlaceholder: 'Paste its address',
  add: 'Add',
  rekeyed: 'Rekeyed',
  checked: (network?: string) => (network ? `checked on ${network}` : 'checked'),
  notChecked: 'not checked',
  addedNotChecked: 'Added, not checked: no algod node answered (network reads off or unreachable).',
  addedChecked: (network?: string) => `Added: algod${network ? ` on ${network}` : ''} confirms it is rekeyed to your phone.`,
  chooserLegend: 'Accounts shared',
  chooseOne: 'Choose at least one account.',
  siteAccounts: 'Accounts',
  change: 'Change',
};

const PHONE_STATUS: Record<ConnectionState['phase'], string> = {
  unpaired: 'not paired',
  starting: 'pairing',
  'waiting-for-scan': 'pairing',
  linked: 'connecting',
  connecting: 'connecting',
  connected: 'connected',
  'phone-offline': 'offline',
  failed: 'not connected',
};

export function phoneStatusText(phase: ConnectionState['phase']): string {
  return PHONE_STATUS[phase];
}

/** The account's name, else its short address. */
export function accountLabel(account: Pick<Account, 'address' | 'name'>): string {
  return account.name ?? shortAddress(account.address);
}
