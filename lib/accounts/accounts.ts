/**
 * Every account Tandem can offer to sites, as pure functions of what is stored: the paired phone's
 * accounts (the account the server named, then a connections phone's others) and the rekeyed
 * accounts the user added, whose auth key one of those holds. The background is the only writer
 * of the stored part (entrypoints/background/accounts-store.ts); the popup derives the same list
 * from the same items to render it.
 *
 * Each account names the pairing that holds its key by the pairing's `requestId`, so each
 * signature can go to the phone that holds the key.
 */
import type { Pairing } from '../liquid/types';
import type { RekeyCheck, SiteSession, StoredAccounts } from '../storage/types';

export type { RekeyCheck };

export interface Account {
  address: string;
  /** The name the user gave, else the one the phone gave, else none. */
  name?: string;
  /** The pairing (its `requestId`) whose phone holds the signing key. */
  pairingId: string;
  kind: 'phone' | 'rekeyed';
  /** For a rekeyed account: the phone account whose key signs for it. */
  authAddr?: string;
  /** For a rekeyed account: whether algod confirmed its auth-addr when it was added. */
  check?: RekeyCheck;
  /** For a checked rekeyed account: the network algod answered for. */
  network?: string;
}

export const NO_STORED_ACCOUNTS: StoredAccounts = Object.freeze({ names: {}, rekeyed: [] }) as unknown as StoredAccounts;

/** The phone's own accounts, in the order it gave them: the paired account first. */
export function phoneAccounts(pairing: Pairing | null): { address: string; name?: string }[] {
  if (!pairing) return [];
  const out = [{ address: pairing.wallet, ...nameOf(pairing.phone?.accounts.find((a) => a.address === pairing.wallet)?.name) }];
  for (const a of pairing.phone?.accounts ?? []) if (!out.some((o) => o.address === a.address)) out.push({ address: a.address, ...nameOf(a.name) });
  return out;
}

const nameOf = (name: string | undefined) => (name ? { name } : {});

/**
 * The accounts list, in its one stable order: each pairing's phone accounts, pairing by pairing
 * (in the order they were paired), then the rekeyed ones in the order they were added. An account
 * two phones both hold is listed once, on the first pairing's phone. A rekeyed account is held by
 * the pairing whose phone holds its auth account; one whose auth account is no longer a phone
 * account is left out: nothing could sign for it.
 */
export function listAccounts(pairings: readonly Pairing[], stored: StoredAccounts): Account[] {
  const named = (address: string, phoneName?: string) => nameOf(stored.names[address] ?? phoneName);
  const holder = new Map<string, string>();
  const out: Account[] = [];
  for (const pairing of pairings) {
    for (const a of phoneAccounts(pairing)) {
      if (holder.has(a.address)) continue;
      holder.set(a.address, pairing.requestId);
      out.push({ address: a.address, ...named(a.address, a.name), pairingId: pairing.requestId, kind: 'phone' });
    }
  }
  for (const r of stored.rekeyed) {
    const pairingId = holder.get(r.authAddr);
    if (!pairingId || out.some((a) => a.address === r.address)) continue;
    out.push({ address: r.address, ...named(r.address), pairingId, kind: 'rekeyed', authAddr: r.authAddr, check: r.check, ...(r.network ? { network: r.network } : {}) });
  }
  return out;
}

/** `addresses` that are accounts, in the accounts list's order, each once. */
export function inListOrder(accounts: readonly Account[], addresses: readonly string[]): string[] {
  const wanted = new Set(addresses);
  return accounts.filter((a) => wanted.has(a.address)).map((a) => a.address);
}

/**
 * What the connect prompt preselects for a site: the accounts it was last given (on any network)
 * that are still accounts, else the first account.
 */
export function defaultChoice(accounts: readonly Account[], siteSessions: readonly SiteSession[]): string[] {
  const last = [...siteSessions].sort((a, b) => b.connectedAt - a.connectedAt).find((s) => inListOrder(accounts, s.accounts).length > 0);
  if (last) return inListOrder(accounts, last.accounts);
  return accounts.length > 0 ? [accounts[0]!.address] : [];
}

/** The key that signs for `sender` when it is a rekeyed account, else undefined. */
export function authAddrOf(accounts: readonly Account[], sender: string): string | undefined {
  return accounts.find((a) => a.address === sender && a.kind === 'rekeyed')?.authAddr;
}
