/** Page object for the test dApp (AVMWebClient) served by the dev server. */
import type { BrowserContext, Page } from '@playwright/test';

export type Outcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: { code: number; message: string; data?: unknown } };
export interface WalletTxn {
  txn: string;
  signers?: string[];
  authAddr?: string;
  stxn?: string;
}

type Api = {
  discover(): Promise<Outcome>;
  enable(genesisHash?: string, options?: { silent?: boolean }): Promise<Outcome>;
  disable(): Promise<Outcome>;
  signTransactions(txns: WalletTxn[]): Promise<Outcome>;
  signMessage(message: string, signer?: string): Promise<Outcome>;
  postTransactions(stxns: string[]): Promise<Outcome>;
  signAndPostTransactions(txns: WalletTxn[]): Promise<Outcome>;
  signData(overrides?: Record<string, unknown>): Promise<Outcome>;
  buildPayment(from: string, opts?: { amount?: number; genesisHash?: string; note?: string }): string;
  buildGroup(from: string, n: number, opts?: { foreignIndex?: number; genesisHash?: string }): WalletTxn[];
};

export const TESTNET_HASH = 'SGO1GKSzyE7IEPItTxCByw9x8FmnrCDexi9/cOUJOiI=';

export class DappPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, url: string): Promise<DappPage> {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => Boolean((window as unknown as { dapp?: unknown }).dapp));
    return new DappPage(page);
  }

  private call<T>(fn: (api: Api, arg: unknown) => Promise<T> | T, arg?: unknown): Promise<T> {
    return this.page.evaluate(
      ([source, a]) => {
        const api = (window as unknown as { dapp: Api }).dapp;
        return (new Function('api', 'arg', `return (${source})(api, arg)`) as (api: Api, arg: unknown) => Promise<T>)(api, a);
      },
      [fn.toString(), arg] as const,
    );
  }

  discover() {
    return this.call((api) => api.discover());
  }
  enable(genesisHash: string = TESTNET_HASH) {
    return this.call((api, hash) => api.enable(hash as string), genesisHash);
  }
  /** Tandem's silent enable: the existing session or 4100, never a prompt. */
  enableSilently(genesisHash: string = TESTNET_HASH) {
    return this.call((api, hash) => api.enable(hash as string, { silent: true }), genesisHash);
  }
  disable() {
    return this.call((api) => api.disable());
  }
  signTransactions(txns: WalletTxn[]) {
    return this.call((api, t) => api.signTransactions(t as WalletTxn[]), txns);
  }
  postTransactions(stxns: string[]) {
    return this.call((api, s) => api.postTransactions(s as string[]), stxns);
  }
  signAndPostTransactions(txns: WalletTxn[]) {
    return this.call((api, t) => api.signAndPostTransactions(t as WalletTxn[]), txns);
  }
  signMessage(message: string, signer?: string) {
    return this.call((api, a) => api.signMessage(...(a as [string, string | undefined])), [message, signer]);
  }
  /**
   * ARC-0060 signData on Tandem's page event: a sign-in for the connected account on this page, any
   * field overridden (`json` replaces the JSON text; a field set to null is left out).
   */
  signData(overrides: Record<string, unknown> = {}) {
    return this.call((api, o) => {
      const fields = { ...(o as Record<string, unknown>) };
      for (const key of Object.keys(fields)) if (fields[key] === null) fields[key] = undefined;
      return api.signData(fields);
    }, overrides);
  }
  buildPayment(from: string, opts: { amount?: number; genesisHash?: string; note?: string } = {}) {
    return this.call((api, a) => api.buildPayment((a as [string, object])[0], (a as [string, object])[1]), [from, { genesisHash: TESTNET_HASH, ...opts }]);
  }
  buildGroup(from: string, n: number, opts: { foreignIndex?: number; genesisHash?: string } = {}) {
    return this.call((api, a) => {
      const [f, count, o] = a as [string, number, object];
      return api.buildGroup(f, count, o);
    }, [from, n, { genesisHash: TESTNET_HASH, ...opts }]);
  }
}
