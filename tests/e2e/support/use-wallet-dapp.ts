/**
 * Page object for the use-wallet example dApps (`/dapp/use-wallet-v5/`, `/dapp/use-wallet-v4/`):
 * their `window.useWalletDapp` API and the wallet list. Every selector for those pages lives here.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { Outcome, SignIn, Signed, UseWalletDappApi } from '../../../dev/dapp/use-wallet-shared';
import { ApprovalPage } from './approval-page';

export type { Outcome, Signed } from '../../../dev/dapp/use-wallet-shared';
export type UseWalletFlavour = 'v5' | 'v4';

/** The wallet id Tandem has in each flavour's manager. */
export const TANDEM_WALLET_ID: Record<UseWalletFlavour, string> = { v5: 'tandem', v4: 'custom' };

type Api = UseWalletDappApi;

export class UseWalletDapp {
  constructor(
    readonly page: Page,
    readonly flavour: UseWalletFlavour,
  ) {}

  static url(serverUrl: string, flavour: UseWalletFlavour): string {
    return `${serverUrl}/dapp/use-wallet-${flavour}/`;
  }

  static async open(context: BrowserContext, serverUrl: string, flavour: UseWalletFlavour): Promise<UseWalletDapp> {
    const dapp = new UseWalletDapp(await context.newPage(), flavour);
    await dapp.page.goto(UseWalletDapp.url(serverUrl, flavour));
    await dapp.waitForResume();
    return dapp;
  }

  /** Waits until the page's use-wallet has finished resumeSessions (its own `ready` flag). */
  async waitForResume(): Promise<void> {
    await this.page.waitForFunction(() => document.documentElement.dataset.resumed === 'true' && Boolean((window as unknown as { useWalletDapp?: unknown }).useWalletDapp));
    expect((await this.state()).ready).toBe(true);
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitForResume();
  }

  private call<T>(fn: (api: Api, arg: unknown) => Promise<T> | T, arg?: unknown): Promise<T> {
    return this.page.evaluate(
      ([source, a]) => {
        const api = (window as unknown as { useWalletDapp: Api }).useWalletDapp;
        return (new Function('api', 'arg', `return (${source})(api, arg)`) as (api: Api, arg: unknown) => Promise<T>)(api, a);
      },
      [fn.toString(), arg] as const,
    );
  }

  state() {
    return this.call((api) => api.state());
  }
  wallets() {
    return this.call((api) => api.wallets());
  }
  connect() {
    return this.call((api, id) => api.connect(id as string), TANDEM_WALLET_ID[this.flavour]);
  }
  disconnect() {
    return this.call((api) => api.disconnect());
  }
  signPayment(): Promise<Outcome<Signed>> {
    return this.call((api) => api.signPayment());
  }
  signGroup(size: number, otherIndexes: number[]): Promise<Outcome<Signed>> {
    return this.call((api, a) => api.signGroup(...(a as [number, number[]])), [size, otherIndexes]);
  }
  signWithComposer(count: number): Promise<Outcome<Signed>> {
    return this.call((api, n) => api.signWithComposer(n as number), count);
  }
  /** ARC-0060 sign-in through use-wallet's signData (v5), verified by the page as use-wallet's guide does. */
  signIn(): Promise<Outcome<SignIn>> {
    return this.call((api) => api.signIn!());
  }

  /** The rows of the page's wallet list (what a user sees). */
  walletRow(id: string) {
    return this.page.getByTestId(`wallet-${id}`);
  }
  walletNames() {
    return this.page.getByTestId('wallet-list').getByTestId('wallet-name');
  }
  account() {
    return this.page.getByTestId('account');
  }
}

/** The result of a successful outcome (fails the test otherwise). */
export function resultOf<T>(outcome: Outcome<T>): T {
  expect(outcome.ok, JSON.stringify(outcome).slice(0, 500)).toBe(true);
  return (outcome as Extract<Outcome<T>, { ok: true }>).result;
}

/** The error of a failed outcome (fails the test on success). */
export function failureOf<T>(outcome: Outcome<T>) {
  expect(outcome.ok, JSON.stringify(outcome).slice(0, 500)).toBe(false);
  return (outcome as Extract<Outcome<T>, { ok: false }>).error;
}

/**
 * Records every approval window Tandem opens in the context from now on. With `windows()` after
 * an answer, a test proves a request was answered without one.
 */
export function watchApprovalWindows(context: BrowserContext, extensionId: string) {
  const url = `chrome-extension://${extensionId}/popup.html#approval`;
  // Every page: one may still be navigating when the event fires; its URL is read when asked.
  const opened: Page[] = [...context.pages()];
  const onPage = (page: Page) => void opened.push(page);
  context.on('page', onPage);
  return {
    windows: () => opened.filter((page) => page.url() === url),
    stop: () => context.off('page', onPage),
  };
}

/** Connects the page's Tandem wallet through Tandem's approval window; returns use-wallet's accounts. */
export async function connectThroughTandem(context: BrowserContext, extensionId: string, dapp: UseWalletDapp) {
  const connecting = dapp.connect();
  const approval = await ApprovalPage.find(context, extensionId);
  await approval.approveConnect();
  const accounts = resultOf(await connecting);
  await approval.waitForClose();
  return accounts;
}
