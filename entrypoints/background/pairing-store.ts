/**
 * The stored pairing, and its only writer. Signaling saves it (a new pairing, unpair); the phone
 * session adds what the phone said about itself (its profile). When a new pairing names another
 * account than the one it replaces, the site sessions that held the replaced account are revoked,
 * and no others: a site must never be handed an account the user did not connect it to.
 */
import type { Pairing } from '@/lib/liquid/types';
import type { PhoneProfile } from '@/lib/phone/profile';
import { phoneAccounts } from '@/lib/accounts/accounts';
import type { StoredValue } from './queue';
import type { SiteSessions } from './requests/edges';

/** `onSaved` hears every pairing signaling saved (the possession check follows it). */
export function createPairingStore(item: StoredValue<Pairing | null>, sites: Pick<SiteSessions, 'revokeAccount'>, onSaved?: (pairing: Pairing | null) => void) {
  /** Writes one after another: a profile never lands on a pairing that replaced its own. */
  let writes: Promise<unknown> = Promise.resolve();
  const serially = <T>(write: () => Promise<T>): Promise<T> => {
    const next = writes.then(write);
    writes = next.catch(() => undefined);
    return next;
  };

  return {
    load: () => item.getValue(),
    save: (pairing: Pairing | null) =>
      serially(async () => {
        const before = await item.getValue();
        await item.setValue(pairing);
        if (before && pairing && before.wallet !== pairing.wallet) {
          // Every account of the replaced phone the new one does not hold (a connections phone has several).
          const kept = new Set(phoneAccounts(pairing).map((a) => a.address));
          for (const { address } of phoneAccounts(before)) if (!kept.has(address)) await sites.revokeAccount(address);
        }
        onSaved?.(pairing);
      }),
    /** What the phone of pairing `requestId` said about itself; dropped if that pairing is gone. */
    saveProfile: (requestId: string, phone: PhoneProfile) =>
      serially(async () => {
        const current = await item.getValue();
        if (current?.requestId === requestId) await item.setValue({ ...current, phone });
      }),
  };
}
