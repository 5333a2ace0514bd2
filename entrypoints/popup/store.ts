/**
 * The view's cache of background state. The background is the only writer of these items;
 * the store reads them once and follows their changes.
 */
import { create } from 'zustand';
import { DEFAULT_SETTINGS, INITIAL_CONNECTION, accountsItem, blockedOriginsItem, connectionItem, phonesItem, customWalletsItem, pairingsItem, queueItem, settingsItem, sitesItem, verificationItem, walletChoiceItem } from '@/lib/storage/items';
import type { CustomWallet, StoredAccounts, PairingVerification, QueuedRequest, Settings, SiteSession, WalletChoice } from '@/lib/storage/types';
import type { ConnectionState, Pairing } from '@/lib/liquid/types';
import { markHop } from '@/lib/perf/hop-marks';

export interface ViewState {
  hydrated: boolean;
  connection: ConnectionState;
  /** The paired phones, in the order they were paired. */
  pairings: Pairing[];
  /** Each paired phone's link, by its pairing's requestId. */
  phones: Record<string, ConnectionState>;
  /** What each paired phone proved about its account, by its pairing's requestId. */
  verification: Record<string, PairingVerification>;
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
  pairings: [],
  phones: {},
  verification: {},
  sites: [],
  blockedOrigins: [],
  queue: [],
  settings: DEFAULT_SETTINGS,
  walletChoice: null,
  customWallets: [],
  storedAccounts: { names: {}, rekeyed: [] },
}));

/** A stored value the background could not migrate is not a list: the popup shows no pairing (the background says why). */
const listOf = (value: unknown): Pairing[] => (Array.isArray(value) ? (value as Pairing[]) : []);

/** Likewise a verification not migrated to the record: no pairing shows as proven. */
const recordOf = (value: unknown): Record<string, PairingVerification> => (typeof value === 'object' && value !== null && !Array.isArray(value) && !('state' in value) ? (value as Record<string, PairingVerification>) : {});

export async function hydrate(): Promise<() => void> {
  // Watch first, then read: a change that lands while the values are being read is not lost. What a
  // watcher set is newer than the read, so the read fills in only the values no watcher has set.
  const seen = new Set<keyof ViewState>();
  const follow = (patch: Partial<ViewState>) => {
    for (const key of Object.keys(patch) as (keyof ViewState)[]) seen.add(key);
    useView.setState(patch);
  };
  const unwatch = [
    connectionItem.watch((value) => follow({ connection: value ?? INITIAL_CONNECTION })),
    phonesItem.watch((value) => follow({ phones: value ?? {} })),
    pairingsItem.watch((value) => follow({ pairings: listOf(value) })),
    verificationItem.watch((value) => follow({ verification: recordOf(value) })),
    sitesItem.watch((value) => follow({ sites: Object.values(value ?? {}) })),
    blockedOriginsItem.watch((value) => follow({ blockedOrigins: value ?? [] })),
    queueItem.watch((value) => follow({ queue: value ?? [] })),
    settingsItem.watch((value) => follow({ settings: { ...DEFAULT_SETTINGS, ...value } })),
    walletChoiceItem.watch((value) => follow({ walletChoice: value })),
    customWalletsItem.watch((value) => follow({ customWallets: value ?? [] })),
    accountsItem.watch((value) => follow({ storedAccounts: value ?? { names: {}, rekeyed: [] } })),
  ];
  const [connection, phones, pairings, verification, sites, blockedOrigins, queue, settings, walletChoice, customWallets, storedAccounts] = await Promise.all([
    connectionItem.getValue(),
    phonesItem.getValue(),
    pairingsItem.getValue(),
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
  const read: Partial<ViewState> = { connection, phones: phones ?? {}, pairings: listOf(pairings), verification: recordOf(verification), sites: Object.values(sites), blockedOrigins, queue, settings: { ...DEFAULT_SETTINGS, ...settings }, walletChoice, customWallets, storedAccounts };
  const unseen = Object.fromEntries(Object.entries(read).filter(([key]) => !seen.has(key as keyof ViewState)));
  useView.setState({ ...unseen, hydrated: true });
  return () => unwatch.forEach((u) => u());
}
