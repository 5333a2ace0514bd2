/**
 * popup / approval window → background. The view reads state from storage (written only by
 * the background) and asks for every change through these messages.
 */
import type { ChannelSpec } from './channel';
import { emptyPayload, isRecord, keyPayload, optionalString, stringField } from './parse';
import type { CustomWallet, Settings, WalletChoice } from '../storage/types';
import { parseCustomWallets, parseWalletChoice } from './wallet-payloads';
import { parseAlgodEndpoints } from '../algorand/algod-endpoints';
import type { FactsReply, HomeBalance } from '../algorand/facts';
import type { IceServerSetting } from '../messaging/peer-protocol';
import type { Account } from '../accounts/accounts';
import { isCanonicalAddress } from '../algorand/decode';

export type PopupCatalogue = {
  /** Wake the background and have it refresh the connection state from the peer host. */
  'state/refresh': { request: Record<string, never>; response: { startedAt: number } };
  /**
   * Start (or resume) pairing. `requestId`: re-link that paired phone (its re-scan QR). Otherwise the
   * new pairing's attempt: its current QR, or with `fresh` a new one (a first phone, or another one).
   */
  'pairing/start': { request: { fresh?: boolean; requestId?: string }; response: { requestId: string } };
  'pairing/cancel': { request: Record<string, never>; response: Record<string, never> };
  /** Log out on the server, close the channel, forget the pairing: phone `requestId`'s, or with none every phone's. */
  'pairing/unpair': { request: { requestId?: string }; response: Record<string, never> };
  /** Ask a connected phone (`requestId`, else the first) to sign the pairing check again (proof of possession). */
  'pairing/verify': { request: { requestId?: string }; response: Record<string, never> };
  'settings/save': { request: Partial<Settings>; response: Settings };
  /** Remember the wallet app chosen in the pairing screen: the next new pairing links through its server. */
  'wallet/choose': { request: WalletChoice; response: Record<string, never> };
  /** The wallet apps the user added in Settings (the whole list). */
  'wallets/save': { request: { wallets: CustomWallet[] }; response: { wallets: CustomWallet[] } };
  'sites/revoke': { request: { origin: string; genesisHash?: string }; response: { revoked: number } };
  /** Refuse the site's requests from now on (4001) and answer its waiting ones; ends its sessions. */
  'sites/block': { request: { origin: string }; response: Record<string, never> };
  'sites/unblock': { request: { origin: string }; response: Record<string, never> };
  /** `accounts`: for a connect, the accounts the user chose to share. */
  'request/approve': { request: { key: string; accounts?: string[] }; response: Record<string, never> };
  /** Add an account rekeyed to the phone's key (checked with algod when it can be). */
  'accounts/add': { request: { address: string }; response: { account: Account } };
  /** Name an account ('' gives back the phone's name or none). */
  'accounts/rename': { request: { address: string; name: string }; response: Record<string, never> };
  /** Change which accounts a connected site's session shares. */
  'sites/choose': { request: { origin: string; genesisHash: string; accounts: string[] }; response: Record<string, never> };
  'request/reject': { request: { key: string }; response: Record<string, never> };
  /** Reject every open request (4001), e.g. when many sites or frames ask at once. */
  'request/reject-all': { request: Record<string, never>; response: { rejected: number } };
  /** What the request's network says about it (entrypoints/background/network-reads.ts). */
  'network/facts': { request: { key: string }; response: FactsReply };
  /** The paired account's balances on the networks of its sites (MainNet when none), for the home view. */
  'network/balances': { request: Record<string, never>; response: HomeBalance[] };
};

export const popupChannel: ChannelSpec<PopupCatalogue> = {
  name: 'tandem/popup',
  parsers: {
    'state/refresh': emptyPayload,
    'pairing/start': (p) => {
      if (p === undefined) return {};
      const phone = requestIdPayload(p);
      if (!phone || !isRecord(p)) return null;
      return p.fresh === true ? { ...phone, fresh: true } : phone;
    },
    'pairing/cancel': emptyPayload,
    'pairing/unpair': requestIdPayload,
    'pairing/verify': requestIdPayload,
    'settings/save': parseSettingsPatch,
    'wallet/choose': parseWalletChoice,
    'wallets/save': parseCustomWallets,
    'sites/revoke': (p) => {
      if (!isRecord(p)) return null;
      const origin = stringField(p, 'origin', 2048);
      const genesisHash = optionalString(p, 'genesisHash', 64);
      if (origin === null || genesisHash === null) return null;
      return genesisHash === undefined ? { origin } : { origin, genesisHash };
    },
    'sites/block': originPayload,
    'sites/unblock': originPayload,
    'request/approve': (p) => {
      const key = keyPayload(p);
      if (!key || !isRecord(p)) return null;
      if (p.accounts === undefined) return key;
      const accounts = addressList(p.accounts);
      return accounts ? { ...key, accounts } : null;
    },
    'accounts/add': (p) => {
      if (!isRecord(p)) return null;
      const address = stringField(p, 'address', 128);
      return address === null ? null : { address };
    },
    'accounts/rename': (p) => {
      if (!isRecord(p)) return null;
      const address = stringField(p, 'address', 128);
      const name = typeof p.name === 'string' && p.name.length <= 256 ? p.name : null;
      return address === null || name === null ? null : { address, name };
    },
    'sites/choose': (p) => {
      if (!isRecord(p)) return null;
      const origin = stringField(p, 'origin', 2048);
      const genesisHash = stringField(p, 'genesisHash', 64);
      const accounts = addressList(p.accounts);
      return origin === null || genesisHash === null || !accounts ? null : { origin, genesisHash, accounts };
    },
    'request/reject': keyPayload,
    'request/reject-all': emptyPayload,
    'network/facts': keyPayload,
    'network/balances': emptyPayload,
  },
};

/** One to 64 valid addresses. */
function addressList(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > 64 || !value.every(isCanonicalAddress)) return null;
  return value as string[];
}

/** An optional phone, named by its pairing's requestId. */
function requestIdPayload(p: unknown): { requestId?: string } | null {
  if (p === undefined) return {};
  if (!isRecord(p)) return null;
  const requestId = optionalString(p, 'requestId', 64);
  if (requestId === null) return null;
  return requestId === undefined ? {} : { requestId };
}

function originPayload(p: unknown): { origin: string } | null {
  if (!isRecord(p)) return null;
  const origin = stringField(p, 'origin', 2048);
  return origin === null ? null : { origin };
}

const NUMERIC_SETTINGS = ['requestDeadlineMs', 'linkTimeoutMs', 'offerTimeoutMs', 'channelOpenTimeoutMs', 'highFeeMicroAlgos'] as const;

export function parseSettingsPatch(value: unknown): Partial<Settings> | null {
  if (!isRecord(value)) return null;
  const patch: Partial<Settings> = {};
  if (value.serverUrl !== undefined) {
    if (typeof value.serverUrl !== 'string') return null;
    try {
      const url = new URL(value.serverUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
      patch.serverUrl = url.origin;
    } catch {
      return null;
    }
  }
  for (const key of NUMERIC_SETTINGS) {
    const n = value[key];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 24 * 3600_000) return null;
    patch[key] = n;
  }
  if (value.localNetGenesisHash !== undefined) {
    const hash = value.localNetGenesisHash;
    if (typeof hash !== 'string' || (hash !== '' && !/^[A-Za-z0-9+/]{43}=$/.test(hash))) return null;
    patch.localNetGenesisHash = hash;
  }
  if (value.algod !== undefined) {
    const algod = parseAlgodEndpoints(value.algod);
    if (algod === null) return null;
    patch.algod = algod;
  }
  if (value.networkReads !== undefined) {
    if (typeof value.networkReads !== 'boolean') return null;
    patch.networkReads = value.networkReads;
  }
  if (value.iceServers !== undefined) {
    const ice = parseIceServers(value.iceServers);
    if (ice === null) return null;
    patch.iceServers = ice;
  }
  return patch;
}

function parseIceServers(value: unknown): IceServerSetting[] | null {
  if (!Array.isArray(value) || value.length > 8) return null;
  const out: IceServerSetting[] = [];
  for (const entry of value) {
    if (!isRecord(entry)) return null;
    const urls = entry.urls;
    const list = typeof urls === 'string' ? [urls] : Array.isArray(urls) ? urls : null;
    if (!list || list.length === 0 || !list.every((u) => typeof u === 'string' && /^(stuns?|turns?):/.test(u))) return null;
    const server: IceServerSetting = { urls: typeof urls === 'string' ? urls : (list as string[]) };
    const username = optionalString(entry, 'username', 512);
    const credential = optionalString(entry, 'credential', 512);
    if (username === null || credential === null) return null;
    if (username !== undefined) server.username = username;
    if (credential !== undefined) server.credential = credential;
    out.push(server);
  }
  return out;
}
