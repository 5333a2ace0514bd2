/**
 * The stored pairings (`local:pairing`, a list since v3) and their only writer. Signaling saves
 * its pairing (a new pairing, unpair); the phone session adds what a phone said about itself (its
 * profile). When a new pairing names other accounts than the one it replaces, the site sessions
 * that held the replaced accounts are revoked, and no others: a site must never be handed an
 * account the user did not connect it to.
 *
 * Today one signaling machine manages one pairing, the list's first entry (`load`/`save`); the
 * list is what accounts, routing and the popup read, so several phones need no new storage.
 */
import type { Pairing } from '@/lib/liquid/types';
import type { PhoneProfile } from '@/lib/phone/profile';
import { phoneAccounts } from '@/lib/accounts/accounts';
import type { StoredValue } from './queue';
import type { SiteSessions } from './requests/edges';

export type PairingStore = ReturnType<typeof createPairingStore>;

/** `onSaved` hears every pairing signaling saved (the possession check follows it). */
export function createPairingStore(item: StoredValue<Pairing[]>, sites: Pick<SiteSessions, 'revokeAccount'>, onSaved?: (pairing: Pairing | null) => void) {
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
    /** The pairing today's signaling machine manages. */
    load: async (): Promise<Pairing | null> => (await item.getValue())[0] ?? null,
    /** Signaling's pairing: a new one replaces the list, null empties it (unpair). */
    save: (pairing: Pairing | null) =>
      serially(async () => {
        const before = await item.getValue();
        await item.setValue(pairing ? [pairing] : []);
        if (pairing) {
          // Every account of a replaced phone the new one does not hold (a connections phone has several).
          const kept = new Set(phoneAccounts(pairing).map((a) => a.address));
          const replaced = before.filter((p) => p.wallet !== pairing.wallet);
          for (const old of replaced) for (const { address } of phoneAccounts(old)) if (!kept.has(address)) await sites.revokeAccount(address);
        }
        onSaved?.(pairing);
      }),
    /** What the phone of pairing `requestId` said about itself; dropped if that pairing is gone. */
    saveProfile: (requestId: string, phone: PhoneProfile) =>
      serially(async () => {
        const list = await item.getValue();
        if (list.some((p) => p.requestId === requestId)) await item.setValue(list.map((p) => (p.requestId === requestId ? { ...p, phone } : p)));
      }),
  };
}
