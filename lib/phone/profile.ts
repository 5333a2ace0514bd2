/**
 * What Tandem learnt about the paired phone on the channel: which envelope it speaks, what it says
 * it can do, and the accounts and name it gave. Kept in the pairing record (lib/liquid/types.ts).
 */

/**
 * The two envelope families on the `liquid` channel (liquid-protocol.md §8): `arc27` is the CBOR
 * ARC-0027 envelope of the reference phones and Biatec; `connections` is the Algorand Foundation's
 * JSON `{v: 1, ...}` envelope.
 */
export type PhoneProtocol = 'arc27' | 'connections';

export interface PhoneAccount {
  address: string;
  name?: string;
}

export interface PhoneProfile {
  protocol: PhoneProtocol;
  /** The methods the phone announced; null when it announced none (sign_transactions only). */
  methods: string[] | null;
  /** Every account a connections phone brought; empty for one-account phones. */
  accounts: PhoneAccount[];
  /** The wallet app's own name, when it gave one. */
  name?: string;
}

/** A phone that answered no opener: an ARC-0027 phone that announces nothing. */
export const SILENT_PHONE: PhoneProfile = Object.freeze({ protocol: 'arc27', methods: null, accounts: [] }) as PhoneProfile;
