/**
 * The accounts' stored part (`local:accounts`) and its only writer: names the user gives and the
 * rekeyed accounts the user adds. The list itself is derived from the pairings and this item
 * (lib/accounts/accounts.ts). Writes go one after another.
 */
import { listAccounts, phoneAccounts, type Account } from '@/lib/accounts/accounts';
import { decideRekeyed, type AuthLookup, type RekeyRefusal } from '@/lib/accounts/rekey-check';
import type { Pairing } from '@/lib/liquid/types';
import { fail, ok, type Result } from '@/lib/result';
import type { StoredAccounts } from '@/lib/storage/types';
import type { StoredValue } from './queue';

/** Longest account name kept (the popup's field says so). */
export const MAX_ACCOUNT_NAME = 48;

export interface AccountsStoreDeps {
  /** The paired phones (the pairing store's list). */
  pairings(): Promise<Pairing[]>;
  /** What each network's algod says the address's auth-addr is (network-reads.ts). */
  authLookups(address: string): Promise<AuthLookup[]>;
  now(): number;
}

export type AccountsStore = ReturnType<typeof createAccountsStore>;

export function createAccountsStore(item: StoredValue<StoredAccounts>, deps: AccountsStoreDeps) {
  let chain: Promise<unknown> = Promise.resolve();
  const serially = <T>(write: () => Promise<T>): Promise<T> => {
    const next = chain.then(write);
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    list: async (): Promise<Account[]> => listAccounts(await deps.pairings(), await item.getValue()),

    /** Adds a rekeyed account after asking algod (outside the write chain: it may take seconds). */
    async addRekeyed(address: string): Promise<Result<Account, { code: RekeyRefusal; message: string }>> {
      const trimmed = address.trim();
      const pairings = await deps.pairings();
      const phone = pairings.flatMap((p) => phoneAccounts(p).map((a) => a.address));
      const early = decideRekeyed(trimmed, listAccounts(pairings, await item.getValue()), phone, [{ state: 'unavailable', network: '', reason: 'not asked yet' }]);
      if (!early.ok) return early;
      const lookups = await deps.authLookups(trimmed);
      return serially(async () => {
        const now = await deps.pairings();
        const stored = await item.getValue();
        const decided = decideRekeyed(trimmed, listAccounts(now, stored), phone, lookups);
        if (!decided.ok) return decided;
        const { authAddr, check, network } = decided.value;
        // The phone that holds the auth key, as paired now (it may have been unpaired while algod answered).
        const holder = listAccounts(now, stored).find((a) => a.kind === 'phone' && a.address === authAddr);
        if (!holder) return fail({ code: 'unpaired' as const, message: 'The pairing changed; try again' });
        await item.setValue({ ...stored, rekeyed: [...stored.rekeyed, { address: trimmed, authAddr, pairingId: holder.pairingId, check, ...(network ? { network } : {}), addedAt: deps.now() }] });
        return ok(listAccounts(now, await item.getValue()).find((a) => a.address === trimmed)!);
      });
    },

    /** Names an account; an empty name gives it back its phone's name (or none). */
    rename: (address: string, name: string): Promise<Result<void, string>> =>
      serially(async () => {
        const stored = await item.getValue();
        if (!listAccounts(await deps.pairings(), stored).some((a) => a.address === address)) return fail('No such account');
        const names = { ...stored.names };
        const trimmed = name.trim().slice(0, MAX_ACCOUNT_NAME);
        if (trimmed) names[address] = trimmed;
        else delete names[address];
        await item.setValue({ ...stored, names });
        return ok(undefined);
      }),

    /** Forgets what belongs to an unpaired phone: its rekeyed accounts and the names of its accounts. */
    forgetPairing: (pairing: Pairing) =>
      serially(async () => {
        const stored = await item.getValue();
        const phone = new Set(phoneAccounts(pairing).map((a) => a.address));
        const gone = stored.rekeyed.filter((r) => r.pairingId === pairing.requestId || phone.has(r.authAddr));
        if (gone.length === 0 && ![...phone].some((a) => a in stored.names)) return;
        const dropped = new Set([...phone, ...gone.map((r) => r.address)]);
        await item.setValue({
          names: Object.fromEntries(Object.entries(stored.names).filter(([address]) => !dropped.has(address))),
          rekeyed: stored.rekeyed.filter((r) => !gone.includes(r)),
        });
      }),
  };
}
