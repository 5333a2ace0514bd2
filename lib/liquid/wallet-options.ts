/**
 * What the pairing screen's wallet step offers and which option it starts on: the known wallets
 * (known-wallets.ts), then the ones the user added in Settings, then "another server…".
 */
import { KNOWN_WALLETS, type KnownWallet } from './known-wallets';
import { originOf } from './server-origin';
import type { CustomWallet, WalletChoice } from '../storage/types';

/** The walletId of "another server…". */
export const OTHER_SERVER = 'other';

export function walletOptions(custom: readonly CustomWallet[]): KnownWallet[] {
  const added = custom.map((w): KnownWallet => ({ ...w, envelope: null, verified: false, source: 'Added in Settings.' }));
  return [...KNOWN_WALLETS, ...added.filter((w) => !KNOWN_WALLETS.some((k) => k.id === w.id))];
}

/**
 * The option the step starts on: the remembered choice while it is still offered; otherwise the
 * option whose server is `fallbackServer` (Settings' server: the dev server in development builds);
 * otherwise "another server…" filled in with it.
 */
export function initialChoice(options: readonly KnownWallet[], remembered: WalletChoice | null, fallbackServer: string): WalletChoice {
  if (remembered?.walletId === OTHER_SERVER) return remembered;
  const kept = remembered && options.find((w) => w.id === remembered.walletId);
  if (kept) return { walletId: kept.id, server: kept.server };
  const origin = originOf(fallbackServer);
  const match = origin === null ? undefined : options.find((w) => originOf(w.server) === origin);
  if (match) return { walletId: match.id, server: match.server };
  return { walletId: OTHER_SERVER, server: origin ?? '' };
}

/** The offered wallet app whose server is `server` (same origin). */
export function walletForServer(options: readonly KnownWallet[], server: string): KnownWallet | undefined {
  const origin = originOf(server);
  return origin === null ? undefined : options.find((w) => originOf(w.server) === origin);
}
