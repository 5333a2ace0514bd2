/**
 * The stored pairing. Signaling saves it (a new pairing, unpair); when a new pairing names another
 * account than the one it replaces, the site sessions that held the replaced account are revoked,
 * and no others: a site must never be handed an account the user did not connect it to.
 */
import type { Pairing } from '@/lib/liquid/types';
import type { StoredValue } from './queue';
import type { SiteSessions } from './requests/edges';

/** `onSaved` hears every pairing saved (the possession check follows it). */
export function createPairingStore(item: StoredValue<Pairing | null>, sites: Pick<SiteSessions, 'revokeAccount'>, onSaved?: (pairing: Pairing | null) => void) {
  return {
    load: () => item.getValue(),
    async save(pairing: Pairing | null) {
      const before = await item.getValue();
      await item.setValue(pairing);
      if (before && pairing && before.wallet !== pairing.wallet) await sites.revokeAccount(before.wallet);
      onSaved?.(pairing);
    },
  };
}
