/**
 * The phone's Algorand account and its other remembered bits (provider id, passkey ids), kept
 * in localStorage like a phone keeps them in its keystore. This is a development tool: the
 * mnemonic sits in plain localStorage on purpose.
 */
import { generateAccount, mnemonicToSecretKey, secretKeyToMnemonic } from 'algosdk';
import { v7 as uuidv7 } from 'uuid';
import type { PhoneKey } from './signer';

/** The subset of `Storage` used here, so tests can pass a Map-backed fake. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'tandem-dev-wallet:';
const MNEMONIC_KEY = `${PREFIX}mnemonic`;
const PROVIDER_ID_KEY = `${PREFIX}provider-id`;

/**
 * The account from `mnemonic` when given (and remembered for next time), otherwise the one
 * remembered, otherwise a new one. Throws on a mnemonic algosdk does not accept.
 */
export function loadAccount(store: KeyValueStore, mnemonic?: string): PhoneKey {
  const given = mnemonic?.trim().toLowerCase().split(/\s+/).join(' ');
  if (given) {
    const account = mnemonicToSecretKey(given);
    store.setItem(MNEMONIC_KEY, given);
    return { address: account.addr.toString(), secretKey: account.sk };
  }
  const saved = store.getItem(MNEMONIC_KEY);
  if (saved) {
    try {
      const account = mnemonicToSecretKey(saved);
      return { address: account.addr.toString(), secretKey: account.sk };
    } catch {
      // A corrupt entry: fall through and replace it rather than brick the page.
    }
  }
  const account = generateAccount();
  store.setItem(MNEMONIC_KEY, secretKeyToMnemonic(account.sk));
  return { address: account.addr.toString(), secretKey: account.sk };
}

/** The 25-word mnemonic of the stored account (shown on demand so tests can reuse the account). */
export function storedMnemonic(store: KeyValueStore): string | null {
  return store.getItem(MNEMONIC_KEY);
}

/** The phone's own ARC-0027 provider id, created once. */
export function loadProviderId(store: KeyValueStore): string {
  const saved = store.getItem(PROVIDER_ID_KEY);
  if (saved) return saved;
  const id = uuidv7();
  store.setItem(PROVIDER_ID_KEY, id);
  return id;
}

/** Passkeys are per server origin (RP ID) and per account, like a phone's list of pairings. */
function credentialKey(origin: string, address: string): string {
  return `${PREFIX}credential:${origin}:${address}`;
}

export function loadCredentialId(store: KeyValueStore, origin: string, address: string): string | null {
  return store.getItem(credentialKey(origin, address));
}

export function saveCredentialId(store: KeyValueStore, origin: string, address: string, credId: string): void {
  store.setItem(credentialKey(origin, address), credId);
}

export function forgetCredentialId(store: KeyValueStore, origin: string, address: string): void {
  store.removeItem(credentialKey(origin, address));
}

/**
 * The store of one phone profile (`?profile=b`): two dev-wallet pages on one origin share
 * localStorage, so each profile's keys get their own prefix and the pages play two phones with
 * their own accounts, passkey ids and session links. No profile: the keys as they always were.
 */
export function profileStore(store: KeyValueStore, profile: string | null): KeyValueStore {
  if (profile === null || profile === '') return store;
  if (!/^[a-z0-9-]{1,32}$/i.test(profile)) throw new Error(`profile must be 1 to 32 letters, digits or dashes: ${profile}`);
  const prefixed = (key: string) => `profile:${profile}:${key}`;
  return {
    getItem: (key) => store.getItem(prefixed(key)),
    setItem: (key, value) => store.setItem(prefixed(key), value),
    removeItem: (key) => store.removeItem(prefixed(key)),
  };
}
