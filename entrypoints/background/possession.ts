/**
 * Proof of possession (security review, issue #11): the account a pairing names is the server's
 * claim until the phone signs a challenge for it (lib/algorand/pairing-challenge.ts). Run after a new
 * pairing's channel opens, and on later connections while the pairing is not yet verified. A phone
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
import type { PhoneSession } from './phone-session';
import type { StoredValue } from './queue';

/** How long the phone has to sign the challenge (a person may have to confirm it on the phone). */
export const CHALLENGE_DEADLINE_MS = 120_000;

export interface PossessionDeps {
  phone: Pick<PhoneSession, 'sendSign'>;
  item: StoredValue<PairingVerification | null>;
  now(): number;
  newId(): string;
  randomBytes(n: number): Uint8Array;
  setTimeout(fn: () => void, ms: number): unknown;
}

export interface PossessionCheck {
  /** The channel to `pairing`'s phone opened; `fingerprint` is Tandem's DTLS fingerprint on it. */
  onChannelOpen(pairing: Pairing, fingerprint: string, options?: { force?: boolean }): Promise<void>;
  /** True when the reply was the challenge's answer (consumed here). */
  onPhoneReply(reply: PhoneReply): Promise<boolean>;
  /** A new pairing (or unpair) drops what was proven for the old one. */
  forget(): Promise<void>;
}

const forPairing = (v: PairingVerification | null, pairing: Pairing) => (v && v.requestId === pairing.requestId && v.wallet === pairing.wallet ? v : null);

export function createPossessionCheck(deps: PossessionDeps): PossessionCheck {
  /**
   * The stored state, read once per worker life: this module is its only writer, and every phone
   * frame asks it whether the frame is the check's answer, which must not cost a storage read.
   */
  let known: Promise<PairingVerification | null> | null = null;
  const read = () => (known ??= deps.item.getValue());
  const write = async (value: PairingVerification | null) => {
    known = Promise.resolve(value);
    await deps.item.setValue(value);
  };

  async function conclude(requestId: string, result: { verified: true } | { verified: false; reason: Message }) {
    const current = await read();
    if (current?.state !== 'checking' || current.challengeId !== requestId) return;
    const base = { requestId: current.requestId, wallet: current.wallet, at: deps.now() };
    await write(result.verified ? { ...base, state: 'verified' } : { ...base, state: 'not-verified', reason: result.reason });
  }

  return {
    async onChannelOpen(pairing, fingerprint, options = {}) {
      const previous = forPairing(await read(), pairing);
      if (!options.force && previous && (previous.state === 'verified' || (previous.state === 'checking' && deps.now() - previous.startedAt < CHALLENGE_DEADLINE_MS))) return;
      const challenge = buildPairingChallenge(pairing.wallet, fingerprint, deps.randomBytes(16));
      const challengeId = deps.newId();
      await write({ state: 'checking', requestId: pairing.requestId, wallet: pairing.wallet, challengeId, txn: challenge.txn, startedAt: deps.now() });
      const sent = await deps.phone.sendSign(challengeId, [{ txn: challenge.txn }]);
      if (!sent.ok) return conclude(challengeId, { verified: false, reason: message('verify_offline') });
      deps.setTimeout(() => void conclude(challengeId, { verified: false, reason: message('verify_no_answer') }), CHALLENGE_DEADLINE_MS);
    },

    async onPhoneReply(reply) {
      if (reply.kind === 'invalid' && reply.requestId === undefined) return false;
      const current = await read();
      if (current?.state !== 'checking' || current.challengeId !== reply.requestId) return false;
      if (reply.kind === 'invalid' || reply.kind === 'signature') {
        await conclude(current.challengeId, { verified: false, reason: reply.kind === 'invalid' ? message('verify_unreadable', reply.reason) : message('verify_data_signature') });
      }
      else if (reply.kind === 'error') await conclude(current.challengeId, { verified: false, reason: message('verify_refused', reply.error.message) });
      else {
        const decoded = decodeWalletTransactions([{ txn: current.txn }]);
        const checked = decoded.ok ? await checkPhoneReply(decoded.value, reply.stxns) : decoded;
        // A signature is required: a phone that answers null did not prove anything.
        const signed = checked.ok && checked.value[0] !== null;
        await conclude(current.challengeId, signed ? { verified: true } : { verified: false, reason: checked.ok ? message('verify_not_signed') : message('verify_wrong_signature', checked.error.message) });
      }
      return true;
    },

    async forget() {
      await write(null);
    },
  };
}
