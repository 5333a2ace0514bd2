/**
 * `window.dapp`: the test dApp's automation API, a promise layer over AVMWebClient.
 *
 * AVMWebClient (@agoralabs-sh/avm-web-provider 1.7.0) is fire-and-listen: `client.enable()` dispatches
 * the request event and returns its id; answers arrive on `onEnable(...)` listeners, one call per
 * provider that answered. It has no per-call timeout of its own: it merely stops listening for an id
 * after 180 s, silently. So this layer correlates by request id, gives every call a deadline (4002
 * when it passes) and, for discover, collects every provider that answers within a short window.
 * Every method resolves to an Outcome; none throws or rejects.
 */
import {
  AVMWebClient,
  type IAVMWebClientCallbackOptions,
  type IDisableParams,
  type IEnableParams,
  type IPostTransactionsParams,
  type ISignMessageParams,
  type ISignTransactionsParams,
} from '@agoralabs-sh/avm-web-provider';
import { TANDEM_PROVIDER_ID } from '../../lib/arc27/types';
import type { DappNetwork } from './networks';
import { buildGroup, buildPayment, type DappWalletTxn, type GroupOptions, type PaymentOptions } from './transactions';
import { buildSignData, requestSignData, type SignDataOverrides } from './sign-data';

export type Outcome<T = unknown> = { ok: true; result: T } | { ok: false; error: { code: number; message: string; data?: unknown } };

export interface DiscoveredProvider {
  name?: unknown;
  providerId?: unknown;
  networks?: unknown;
  [key: string]: unknown;
}

export interface DiscoverOutcomeResult {
  providers: DiscoveredProvider[];
  /** Providers that answered discover with an error. */
  errors?: { code: number; message: string; providerId?: unknown }[];
}

export interface DappApi {
  discover(): Promise<Outcome<DiscoverOutcomeResult>>;
  /** `silent`: Tandem's silent enable (restore an existing session, never prompt). */
  enable(genesisHash?: string, options?: { silent?: boolean }): Promise<Outcome>;
  disable(): Promise<Outcome>;
  signTransactions(txns: { txn: string; signers?: string[]; authAddr?: string; message?: string; groupMessage?: string }[]): Promise<Outcome>;
  /** ARC-0027 sign_message (arbitrary bytes as a string); `signer` defaults to none. */
  signMessage(message: string, signer?: string): Promise<Outcome>;
  /** ARC-0027 post_transactions: signed transactions (standard base64) for the wallet to send. */
  postTransactions(stxns: string[]): Promise<Outcome>;
  /** ARC-0027 sign_and_post_transactions: sign as sign_transactions does, then send. */
  signAndPostTransactions(txns: { txn: string; signers?: string[]; authAddr?: string; stxn?: string }[]): Promise<Outcome>;
  /**
   * ARC-0060 signData (Tandem's own page event): a sign-in for the connected account on this page,
   * with any field overridden. The result carries the request's fields and the signature (base64).
   */
  signData(overrides?: SignDataOverrides): Promise<Outcome>;
  buildPayment(from: string, opts?: { amount?: number; genesisHash?: string; note?: string }): string;
  buildGroup(from: string, n: number, opts?: { foreignIndex?: number; genesisHash?: string }): DappWalletTxn[];
  /** Tandem's provider id once discover found it (by id, else by the name "Tandem"). */
  providerId: string | null;
  /** The accounts and network of the last successful enable. */
  readonly session: { accounts: string[]; genesisHash: string | null };
}

export interface DappTimeouts {
  /** enable / disable / sign_transactions deadline. */
  requestMs: number;
  /** How long discover listens for answers. */
  discoverMs: number;
}

/** The client stops listening for a request id after this long (its DEFAULT_REQUEST_TIMEOUT). */
export const CLIENT_LISTEN_LIMIT_MS = 180_000;
/** The client library's own constant for short calls (LOWER_REQUEST_TIMEOUT). */
export const DEFAULT_DISCOVER_MS = 750;

type Method = 'discover' | 'enable' | 'disable' | 'sign_transactions' | 'sign_message' | 'post_transactions' | 'sign_and_post_transactions';
type Answer = IAVMWebClientCallbackOptions<unknown>;

function fail(code: number, message: string): Outcome<never> {
  return { ok: false, error: { code, message } };
}

function errorOf(answer: Answer): { code: number; message: string; data?: unknown } {
  const error = answer.error as { code?: unknown; message?: unknown; data?: unknown } | null;
  const out: { code: number; message: string; data?: unknown } = {
    code: typeof error?.code === 'number' ? error.code : 4000,
    message: typeof error?.message === 'string' ? error.message : '',
  };
  // 4300 carries the ids of what was sent (ARC-0007's successTxnIDs).
  if (error?.data !== undefined) out.data = error.data;
  return out;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface DappApiOptions {
  timeouts: DappTimeouts;
  /** The network used when a call names no genesis hash and no session exists yet. */
  selectedNetwork: () => DappNetwork;
  networks: DappNetwork[];
  /** Called after every API call with its name and outcome (the page shows it). */
  onOutcome?: (action: string, outcome: Outcome) => void;
}

export function createDappApi(options: DappApiOptions): DappApi {
  const client = AVMWebClient.init();
  const listeners = new Map<string, (answer: Answer) => void>();
  const route = (answer: Answer) => listeners.get(answer.requestId)?.(answer);
  client.onDiscover(route);
  client.onEnable(route);
  client.onDisable(route);
  client.onSignTransactions(route);
  client.onSignMessage(route);
  client.onPostTransactions(route);
  client.onSignAndPostTransactions(route);

  const requestMs = Math.min(Math.max(1, options.timeouts.requestMs), CLIENT_LISTEN_LIMIT_MS);
  const session: { accounts: string[]; genesisHash: string | null } = { accounts: [], genesisHash: null };

  /** Params are built by this module; the casts only bridge to the library's optional-field types. */
  function send(method: Method, params?: Record<string, unknown>): string {
    switch (method) {
      case 'discover':
        // No providerId: every provider on the page may answer.
        return client.discover();
      case 'enable':
        return client.enable(params as IEnableParams);
      case 'disable':
        return client.disable(params as IDisableParams);
      case 'sign_transactions':
        return client.signTransactions(params as unknown as ISignTransactionsParams);
      case 'sign_message':
        return client.signMessage(params as unknown as ISignMessageParams);
      case 'post_transactions':
        return client.postTransactions(params as unknown as IPostTransactionsParams);
      case 'sign_and_post_transactions':
        return client.signAndPostTransactions(params as unknown as ISignTransactionsParams);
    }
  }

  /** One request, first answer wins, deadline → 4002. */
  function request(method: Method, params: Record<string, unknown>): Promise<Outcome> {
    return new Promise((resolve) => {
      let requestId: string;
      try {
        requestId = send(method, params);
      } catch (err) {
        resolve(fail(4000, `could not send ${method}: ${messageOf(err)}`));
        return;
      }
      const timer = setTimeout(() => {
        listeners.delete(requestId);
        resolve(fail(4002, `no answer to ${method} within ${requestMs} ms`));
      }, requestMs);
      listeners.set(requestId, (answer) => {
        clearTimeout(timer);
        listeners.delete(requestId);
        resolve(answer.error ? { ok: false, error: errorOf(answer) } : { ok: true, result: answer.result });
      });
    });
  }

  function report<T>(action: string, outcome: Outcome<T>): Outcome<T> {
    try {
      options.onOutcome?.(action, outcome as Outcome);
    } catch {
      // the page's display must never break the API
    }
    return outcome;
  }

  /** Runs `body`, turning anything thrown into a 4000 outcome. */
  async function guarded<T>(action: string, body: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    try {
      return report(action, await body());
    } catch (err) {
      return report(action, fail(4000, `dApp error in ${action}: ${messageOf(err)}`));
    }
  }

  const target = () => api.providerId ?? TANDEM_PROVIDER_ID;
  const networkFor = (genesisHash?: string): DappNetwork => {
    const hash = genesisHash ?? session.genesisHash ?? options.selectedNetwork().genesisHash;
    return options.networks.find((network) => network.genesisHash === hash) ?? { key: 'unknown', label: 'Custom', genesisId: 'unknown-v1', genesisHash: hash };
  };

  const api: DappApi = {
    providerId: null,
    session,

    discover: () =>
      guarded('discover', async () => {
        const providers: DiscoveredProvider[] = [];
        const errors: NonNullable<DiscoverOutcomeResult['errors']> = [];
        const requestId = send('discover');
        listeners.set(requestId, (answer) => {
          if (answer.error) errors.push({ ...errorOf(answer), providerId: (answer.error as { providerId?: unknown }).providerId });
          else if (answer.result && typeof answer.result === 'object') providers.push(answer.result as DiscoveredProvider);
        });
        await new Promise((resolve) => setTimeout(resolve, options.timeouts.discoverMs));
        listeners.delete(requestId);
        const tandem =
          providers.find((provider) => provider.providerId === TANDEM_PROVIDER_ID) ?? providers.find((provider) => provider.name === 'Tandem');
        api.providerId = typeof tandem?.providerId === 'string' ? tandem.providerId : null;
        return { ok: true, result: errors.length > 0 ? { providers, errors } : { providers } };
      }),

    enable: (genesisHash, options) =>
      guarded('enable', async () => {
        const params: Record<string, unknown> = { providerId: target() };
        if (genesisHash !== undefined) params.genesisHash = genesisHash;
        if (options?.silent) params.tandem = { silent: true };
        const outcome = await request('enable', params);
        if (outcome.ok) {
          const result = outcome.result as { accounts?: { address?: unknown }[]; genesisHash?: unknown } | null;
          session.accounts = (result?.accounts ?? []).map((account) => account.address).filter((a): a is string => typeof a === 'string');
          session.genesisHash = typeof result?.genesisHash === 'string' ? result.genesisHash : null;
        }
        return outcome;
      }),

    disable: () =>
      guarded('disable', async () => {
        const params: Record<string, unknown> = { providerId: target() };
        if (session.genesisHash !== null) params.genesisHash = session.genesisHash;
        const outcome = await request('disable', params);
        if (outcome.ok) {
          session.accounts = [];
          session.genesisHash = null;
        }
        return outcome;
      }),

    signTransactions: (txns) => guarded('sign_transactions', () => request('sign_transactions', { providerId: target(), txns })),

    signMessage: (message, signer) =>
      guarded('sign_message', () => request('sign_message', signer === undefined ? { providerId: target(), message } : { providerId: target(), message, signer })),

    postTransactions: (stxns) => guarded('post_transactions', () => request('post_transactions', { providerId: target(), stxns })),

    signAndPostTransactions: (txns) => guarded('sign_and_post_transactions', () => request('sign_and_post_transactions', { providerId: target(), txns })),

    signData: (overrides) =>
      guarded('sign_data', async () => {
        const account = session.accounts[0];
        if (account === undefined) return fail(4100, 'connect first: no account');
        return requestSignData(await buildSignData(account, overrides), requestMs);
      }),

    buildPayment: (from, opts = {}) => {
      const paymentOptions: PaymentOptions = {};
      if (opts.amount !== undefined) paymentOptions.amount = opts.amount;
      if (opts.note !== undefined) paymentOptions.note = opts.note;
      return buildPayment(from, networkFor(opts.genesisHash), paymentOptions);
    },

    buildGroup: (from, n, opts = {}) => {
      const groupOptions: GroupOptions = {};
      if (opts.foreignIndex !== undefined) groupOptions.foreignIndex = opts.foreignIndex;
      return buildGroup(from, n, networkFor(opts.genesisHash), groupOptions);
    },
  };
  return api;
}
