/**
 * The benchmark's page objects: every selector and every `window.*` API it touches lives here.
 * Timestamps are taken inside the pages (`performance.timeOrigin + performance.now()`, epoch ms
 * with sub-millisecond resolution) so that Playwright's round trips never count.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Envelope } from '../lib/messaging/channel';
import { popupChannel, type PopupCatalogue } from '../lib/messaging/popup-protocol';
import type { ConnectionState } from '../lib/liquid/types';
import { TXNS_SHOWN_MARK } from '../components/TxnList';
import { SIMULATION_SHOWN_MARK } from '../components/NetworkFacts';
import type { ReferenceDappApi } from '../dev/reference-dapp/main';
import type { OpenTimings } from '../dev/reference-dapp/reference-session';
import { clickMayClose } from '../tests/e2e/support/click';
import { testIds } from '../components/test-ids';

export const TESTNET_HASH = 'SGO1GKSzyE7IEPItTxCByw9x8FmnrCDexi9/cOUJOiI=';
const WAIT_MS = 60_000;

export interface WalletTxn {
  txn: string;
  signers?: string[];
}
export type SignOutcome = { ok: true; result: { stxns: (string | null)[] } } | { ok: false; error: { code: number; message: string } };

/** Tandem's approval window (a new window for each request: Tandem closes it when nothing is left). */
export class ApprovalWindow {
  constructor(readonly page: Page) {}

  static url(extensionId: string): string {
    return `chrome-extension://${extensionId}/popup.html#approval`;
  }

  /** Starts waiting for the next approval window; call before the request that opens it. */
  static next(context: BrowserContext, extensionId: string): Promise<ApprovalWindow> {
    const url = ApprovalWindow.url(extensionId);
    const open = context.pages().find((p) => p.url() === url && !p.isClosed());
    if (open) return Promise.resolve(new ApprovalWindow(open));
    return context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: WAIT_MS }).then((p) => new ApprovalWindow(p));
  }

  /**
   * Epoch ms at which the window first had decoded transactions in its document: the User Timing
   * mark Tandem's transaction list sets in a layout effect (after React's commit, before paint).
   */
  async promptShownAt(): Promise<number> {
    const handle = await this.page.waitForFunction(
      (mark) => {
        const entry = performance.getEntriesByName(mark, 'mark')[0];
        return entry ? performance.timeOrigin + entry.startTime : undefined;
      },
      TXNS_SHOWN_MARK,
      { timeout: WAIT_MS, polling: 20 },
    );
    return (await handle.jsonValue()) as number;
  }

  /** When the simulation's answer was first painted (the window's SIMULATION_SHOWN_MARK). */
  async simulationShownAt(): Promise<number> {
    const handle = await this.page.waitForFunction(
      (mark) => {
        const entry = performance.getEntriesByName(mark, 'mark')[0];
        return entry ? performance.timeOrigin + entry.startTime : undefined;
      },
      SIMULATION_SHOWN_MARK,
      { timeout: WAIT_MS, polling: 20 },
    );
    return (await handle.jsonValue()) as number;
  }

  /** Closes the window as a user would: Tandem then rejects what it held (4001). */
  async close(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close({ runBeforeUnload: false }).catch(() => undefined);
  }

  async approveConnect(): Promise<void> {
    await this.page.getByTestId(testIds.connectPrompt).waitFor({ timeout: WAIT_MS });
    await clickMayClose(this.page.getByTestId(testIds.approve));
  }

  /**
   * Clicks "Approve on phone" from inside the page and returns the click's epoch ms. A click from
   * the page itself returns before the window closes (it does once the dApp has its answer).
   */
  async approveSign(): Promise<number> {
    return (await this.approveSignWithMarks()).clickedAt;
  }

  /**
   * `approveSign`, also returning the window's `tandem:` User Timing marks (epoch ms) and when its
   * document started, read in the same evaluate: the window closes soon after the click.
   */
  async approveSignWithMarks(): Promise<{ clickedAt: number; navigatedAt: number; marks: { name: string; at: number }[] }> {
    await this.page.locator(`[data-testid="${testIds.signPrompt}"][data-stage="awaiting-approval"]`).waitFor({ timeout: WAIT_MS });
    // Approve stays disabled for a moment after the request in view changes (use-settling.ts).
    await this.page.locator(`[data-testid="${testIds.approve}"]:enabled`).waitFor({ timeout: WAIT_MS });
    return this.page.evaluate((approveId) => {
      const button = document.querySelector<HTMLButtonElement>(`[data-testid="${approveId}"]`);
      if (!button) throw new Error('no approve button');
      const at = performance.timeOrigin + performance.now();
      button.click();
      const marks = performance
        .getEntriesByType('mark')
        .filter((e) => e.name.startsWith('tandem:'))
        .map((e) => ({ name: e.name, at: performance.timeOrigin + e.startTime }));
      return { clickedAt: at, navigatedAt: performance.timeOrigin, marks };
    }, testIds.approve);
  }

  async waitClosed(): Promise<void> {
    if (!this.page.isClosed()) await this.page.waitForEvent('close', { timeout: WAIT_MS });
  }
}

/** Tandem's action popup, opened in a tab; also the benchmark's line to the background. */
export class Popup {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<Popup> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    // One phone (or none): its status line; several: the phones list.
    await page.locator(`[data-testid="${testIds.connectionPhase}"], [data-testid="${testIds.phonesList}"]`).first().waitFor({ timeout: WAIT_MS });
    return new Popup(page);
  }

  /** Sends a popup-channel message to the background, as the popup's own buttons do. */
  async send<K extends keyof PopupCatalogue & string>(kind: K, payload: PopupCatalogue[K]['request']): Promise<PopupCatalogue[K]['response']> {
    const message: Envelope<PopupCatalogue, K> = { channel: popupChannel.name, kind, payload };
    const reply = (await this.page.evaluate(
      (m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m),
      message,
    )) as { ok: boolean; value?: PopupCatalogue[K]['response']; error?: unknown };
    if (!reply?.ok) throw new Error(`${kind} failed: ${JSON.stringify(reply)}`);
    return reply.value as PopupCatalogue[K]['response'];
  }

  /** The connection state the background keeps in storage.session. */
  connection(): Promise<ConnectionState> {
    return this.page.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      return (await api.storage.session.get('connection')).connection as ConnectionState;
    });
  }

  /** Each paired phone's link state (`session:phones`), by its pairing's requestId. */
  phones(): Promise<Record<string, ConnectionState>> {
    return this.page.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      return ((await api.storage.session.get('phones')).phones ?? {}) as Record<string, ConnectionState>;
    });
  }

  /** Polls the connection state until `accept` holds for it. */
  async waitConnection(accept: (state: ConnectionState) => boolean, what: string, timeoutMs = WAIT_MS): Promise<ConnectionState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.connection();
      if (state && accept(state)) return state;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(state)} after ${timeoutMs} ms`);
      await this.page.waitForTimeout(10);
    }
  }
}

/** The dev wallet (the phone) in a context of the phone browser, on auto-approve. */
export class Wallet {
  constructor(readonly page: Page) {}

  /** `profile` ('b', 'c'…) gives the page its own account and passkey ids: another phone (dev/wallet/main.ts). */
  static async open(browser: Browser, serverUrl: string, profile?: string): Promise<Wallet> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    await page.goto(`${serverUrl}/wallet?behaviour=spec&auto=1${profile ? `&profile=${profile}` : ''}`);
    await page.waitForFunction(() => Boolean((window as unknown as { devWallet?: unknown }).devWallet), undefined, { timeout: WAIT_MS });
    return new Wallet(page);
  }

  address(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as { devWallet: { address: string } }).devWallet.address);
  }

  /** Scans the link: passkey, signaling, channel; resolves once the channel is open. */
  async connect(link: string): Promise<void> {
    // WebAuthn only runs in a focused page (dev/wallet/README.md).
    await this.page.bringToFront();
    await this.page.evaluate((l) => (window as unknown as { devWallet: { connect(l: string): Promise<void> } }).devWallet.connect(l), link);
  }

  /** Sign requests (frames) this wallet answered with signatures so far. */
  requestsSigned(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { devWallet: { stats: { requestsSigned: number } } }).devWallet.stats.requestsSigned);
  }
}

interface DappWindow {
  dapp: {
    enable(genesisHash?: string): Promise<{ ok: boolean }>;
    signTransactions(txns: WalletTxn[]): Promise<SignOutcome>;
    buildPayment(from: string, opts?: { genesisHash?: string; note?: string }): string;
    buildGroup(from: string, n: number, opts?: { genesisHash?: string }): WalletTxn[];
  };
  __benchSign?: Promise<{ outcome: SignOutcome; doneAt: number }>;
}

/** The test dApp (`/dapp`, AVMWebClient) in the desktop browser, talking to Tandem. */
export class Dapp {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, serverUrl: string): Promise<Dapp> {
    const page = await context.newPage();
    await page.goto(`${serverUrl}/dapp`);
    await page.waitForFunction(() => Boolean((window as unknown as { dapp?: unknown }).dapp), undefined, { timeout: WAIT_MS });
    return new Dapp(page);
  }

  enable(): Promise<{ ok: boolean }> {
    return this.page.evaluate((hash) => (window as unknown as DappWindow).dapp.enable(hash), TESTNET_HASH);
  }

  buildPayment(from: string, note: string): Promise<string> {
    return this.page.evaluate(([f, n, hash]) => (window as unknown as DappWindow).dapp.buildPayment(f, { genesisHash: hash, note: n }), [from, note, TESTNET_HASH] as const);
  }

  /** `n` payments in groups of 16; the last one is a foreign sender's with `signers: []`. */
  buildGroup(from: string, n: number): Promise<WalletTxn[]> {
    return this.page.evaluate(([f, count, hash]) => (window as unknown as DappWindow).dapp.buildGroup(f, count, { genesisHash: hash }), [from, n, TESTNET_HASH] as const);
  }

  /** Calls sign_transactions and returns the epoch ms of the call; `finishSign` collects the answer. */
  startSign(txns: WalletTxn[]): Promise<number> {
    return this.page.evaluate((t) => {
      const w = window as unknown as DappWindow;
      const at = performance.timeOrigin + performance.now();
      w.__benchSign = w.dapp.signTransactions(t).then((outcome) => ({ outcome, doneAt: performance.timeOrigin + performance.now() }));
      return at;
    }, txns);
  }

  /** The outcome of the last `startSign` and the epoch ms at which the dApp held it. */
  finishSign(): Promise<{ outcome: SignOutcome; doneAt: number }> {
    return this.page.evaluate(() => {
      const pending = (window as unknown as DappWindow).__benchSign;
      if (!pending) throw new Error('startSign first');
      return pending;
    });
  }
}

/** The reference dApp (`/reference-dapp`): liquid-client's `peer(requestId, 'offer')` in a plain page. */
export class ReferenceDapp {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, serverUrl: string): Promise<ReferenceDapp> {
    const page = await context.newPage();
    await page.goto(`${serverUrl}/reference-dapp`);
    await page.waitForSelector('html[data-reference-dapp-ready="true"]', { timeout: WAIT_MS });
    return new ReferenceDapp(page);
  }

  start(): Promise<{ requestId: string; link: string }> {
    return this.page.evaluate(() => (window as unknown as { referenceDapp: ReferenceDappApi }).referenceDapp.start());
  }

  waitOpen(): Promise<OpenTimings> {
    return this.page.evaluate((ms) => (window as unknown as { referenceDapp: ReferenceDappApi }).referenceDapp.waitOpen(ms), WAIT_MS);
  }

  /** Signs through the channel; the time runs from the call to the answer, inside the page. */
  sign(txns: WalletTxn[]): Promise<{ ms: number; stxns: (string | null)[]; frames: number }> {
    return this.page.evaluate(async ([t, ms]) => {
      const api = (window as unknown as { referenceDapp: ReferenceDappApi }).referenceDapp;
      const started = performance.now();
      const signed = await api.signTransactions(t, ms);
      return { ms: performance.now() - started, stxns: signed.stxns as (string | null)[], frames: signed.frames };
    }, [txns, 120_000] as const);
  }

  async close(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as { referenceDapp: ReferenceDappApi }).referenceDapp.close()).catch(() => undefined);
    await this.page.close();
  }
}
