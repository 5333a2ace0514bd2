/**
 * Proof of possession (security review, issue #11): the account a pairing names is the server's
 * claim until the phone signs a challenge for it (lib/algorand/pairing-challenge.ts). Run after a new
 * pairing's channel opens, and on later connections while the pairing is not yet verified. Each
 * paired phone (#16) has its own entry, keyed by its pairing's requestId, and its own challenge. A phone
 * that refuses, stays silent or signs with another key leaves the pairing "not verified": it still
 * works, and the popup says that the address rests on the server's word, with a retry.
 *
 * What a verified pairing proves: the peer on the channel holds the account's key, or relays to a
 * device that does. It does not hide the traffic from a relaying server.
 */
import { message, type Message } from '@/lib/i18n';
import { decodeWalletTransactions } from '@/lib/algorand/decode';
import { buildPairingChallenge } from '@/lib/algorand/pairing-challenge';
import { checkPhoneReply } from '@/lib/algorand/signatures';
import type { PhoneReply } from '@/lib/arc27/phone-envelope';
import type { Pairing } from '@/lib/liquid/types';
import type { PairingVerification } from '@/lib/storage/types';
import type { PhoneLink } from './requests/edges';
import type { StoredValue } from './queue';

/** How long the phone has to sign the challenge (a person may have to confirm it on the phone). */
export const CHALLENGE_DEADLINE_MS = 120_000;

type Verifications = Record<string, PairingVerification>;

export interface PossessionDeps {
  /** Sends a sign request to the phone of the pairing named by its requestId. */
  phone: Pick<PhoneLink, 'sendSign'>;
  item: StoredValue<Verifications>;
  now(): number;
  newId(): string;
  randomBytes(n: number): Uint8Array;
  setTimeout(fn: () => void, ms: number): unknown;
}

export interface PossessionCheck {
  /** The channel to `pairing`'s phone opened; `fingerprint` is Tandem's DTLS fingerprint on it. */
  onChannelOpen(pairing: Pairing, fingerprint: string, options?: { force?: boolean }): Promise<void>;
  /** True when the reply, from the phone of pairing `pairingId`, was that pairing's challenge's answer (consumed here). */
  onPhoneReply(pairingId: string, reply: PhoneReply): Promise<boolean>;
  /** A removed pairing takes what was proven for it along; the other pairings' entries stay. */
  forget(requestId: string): Promise<void>;
  /** Drops the entries of every pairing not named (the pairing store reports the pairings left, not the ones removed). */
  keep(requestIds: readonly string[]): Promise<void>;
}

const forPairing = (v: PairingVerification | undefined, pairing: Pairing) => (v && v.requestId === pairing.requestId && v.wallet === pairing.wallet ? v : null);

export function createPossessionCheck(deps: PossessionDeps): PossessionCheck {
  /**
   * The stored record, read once per worker life: this module is its only writer, and every phone
   * frame asks it whether the frame is a check's answer, which must not cost a storage read.
   */
  let known: Promise<Verifications> | null = null;
  const read = () => (known ??= deps.item.getValue().then((value) => value ?? {}));
  /**
   * Changes run one after another, each on the record the one before left, so several phones'
   * checks never write over each other's entries. `change` returns the record unchanged for no write.
   */
  let writes: Promise<unknown> = Promise.resolve();
  const update = <T>(change: (all: Verifications) => { next: Verifications; result: T }): Promise<T> => {
    const step = writes.then(async () => {
      const all = await read();
      const { next, result } = change(all);
      if (next !== all) {
        known = Promise.resolve(next);
        await deps.item.setValue(next);
      }
      return result;
    });
    writes = step.catch(() => undefined);
    return step;
  };

  /** Settles pairing `pairingId`'s check, if `challengeId` is still its outstanding challenge. */
  const conclude = (pairingId: string, challengeId: string, result: { verified: true } | { verified: false; reason: Message }) =>
    update((all) => {
      const current = all[pairingId];
      if (current?.state !== 'checking' || current.challengeId !== challengeId) return { next: all, result: undefined };
      const base = { requestId: current.requestId, wallet: current.wallet, at: deps.now() };
      const settled: PairingVerification = result.verified ? { ...base, state: 'verified' } : { ...base, state: 'not-verified', reason: result.reason };
      return { next: { ...all, [pairingId]: settled }, result: undefined };
    });

  return {
    async onChannelOpen(pairing, fingerprint, options = {}) {
      // Deciding and recording the check in one step: two opens of one channel send one challenge.
      const started = await update((all) => {
        const previous = forPairing(all[pairing.requestId], pairing);
        if (!options.force && previous && (previous.state === 'verified' || (previous.state === 'checking' && deps.now() - previous.startedAt < CHALLENGE_DEADLINE_MS))) return { next: all, result: null };
        const challenge = buildPairingChallenge(pairing.wallet, fingerprint, deps.randomBytes(16));
        const checking = { state: 'checking', requestId: pairing.requestId, wallet: pairing.wallet, challengeId: deps.newId(), txn: challenge.txn, startedAt: deps.now() } as const;
        return { next: { ...all, [pairing.requestId]: checking }, result: checking };
      });
      if (!started) return;
      const { challengeId } = started;
      const sent = await deps.phone.sendSign(pairing.requestId, challengeId, [{ txn: started.txn }]);
      if (!sent.ok) return conclude(pairing.requestId, challengeId, { verified: false, reason: message('verify_offline') });
      deps.setTimeout(() => void conclude(pairing.requestId, challengeId, { verified: false, reason: message('verify_no_answer') }), CHALLENGE_DEADLINE_MS);
    },

    async onPhoneReply(pairingId, reply) {
      if (reply.kind === 'invalid' && reply.requestId === undefined) return false;
      // Only this phone's own challenge: an answer to another phone's arrives from the wrong phone.
      const current = (await read())[pairingId];
      if (current?.state !== 'checking' || current.challengeId !== reply.requestId) return false;
      const { challengeId } = current;
      if (reply.kind === 'invalid' || reply.kind === 'signature') {
        await conclude(pairingId, challengeId, { verified: false, reason: reply.kind === 'invalid' ? message('verify_unreadable', reply.reason) : message('verify_data_signature') });
      }
      else if (reply.kind === 'error') await conclude(pairingId, challengeId, { verified: false, reason: message('verify_refused', reply.error.message) });
      else {
        const decoded = decodeWalletTransactions([{ txn: current.txn }]);
        const checked = decoded.ok ? await checkPhoneReply(decoded.value, reply.stxns) : decoded;
        // A signature is required: a phone that answers null did not prove anything.
        const signed = checked.ok && checked.value[0] !== null;
        await conclude(pairingId, challengeId, signed ? { verified: true } : { verified: false, reason: checked.ok ? message('verify_not_signed') : message('verify_wrong_signature', checked.error.message) });
      }
      return true;
    },

    forget(requestId) {
      return update((all) => {
        if (!(requestId in all)) return { next: all, result: undefined };
        const { [requestId]: _dropped, ...rest } = all;
        return { next: rest, result: undefined };
      });
    },

    keep(requestIds) {
      return update((all) => {
        const kept = Object.fromEntries(Object.entries(all).filter(([id]) => requestIds.includes(id)));
        return { next: Object.keys(kept).length === Object.keys(all).length ? all : kept, result: undefined };
      });
    },
  };
}
