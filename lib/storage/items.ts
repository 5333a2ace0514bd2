/**
 * Every persisted key, in one place, with its version. The background is the only writer;
 * extension pages may read (and watch) them to render. Content scripts and the offscreen
 * document never touch storage.
 */
import { storage } from 'wxt/utils/storage';
import { defaultAlgodEndpoints } from '../algorand/algod-endpoints';
import type { ConnectionState, Pairing } from '../liquid/types';
import { PAIRING_MIGRATIONS, VERIFICATION_MIGRATIONS } from './migrations';
import type { CustomWallet, StoredAccounts, PairingVerification, QueuedRequest, SavedServerSession, Settings, SiteSession, WalletChoice } from './types';

export const DEFAULT_SETTINGS: Settings = {
  serverUrl: __TANDEM_DEFAULT_SERVER__,
  iceServers: [{ urls: 'stun:stun.l.google.com:19302' }],
  requestDeadlineMs: 5 * 60_000,
  linkTimeoutMs: 2 * 60_000,
  // liquid-protocol.md §3: the server can lose the phone's first offer; after a few seconds without
  // one, ask for a re-scan. An offer that comes later is still answered.
  offerTimeoutMs: 5_000,
  channelOpenTimeoutMs: 20_000,
  highFeeMicroAlgos: 100_000,
  localNetGenesisHash: '',
  algod: defaultAlgodEndpoints(__TANDEM_ALGOD_STAND_IN__),
  networkReads: true,
};

export const settingsItem = storage.defineItem<Partial<Settings>>('local:settings', { fallback: {}, version: 1 });

/** The paired phones, in the order they were paired (one writer: entrypoints/background/pairing-store.ts). */
export const pairingsItem = storage.defineItem<Pairing[]>('local:pairing', { fallback: [], version: 3, migrations: PAIRING_MIGRATIONS });

/**
 * What each paired phone proved about its account (proof of possession), by its pairing's requestId
 * (one writer: entrypoints/background/possession.ts).
 */
export const verificationItem = storage.defineItem<Record<string, PairingVerification>>('local:pairingVerification', { fallback: {}, version: 2, migrations: VERIFICATION_MIGRATIONS });

/** Account names the user gave and the rekeyed accounts the user added (lib/accounts/accounts.ts). */
export const accountsItem = storage.defineItem<StoredAccounts>('local:accounts', { fallback: { names: {}, rekeyed: [] }, version: 1 });

/** Site sessions keyed by `${origin} ${genesisHash}`. */
export const sitesItem = storage.defineItem<Record<string, SiteSession>>('local:sites', { fallback: {}, version: 1 });

/** The wallet app chosen for the last pairing (the pairing screen's wallet step preselects it). */
export const walletChoiceItem = storage.defineItem<WalletChoice | null>('local:walletChoice', { fallback: null, version: 1 });

/** Wallet apps the user added in Settings, offered after the known ones. */
export const customWalletsItem = storage.defineItem<CustomWallet[]>('local:customWallets', { fallback: [], version: 1 });

/** Origins the user blocked from sending requests. */
export const blockedOriginsItem = storage.defineItem<string[]>('local:blockedOrigins', { fallback: [], version: 1 });

export const INITIAL_CONNECTION: ConnectionState = { phase: 'unpaired', socket: 'offline', updatedAt: 0 };

/**
 * The pairing screen's state: a new pairing's attempt while one is under way (or when no phone is
 * paired), else the first phone's link. Written by the phones manager (entrypoints/background/phones.ts).
 */
export const connectionItem = storage.defineItem<ConnectionState>('session:connection', { fallback: INITIAL_CONNECTION, version: 1 });

/** Each paired phone's link, by its pairing's requestId (written by the phones manager, one machine per phone). */
export const phonesItem = storage.defineItem<Record<string, ConnectionState>>('session:phones', { fallback: {}, version: 1 });

/** The state of a new pairing's attempt, kept for a restarted worker (the phones manager's attempt machine). */
export const attemptItem = storage.defineItem<ConnectionState>('session:pairingAttempt', { fallback: INITIAL_CONNECTION, version: 1 });

/**
 * Each pairing's own Liquid Auth server session: the `connect.sid` cookie value saved per key (a
 * pairing's or a pairing attempt's requestId), put in place before that key's requests and socket
 * handshake (entrypoints/background/server-sessions.ts, its only writer). `storage.session`: it is a
 * bearer token for the server session, kept in memory only and gone when the browser closes, like
 * the browser-session cookie itself (no Max-Age: liquid-protocol.md §2).
 */
export const serverSessionsItem = storage.defineItem<Record<string, SavedServerSession>>('session:serverSessions', { fallback: {}, version: 1 });

export const queueItem = storage.defineItem<QueuedRequest[]>('session:queue', { fallback: [], version: 1 });

/**
 * The approval window, so a restarted worker focuses it instead of opening a second one; 'opening'
 * while a worker creates it, so one killed meanwhile leaves the opening to the next.
 */
export const approvalWindowItem = storage.defineItem<number | 'opening' | null>('session:approvalWindow', { fallback: null, version: 1 });

export async function loadSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

export function siteKey(origin: string, genesisHash: string): string {
  return `${origin} ${genesisHash}`;
}
