/** Parsers of the popup's wallet messages ('wallet/choose', 'wallets/save'): the wallet step and Settings. */
import { originOf } from '../liquid/server-origin';
import type { CustomWallet, WalletChoice } from '../storage/types';
import { isRecord, stringField } from './parse';

const WALLET_ID = /^[a-z0-9-]{1,64}$/;
/** Enough for anyone's phones; the list is shown in a popup. */
export const MAX_CUSTOM_WALLETS = 16;

export function parseWalletChoice(value: unknown): WalletChoice | null {
  if (!isRecord(value)) return null;
  const walletId = stringField(value, 'walletId', 64);
  const server = serverOrigin(value);
  return walletId !== null && WALLET_ID.test(walletId) && server !== null ? { walletId, server } : null;
}

export function parseCustomWallets(value: unknown): { wallets: CustomWallet[] } | null {
  if (!isRecord(value) || !Array.isArray(value.wallets) || value.wallets.length > MAX_CUSTOM_WALLETS) return null;
  const wallets: CustomWallet[] = [];
  for (const entry of value.wallets as unknown[]) {
    if (!isRecord(entry)) return null;
    const id = stringField(entry, 'id', 64);
    const name = stringField(entry, 'name', 64)?.trim();
    const server = serverOrigin(entry);
    if (id === null || !WALLET_ID.test(id) || !name || server === null) return null;
    wallets.push({ id, name, server });
  }
  return { wallets };
}

/** The record's `server` as an http(s) origin. */
function serverOrigin(record: Record<string, unknown>): string | null {
  const server = stringField(record, 'server', 2048);
  return server === null ? null : originOf(server);
}
