/**
 * The wallet app chosen for pairing and the wallets the user added: this module is their only
 * writer. A new pairing links through the chosen wallet's server (each wallet app works only with
 * its own Liquid Auth server, liquid-protocol.md §8); a stored pairing keeps its own server, so
 * re-scans and unpair never follow a later choice.
 */
import type { CustomWallet, Settings, WalletChoice } from '@/lib/storage/types';
import type { WatchedValue } from './preferences';

export interface Wallets {
  choose(choice: WalletChoice): Promise<void>;
  saveCustom(wallets: CustomWallet[]): Promise<CustomWallet[]>;
  /** The settings signaling reads, with `serverUrl` the chosen wallet's server (Settings' when none was chosen). */
  signalingSettings(settings: Settings): Promise<Settings>;
}

export function createWallets(items: { choice: WatchedValue<WalletChoice | null>; custom: WatchedValue<CustomWallet[]> }): Wallets {
  let choice: Promise<WalletChoice | null> | null = null;
  // Read again after any change (a test or another page may write it).
  items.choice.watch(() => {
    choice = null;
  });
  return {
    async choose(next) {
      choice = Promise.resolve(next);
      await items.choice.setValue(next);
    },
    async saveCustom(wallets) {
      await items.custom.setValue(wallets);
      return wallets;
    },
    async signalingSettings(settings) {
      const chosen = await (choice ??= items.choice.getValue());
      return chosen ? { ...settings, serverUrl: chosen.server } : settings;
    },
  };
}
