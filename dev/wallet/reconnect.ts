/**
 * The request a phone last linked to, per server and account, so that "Reconnect" can do what a wallet app does
 * when the user opens it again (liquid-protocol.md §5.2): assert its passkey with the **same** requestId (which
 * resolves the `link` Tandem keeps pending for its pairing) and offer a new data channel. No released server has
 * a presence or reconnect event, and the reference phones do not reconnect by themselves; the QR stays the
 * fallback. Kept in localStorage beside the passkey ids, like the phone's list of pairings.
 */
import type { KeyValueStore } from './account';

const PREFIX = 'tandem-dev-wallet:';

function sessionKey(origin: string, address: string): string {
  return `${PREFIX}session:${origin}:${address}`;
}

/** The liquid:// link of the request this account last linked to on `origin`, or null. */
export function loadSessionLink(store: KeyValueStore, origin: string, address: string): string | null {
  return store.getItem(sessionKey(origin, address));
}

export function saveSessionLink(store: KeyValueStore, origin: string, address: string, link: string): void {
  store.setItem(sessionKey(origin, address), link);
}
