/** Display helpers for addresses, times and the pairing view. */
import type { ConnectionState } from '@/lib/liquid/types';

export function shortAddress(address: string): string {
  return address.length > 16 ? `${address.slice(0, 6)}…${address.slice(-6)}` : address;
}

/**
 * Whether the pairing QR may be shown. Not while 'starting': the link is not yet registered on
 * the server (Tandem's `link` goes out once its socket is connected), and a phone that scanned it
 * then would authenticate before anyone waits for it; the server drops that `auth`, and the phone's
 * offer reaches nobody. Seen in Firefox under load, where the socket's polling handshake is slower.
 */
export function showsPairingQr({ phase, link, failure }: Pick<ConnectionState, 'phase' | 'link' | 'failure'>): boolean {
  if (!link) return false;
  return phase === 'waiting-for-scan' || phase === 'phone-offline' || (phase === 'failed' && failure?.reason !== 'link-timeout');
}
