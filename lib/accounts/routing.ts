/**
 * Routing a sign request over the paired phones (#16): each transaction to be signed goes to the
 * phone whose account signs it, its `authAddr` when set, else its sender (decode checked that
 * `signers` names exactly one of those). A request whose signers are on two phones becomes two
 * legs, asked in turn. Each phone gets the whole request, so it sees the group it signs into, with
 * `signers: []` on the transactions another phone signs; what each phone returns is taken only at
 * its own leg's indexes, and the merged list is verified as one (lib/algorand/signatures.ts).
 */
import type { DecodedTxn } from '../algorand/decode';
import { fail, ok, type Result } from '../result';
import type { Account } from './accounts';

/** One phone's part of a request: the pairing whose phone signs, and the indexes it signs. */
export interface Leg {
  pairingId: string;
  indexes: number[];
}

/** The key that signs `d`: its auth address when rekeyed, else its sender. */
export const signingKeyOf = (d: DecodedTxn): string => d.authAddr ?? d.txn.sender.toString();

/**
 * The legs of a request, in the order of their first transaction. A transaction with
 * `signers: []` goes to no phone. A signing key that no phone account holds is refused with the
 * first such transaction (the site's accounts were checked before; this is the key's phone).
 */
export function planLegs(decoded: readonly DecodedTxn[], accounts: readonly Account[]): Result<Leg[], { index: number; signer: string }> {
  const phoneOf = new Map(accounts.filter((a) => a.kind === 'phone').map((a) => [a.address, a.pairingId]));
  const legs = new Map<string, number[]>();
  for (const d of decoded) {
    if (d.signers.length === 0) continue;
    const signer = signingKeyOf(d);
    const pairingId = phoneOf.get(signer);
    if (pairingId === undefined) return fail({ index: d.index, signer });
    const indexes = legs.get(pairingId);
    if (indexes) indexes.push(d.index);
    else legs.set(pairingId, [d.index]);
  }
  return ok([...legs].map(([pairingId, indexes]) => ({ pairingId, indexes })));
}

/** What `leg`'s phone is asked: every transaction, with `signers: []` (and no `authAddr`) where another phone signs. */
export function legTransactions(decoded: readonly DecodedTxn[], leg: Leg): DecodedTxn[] {
  const mine = new Set(leg.indexes);
  return decoded.map((d) => {
    if (d.signers.length === 0 || mine.has(d.index)) return d;
    const { authAddr: _other, ...rest } = d;
    return { ...rest, signers: [] };
  });
}

/**
 * The request's signatures, each taken from the leg that signs its index: `replies[i]` is leg i's
 * reply laid over the whole request. Anything a phone returned at another leg's index, or at an
 * index nobody signs, is dropped; those indexes are null unless their own leg filled them.
 */
export function mergeLegReplies(total: number, legs: readonly Leg[], replies: readonly (readonly unknown[])[]): unknown[] {
  const merged: unknown[] = Array.from({ length: total }, () => null);
  legs.forEach((leg, i) => {
    for (const index of leg.indexes) merged[index] = replies[i]?.[index] ?? null;
  });
  return merged;
}
