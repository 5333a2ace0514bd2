/**
 * The wallet apps Tandem knows, each with its Liquid Auth server. A phone's passkey is made for its
 * server's RP ID, and a wallet app can only make passkeys for domains it is associated with, so each
 * app works with its own server and a pairing must go through it (liquid-protocol.md §8). The data is
 * `known-wallets.json` (one `source` per entry); development builds put "Tandem dev wallet" (the
 * local dev server) first, as the default. wxt.config.ts derives the host permissions from the same
 * list (scripts/known-wallets.mjs).
 */
import shipped from './known-wallets.json' with { type: 'json' };
import { originOf } from './server-origin';

/**
 * What a wallet app speaks on the data channel: 'arc27' CBOR ARC-0027 envelopes (Biatec-style phones
 * also answer a `biatec:hello:request`), 'connections' the Algorand Foundation's JSON `{v: 1, ...}`
 * envelope, null when unknown.
 */
export type WalletEnvelope = 'arc27' | 'connections' | null;

export interface KnownWallet {
  id: string;
  name: string;
  /** The wallet's Liquid Auth server (an origin). */
  server: string;
  envelope: WalletEnvelope;
  /** True once a real phone of this wallet has paired with Tandem through `server`. */
  verified: boolean;
  /** Where the entry's facts come from. */
  source: string;
}

/** The dev build's own wallet (dev/wallet) on the local dev server; absent from store builds. */
export const DEV_WALLET: KnownWallet | null = __TANDEM_DEV_WALLET_SERVER__
  ? {
      id: 'tandem-dev',
      name: 'Tandem dev wallet',
      server: __TANDEM_DEV_WALLET_SERVER__,
      // It plays every phone (dev/wallet/README.md), so Tandem detects the envelope instead.
      envelope: null,
      verified: true,
      source: "This repository's dev wallet (dev/wallet) and dev server (dev/server).",
    }
  : null;

export const KNOWN_WALLETS: readonly KnownWallet[] = [...(DEV_WALLET ? [DEV_WALLET] : []), ...(shipped as KnownWallet[])];

/** The listed wallet whose server has this origin (scheme, host and port). */
export function knownWalletForServer(serverUrl: string): KnownWallet | undefined {
  const origin = originOf(serverUrl);
  return origin === null ? undefined : KNOWN_WALLETS.find((wallet) => originOf(wallet.server) === origin);
}
