/**
 * A Tandem stand-in for unit tests: the real AVMWebProvider from @agoralabs-sh/avm-web-provider
 * (what the extension's content script runs) on a fake `window`, answering with Tandem's provider
 * id from a table of handlers the test sets. A handler may throw `{code, message}` (an ARC-0027
 * error) or never settle (Tandem absent or stuck). Also a Node stand-in for `localStorage`, which
 * use-wallet's manager persists to.
 */
import { AVMWebProvider } from '@agoralabs-sh/avm-web-provider';
import algosdk from 'algosdk';
import { vi } from 'vitest';
import { TANDEM_PROVIDER_ID } from '../../../packages/use-wallet-tandem/src/protocol';

export const TESTNET_HASH = 'SGO1GKSzyE7IEPItTxCByw9x8FmnrCDexi9/cOUJOiI=';
export const MAINNET_HASH = 'wGHE2Pwdvd7S12BL5FaOP20EGYesN73ktiC1qzkkit8=';

type Params = Record<string, unknown>;
export interface FakeTandemHandlers {
  discover: (params: Params) => unknown;
  enable: (params: Params) => unknown;
  disable: (params: Params) => unknown;
  sign_transactions: (params: Params) => unknown;
}

export interface FakeTandem {
  account: algosdk.Account;
  handlers: FakeTandemHandlers;
  /** Every request's params, by method, in order. */
  calls: { method: keyof FakeTandemHandlers; params: Params }[];
  /** Makes every handler hang: nothing answers, as when Tandem is not installed. */
  uninstall(): void;
}

const never = () => new Promise<never>(() => undefined);

function signAsTandem(account: algosdk.Account, params: Params) {
  const txns = params.txns as { txn: string; signers?: string[] }[];
  return {
    providerId: TANDEM_PROVIDER_ID,
    stxns: txns.map((wtxn) => {
      if (wtxn.signers !== undefined) return null;
      const txn = algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(wtxn.txn));
      return algosdk.bytesToBase64(txn.signTxn(account.sk));
    }),
  };
}

/** Fresh handlers for a paired Tandem on TestNet and MainNet, with a connected session. */
export function defaultHandlers(account: algosdk.Account): FakeTandemHandlers {
  const networks = [
    { genesisHash: TESTNET_HASH, genesisId: 'testnet-v1.0', methods: ['enable', 'disable', 'sign_transactions'] },
    { genesisHash: MAINNET_HASH, genesisId: 'mainnet-v1.0', methods: ['enable', 'disable', 'sign_transactions'] },
  ];
  return {
    discover: () => ({ name: 'Tandem', providerId: TANDEM_PROVIDER_ID, networks }),
    enable: (params) => ({
      accounts: [{ address: account.addr.toString(), name: 'Phone' }],
      genesisHash: params.genesisHash,
      genesisId: 'testnet-v1.0',
      providerId: TANDEM_PROVIDER_ID,
    }),
    disable: (params) => ({ genesisHash: params.genesisHash, genesisId: 'testnet-v1.0', providerId: TANDEM_PROVIDER_ID }),
    sign_transactions: (params) => signAsTandem(account, params),
  };
}

/** Installs a fake window, localStorage and Tandem for the whole test file (call in beforeAll). */
export function installFakeTandem(): FakeTandem {
  const fakeWindow = Object.assign(new EventTarget(), { setTimeout, clearTimeout });
  vi.stubGlobal('window', fakeWindow);
  const storage = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, String(value)),
    removeItem: (key: string) => void storage.delete(key),
    clear: () => storage.clear(),
  });
  // The provider logs each thrown handler error; keep the output readable.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);

  const account = algosdk.generateAccount();
  const fake: FakeTandem = {
    account,
    handlers: defaultHandlers(account),
    calls: [],
    uninstall() {
      fake.handlers = { discover: never, enable: never, disable: never, sign_transactions: never };
    },
  };
  const provider = AVMWebProvider.init(TANDEM_PROVIDER_ID);
  // The provider hands each handler the whole request message; its params are what the dApp sent.
  const route = (method: keyof FakeTandemHandlers) => async (message: unknown) => {
    const params = ((message as { params?: Params }).params ?? {}) as Params;
    fake.calls.push({ method, params });
    return fake.handlers[method](params);
  };
  // The library types each result precisely; the handlers here answer whatever a test needs.
  provider.onDiscover(route('discover') as never);
  provider.onEnable(route('enable') as never);
  provider.onDisable(route('disable') as never);
  provider.onSignTransactions(route('sign_transactions') as never);
  return fake;
}

/** An ARC-0027 error as a Tandem handler throws it. */
export function arc27Failure(code: number, message: string) {
  return Object.assign(new Error(message), { code, providerId: TANDEM_PROVIDER_ID, toJSON: () => ({ code, message, providerId: TANDEM_PROVIDER_ID }) });
}
