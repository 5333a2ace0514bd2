/**
 * The stored pairings (`local:pairing`, a list since v3) and their only writer. The phones manager
 * adds a pairing when the server acks its link and removes it when it is unpaired; each phone's
 * session adds what its phone said about itself (its profile). When a new pairing replaces one of
 * the same account (the same phone paired again), the site sessions holding accounts only the old
 * one had are revoked, and no others: a site must never be handed an account the user did not
 * connect it to.
 */
import type { Pairing } from '@/lib/liquid/types';
import type { PhoneProfile } from '@/lib/phone/profile';
import { phoneAccounts } from '@/lib/accounts/accounts';
import type { StoredValue } from './queue';
import type { SiteSessions } from './requests/edges';

export type PairingStore = ReturnType<typeof createPairingStore>;

export function createPairingStore(item: StoredValue<Pairing[]>, sites: Pick<SiteSessions, 'revokeAccount'>) {
  /** Writes one after another: a profile never lands on a pairing that replaced its own. */
  let writes: Promise<unknown> = Promise.resolve();
  const serially = <T>(write: () => Promise<T>): Promise<T> => {
    const next = writes.then(write);
    writes = next.catch(() => undefined);
    return next;
  };

  return {
    /** Every pairing, in the order they were paired. */
    list: () => item.getValue(),
    /** The first pairing (the one the pairing screen shows when no new pairing is under way). */
    load: async (): Promise<Pairing | null> => (await item.getValue())[0] ?? null,
    /** Adds a new pairing at the end; a pairing of the same account is replaced. Resolves with those replaced. */
    put: (pairing: Pairing) =>
      serially(async () => {
        const before = await item.getValue();
        const replaced = before.filter((p) => p.requestId !== pairing.requestId && p.wallet === pairing.wallet);
        await item.setValue([...before.filter((p) => p.requestId !== pairing.requestId && p.wallet !== pairing.wallet), pairing]);
        // Every account of a replaced phone the new one does not hold (a connections phone has several).
        const kept = new Set(phoneAccounts(pairing).map((a) => a.address));
        for (const old of replaced) for (const { address } of phoneAccounts(old)) if (!kept.has(address)) await sites.revokeAccount(address);
        return replaced;
      }),
    /** Removes pairing `requestId`; resolves with it, or null when it was not stored. */
    remove: (requestId: string) =>
      serially(async () => {
        const before = await item.getValue();
        const gone = before.find((p) => p.requestId === requestId) ?? null;
        if (gone) await item.setValue(before.filter((p) => p !== gone));
        return gone;
      }),
    /** What the phone of pairing `requestId` said about itself; dropped if that pairing is gone. */
    saveProfile: (requestId: string, phone: PhoneProfile) =>
      serially(async () => {
        const list = await item.getValue();
        if (list.some((p) => p.requestId === requestId)) await item.setValue(list.map((p) => (p.requestId === requestId ? { ...p, phone } : p)));
      }),
  };
}
