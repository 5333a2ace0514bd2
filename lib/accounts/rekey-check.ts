/**
 * Adding a rekeyed account: the address pasted in the popup is accepted when algod says its
 * `auth-addr` is an account of the paired phone (`checked`), refused when algod says it is not,
 * and accepted as `not-checked` (signed by the paired account's key) when no algod node answered.
 * Pure: the reads are done by the background (network-reads.ts) and passed in.
 */
import * as algosdk from 'algosdk';
import { fail, ok, type Result } from '../result';
import type { RekeyCheck } from '../storage/types';
import type { Account } from './accounts';

/** What one network's algod said about the account, or that it could not be asked. */
export type AuthLookup = { state: 'answered'; network: string; authAddr?: string } | { state: 'unavailable'; network: string; reason: string };

export type RekeyRefusal = 'bad-address' | 'duplicate' | 'not-rekeyed-to-phone' | 'unpaired';

export interface RekeyDecision {
  authAddr: string;
  check: RekeyCheck;
  network?: string;
}

export function decideRekeyed(address: string, accounts: readonly Account[], phoneAddresses: readonly string[], lookups: readonly AuthLookup[]): Result<RekeyDecision, { code: RekeyRefusal; message: string }> {
  if (!algosdk.isValidAddress(address)) return fail({ code: 'bad-address', message: 'That is not an Algorand address' });
  if (phoneAddresses.length === 0) return fail({ code: 'unpaired', message: 'Pair your phone before adding an account' });
  if (accounts.some((a) => a.address === address)) return fail({ code: 'duplicate', message: 'This account is already in the list' });
  const answered = lookups.filter((l): l is Extract<AuthLookup, { state: 'answered' }> => l.state === 'answered');
  const onPhone = answered.find((l) => l.authAddr !== undefined && phoneAddresses.includes(l.authAddr));
  if (onPhone) return ok({ authAddr: onPhone.authAddr!, check: 'checked', network: onPhone.network });
  if (answered.length > 0) {
    const first = answered[0]!;
    const why = first.authAddr === undefined ? 'it is not rekeyed' : `its auth-addr is ${first.authAddr}`;
    return fail({ code: 'not-rekeyed-to-phone', message: `On ${first.network} this account is not rekeyed to your phone's account: ${why}` });
  }
  // No node answered: the account is taken on the user's word, signed for by the paired account.
  return ok({ authAddr: phoneAddresses[0]!, check: 'not-checked' });
}
