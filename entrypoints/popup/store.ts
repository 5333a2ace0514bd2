/**
 * The view's cache of background state. The background is the only writer of these items;
 * the store reads them once and follows their changes.
 */
import { create } from 'zustand';
import { DEFAULT_SETTINGS, INITIAL_CONNECTION, accountsItem, blockedOriginsItem, connectionItem, customWalletsItem, pairingItem, queueItem, settingsItem, sitesItem, verificationItem, walletChoiceItem } from '@/lib/storage/items';
import type { CustomWallet, StoredAccounts, PairingVerification, QueuedRequest, Settings, SiteSession, WalletChoice } from '@/lib/storage/types';
import type { ConnectionState, Pairing } from '@/lib/liquid/types';
import { markHop } from '@/lib/perf/hop-marks';

export interface ViewState {
  hydrated: boolean;
  connection: ConnectionState;
  pairing: Pairing | null;
  verification: PairingVerification | null;
  sites: SiteSession[];
  blockedOrigins: string[];
  queue: QueuedRequest[];
  settings: Settings;
  walletChoice: WalletChoice | null;
  customWallets: CustomWallet[];
  /** Names and rekeyed accounts; the list is derived with lib/accounts/accounts.ts. */
  storedAccounts: StoredAccounts;
}

export const useView = create<ViewState>(() => ({
  hydrated: false,
  connection: INITIAL_CONNECTION,
  pairing: null,
  verification: null,
  sites: [],
  blockedOrigins: [],
  queue: [],
  settings: DEFAULT_SETTINGS,
  walletChoice: null,
  customWallets: [],
  storedAccounts: { names: {}, rekeyed: [] },
}));

export async function hydrate(): Promise<() => void> {
  const [connection, pairing, verification, sites, blockedOrigins, queue, settings, walletChoice, customWallets, storedAccounts] = await Promise.all([
    connectionItem.getValue(),
    pairingItem.getValue(),
    verificationItem.getValue(),
    sitesItem.getValue(),
    blockedOriginsItem.getValue(),
    queueItem.getValue(),
    settingsItem.getValue(),
    walletChoiceItem.getValue(),
    customWalletsItem.getValue(),
    accountsItem.getValue(),
  ]);
  markHop('windowPromptData');
  useView.setState({ hydrated: true, connection, pairing, verification, sites: Object.values(sites), blockedOrigins, queue, settings: { ...DEFAULT_SETTINGS, ...settings }, walletChoice, customWallets, storedAccounts });
  const unwatch = [
    connectionItem.watch((value) => useView.setState({ connection: value ?? INITIAL_CONNECTION })),
    pairingItem.watch((value) => useView.setState({ pairing: value })),
    verificationItem.watch((value) => useView.setState({ verification: value })),
    sitesItem.watch((value) => useView.setState({ sites: Object.values(value ?? {}) })),
    blockedOriginsItem.watch((value) => useView.setState({ blockedOrigins: value ?? [] })),
    queueItem.watch((value) => useView.setState({ queue: value ?? [] })),
    settingsItem.watch((value) => useView.setState({ settings: { ...DEFAULT_SETTINGS, ...value } })),
    walletChoiceItem.watch((value) => useView.setState({ walletChoice: value })),
    customWalletsItem.watch((value) => useView.setState({ customWallets: value ?? [] })),
    accountsItem.watch((value) => useView.setState({ storedAccounts: value ?? { names: {}, rekeyed: [] } })),
  ];
  return () => unwatch.forEach((u) => u());
}
