/**
 * Seeding the stand-in's ledger: the TestNet-like default that `npm start` serves, and the JSON that
 * `POST /stand-in/seed` takes (amounts as numbers or decimal strings).
 */
import algosdk from 'algosdk';
import type { Ledger, SeedAccount, SeedAsset } from './ledger.ts';

export interface Seed {
  assets?: SeedAsset[];
  accounts?: SeedAccount[];
}

/**
 * A fixed creator that holds the default assets. Its key is derived from a public, fixed seed: it is
 * a test account and holds nothing anywhere else.
 */
const CREATOR = algosdk.mnemonicToSecretKey(algosdk.mnemonicFromSeed(new Uint8Array(32).fill(7)));

/** Asset ids and names as on TestNet, so that dApps written for TestNet read the same. */
export const DEFAULT_SEED: Seed = {
  assets: [
    { index: 10458941, creator: CREATOR.addr.toString(), decimals: 6, total: 10_000_000_000_000_000n, name: 'USDC', unitName: 'USDC', url: 'https://www.centre.io' },
    { index: 21582668, creator: CREATOR.addr.toString(), decimals: 2, total: 100_000_000n, name: 'Tandem Test Token', unitName: 'TTT' },
  ],
  accounts: [{ address: CREATOR.addr.toString(), microAlgos: 10_000_000_000_000n }],
};

export function applySeed(ledger: Ledger, seed: Seed): void {
  for (const asset of seed.assets ?? []) ledger.seedAsset(asset);
  for (const account of seed.accounts ?? []) ledger.seedAccount(account);
}

function integer(value: unknown, what: string): bigint {
  if ((typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) || (typeof value === 'string' && /^\d+$/.test(value))) return BigInt(value);
  throw new Error(`${what} must be a non-negative integer`);
}

function address(value: unknown, what: string): string {
  if (typeof value !== 'string' || !algosdk.isValidAddress(value)) throw new Error(`${what} must be an Algorand address`);
  return value;
}

function optionalText(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 64) throw new Error(`${what} must be a string of at most 64 characters`);
  return value;
}

function list(value: unknown, what: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 1000) throw new Error(`${what} must be a list`);
  return value;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new Error(`${what} must be an object`);
  return value as Record<string, unknown>;
}

/** Reads `{assets?: [...], accounts?: [...]}` from untrusted JSON. */
export function parseSeed(json: unknown): Seed {
  const body = record(json, 'the seed');
  const assets = list(body.assets, 'assets').map((item, i): SeedAsset => {
    const asset = record(item, `assets[${i}]`);
    const decimals = Number(integer(asset.decimals, `assets[${i}].decimals`));
    if (decimals > 19) throw new Error(`assets[${i}].decimals must be at most 19`);
    return {
      index: integer(asset.index, `assets[${i}].index`),
      creator: address(asset.creator, `assets[${i}].creator`),
      decimals,
      total: integer(asset.total, `assets[${i}].total`),
      name: optionalText(asset.name, `assets[${i}].name`),
      unitName: optionalText(asset.unitName, `assets[${i}].unitName`),
    };
  });
  const accounts = list(body.accounts, 'accounts').map((item, i): SeedAccount => {
    const account = record(item, `accounts[${i}]`);
    return {
      address: address(account.address, `accounts[${i}].address`),
      microAlgos: integer(account.microAlgos, `accounts[${i}].microAlgos`),
      assets: list(account.assets, `accounts[${i}].assets`).map((h, j) => {
        const holding = record(h, `accounts[${i}].assets[${j}]`);
        return { assetId: integer(holding.assetId, `accounts[${i}].assets[${j}].assetId`), amount: integer(holding.amount, `accounts[${i}].assets[${j}].amount`) };
      }),
      authAddr: account.authAddr === undefined ? undefined : address(account.authAddr, `accounts[${i}].authAddr`),
    };
  });
  return { assets, accounts };
}
