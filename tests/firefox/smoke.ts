/**
 * Firefox smoke check (manual, not part of `npm test`): run with `npx tsx tests/firefox/smoke.ts`
 * after `npm run build` (or `npm run build:firefox`).
 *
 * - Tandem's Firefox build (`.output/firefox-mv2`, or TANDEM_FIREFOX_DIR) runs in Debian's
 *   firefox-esr, driven by puppeteer-core over WebDriver BiDi (Playwright cannot drive firefox-esr).
 * - The dev wallet (the phone) runs in a separate headless Chromium through Playwright, because it
 *   needs a CDP virtual authenticator for its passkey and Firefox has none. Both browsers talk to
 *   the same dev server on localhost.
 * - The test dApp runs in Firefox, so that the content script answering it is Tandem's.
 *
 * Automation may not navigate to moz-extension:// URLs, and WebDriver BiDi does not expose the
 * background page. So the script installs a PRIVATE COPY of the build with one extra background
 * script (written below, never shipped) that seeds the settings and opens the popup in a tab with
 * `browser.tabs.create`; the tab is picked up from `browser.pages()`. From that extension page the
 * script reaches the background with `browser.extension.getBackgroundPage()` (MV2 only).
 *
 * Every step prints PASS / FAIL; the exit code is 0 only when every step passed.
 */
import { chromium, type Browser as PwBrowser, type Page as PwPage } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startTestServer, type TestServer } from '../e2e/support/server';
import { verifySignedTxn } from '../e2e/support/verify';

const BUILD_DIR = resolve(process.env.TANDEM_FIREFOX_DIR ?? '.output/firefox-mv2');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TESTNET_HASH = 'SGO1GKSzyE7IEPItTxCByw9x8FmnrCDexi9/cOUJOiI=';
const STEP_TIMEOUT_MS = 30_000;
// The dev wallet's behaviour: 'spec' (default) or 'reference' (as the reference liquid-client does).
const PHONE = process.env.TANDEM_PHONE === 'reference' ? 'reference' : 'spec';
const HOOK_FILE = 'tandem-smoke-hook.js';

type Outcome = { ok: boolean; result?: Record<string, unknown>; error?: { code: number; message: string } };

const results: { name: string; ok: boolean; detail: string }[] = [];

async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    const value = await withTimeout(fn(), STEP_TIMEOUT_MS * 2, name);
    const ms = Date.now() - started;
    results.push({ name, ok: true, detail: `${ms} ms` });
    console.log(`PASS  ${name} (${ms} ms)`);
    return value;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    results.push({ name, ok: false, detail });
    console.log(`FAIL  ${name}: ${detail}`);
    throw new StepFailed(name);
  }
}

class StepFailed extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

/**
 * The test-only background script added to the private copy. It runs after background.js in the
 * same background page: it keeps the background's console errors for the report, seeds the
 * settings (dev server, no ICE servers) and opens the popup in a tab.
 */
function hookSource(settings: object): string {
  return `(() => {
  const log = [];
  globalThis.__tandemSmokeLog = log;
  for (const level of ['error', 'warn']) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      try { log.push(level + ': ' + args.map((a) => (a instanceof Error ? a.stack || a.message : typeof a === 'object' ? JSON.stringify(a) : String(a))).join(' ')); } catch {}
      original(...args);
    };
  }
  addEventListener('error', (e) => log.push('uncaught: ' + e.message));
  addEventListener('unhandledrejection', (e) => log.push('unhandled rejection: ' + String(e.reason && (e.reason.stack || e.reason))));
  browser.storage.local
    .set({ settings: ${JSON.stringify(settings)} })
    .then(() => browser.tabs.create({ url: browser.runtime.getURL('/popup.html'), active: true }))
    .catch((err) => log.push('hook: ' + String(err)));
})();
`;
}

function prepareExtension(server: TestServer): string {
  if (!existsSync(join(BUILD_DIR, 'manifest.json'))) throw new Error(`no build at ${BUILD_DIR}: run npm run build:firefox first`);
  const dir = mkdtempSync(join(tmpdir(), 'tandem-firefox-ext-'));
  cpSync(BUILD_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { background?: { scripts?: string[] } };
  if (!manifest.background?.scripts) throw new Error('the Firefox manifest has no background.scripts (expected an MV2 background page)');
  manifest.background.scripts.push(HOOK_FILE);
  writeFileSync(manifestPath, JSON.stringify(manifest));
  writeFileSync(join(dir, HOOK_FILE), hookSource({ serverUrl: server.url, iceServers: [] }));
  return dir;
}

function isExtensionUrl(url: string, hash?: string): boolean {
  if (!url.startsWith('moz-extension://')) return false;
  const u = new URL(url);
  return u.pathname === '/popup.html' && (hash === undefined || u.hash === hash);
}

/**
 * Where a page really is. Puppeteer's BiDi page.url() stays "about:blank" for a tab that the
 * extension opened on a moz-extension:// URL (Firefox sends it no navigation events for it), so
 * ask the document itself.
 */
async function hrefOf(page: Page): Promise<string> {
  const url = page.url();
  if (url !== 'about:blank') return url;
  return page.evaluate(() => location.href).catch(() => url);
}

async function findPage(browser: Browser, what: string, match: (url: string) => boolean): Promise<Page> {
  let seen: string[] = [];
  try {
    return await until(what, async () => {
      const pages = await browser.pages();
      seen = await Promise.all(pages.map((p) => hrefOf(p)));
      return pages.find((_, i) => match(seen[i]!));
    });
  } catch (err) {
    throw new Error(`${(err as Error).message}; open pages: ${JSON.stringify(seen)}`);
  }
}

async function waitTestId(page: Page, testId: string): Promise<void> {
  await page.waitForSelector(`[data-testid="${testId}"]`, { timeout: STEP_TIMEOUT_MS });
}

async function clickTestId(page: Page, testId: string): Promise<void> {
  await waitTestId(page, testId);
  await page.click(`[data-testid="${testId}"]`);
}

async function attributeOf(page: Page, testId: string, attribute: string): Promise<string | null> {
  return page.evaluate((id, attr) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute(attr) ?? null, testId, attribute);
}

async function waitAttribute(page: Page, testId: string, attribute: string, value: string, what: string): Promise<void> {
  let last: string | null = null;
  try {
    await until(what, async () => {
      last = await attributeOf(page, testId, attribute);
      return last === value ? true : undefined;
    });
  } catch (err) {
    const failure = await attributeOf(page, 'failure', 'data-reason').catch(() => null);
    throw new Error(`${(err as Error).message}; ${attribute} was ${JSON.stringify(last)}${failure ? `, failure reason ${failure}` : ''}`);
  }
}

/** What the background logged (through the hook), read from an extension page. */
async function backgroundLog(page: Page | undefined): Promise<string[]> {
  if (!page) return [];
  return page
    .evaluate(() => {
      const ext = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): { __tandemSmokeLog?: string[] } | null } } }).browser.extension;
      return [...(ext.getBackgroundPage()?.__tandemSmokeLog ?? [])];
    })
    .catch((err: unknown) => [`(could not read the background log: ${String(err)})`]);
}

async function openWallet(chromiumBrowser: PwBrowser, serverUrl: string): Promise<PwPage> {
  const context = await chromiumBrowser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await page.goto(`${serverUrl}/wallet?behaviour=${PHONE}&auto=1`);
  await page.waitForFunction(() => Boolean((window as unknown as { devWallet?: unknown }).devWallet));
  return page;
}

type DappApi = {
  enable(genesisHash?: string): Promise<Outcome>;
  discover(): Promise<Outcome>;
  signTransactions(txns: { txn: string }[]): Promise<Outcome>;
  buildPayment(from: string, opts?: { genesisHash?: string; note?: string }): string;
};

async function main(): Promise<void> {
  let server: TestServer | undefined;
  let firefox: Browser | undefined;
  let chromiumBrowser: PwBrowser | undefined;
  let extDir: string | undefined;
  let popup: Page | undefined;
  let walletPage: PwPage | undefined;
  const firefoxProfile = mkdtempSync(join(tmpdir(), 'tandem-firefox-profile-'));
  try {
    server = await step('start the dev server', () => startTestServer());
    console.log(`      dev server ${server.url}`);
    extDir = await step('copy the Firefox build and add the test-only hook', async () => prepareExtension(server!));
    firefox = await step('launch firefox-esr headless (WebDriver BiDi)', () =>
      puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: firefoxProfile, protocolTimeout: STEP_TIMEOUT_MS }),
    );
    console.log(`      ${await firefox.version()}`);
    const addonId = await step('install the extension (browser.installExtension)', () => firefox!.installExtension(extDir!));
    console.log(`      add-on id ${addonId}`);
    popup = await step('the popup tab opened by the background appears in browser.pages()', () => findPage(firefox!, 'popup tab', (u) => isExtensionUrl(u, '')));
    console.log(`      popup at ${await hrefOf(popup)}`);
    await step('the popup renders and the background answers it', async () => {
      await waitTestId(popup!, 'connection-phase');
      const phase = await attributeOf(popup!, 'connection-phase', 'data-phase');
      console.log(`      phase ${phase}`);
    });
    await step('extension APIs in the background page (storage.session, settings seeded)', async () => {
      const info = await popup!.evaluate(async () => {
        const b = (globalThis as unknown as { browser: { storage: { session?: { get(k: string): Promise<Record<string, unknown>> }; local: { get(k: string): Promise<Record<string, unknown>> } } } }).browser;
        return { hasSession: typeof b.storage.session?.get === 'function', settings: (await b.storage.local.get('settings')).settings, rtc: typeof RTCPeerConnection };
      });
      console.log(`      storage.session ${info.hasSession ? 'available' : 'MISSING'}, RTCPeerConnection ${info.rtc}, settings ${JSON.stringify(info.settings)}`);
      if (!info.hasSession) throw new Error('storage.session is not available');
    });

    chromiumBrowser = await step('launch Chromium for the dev wallet', () =>
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-features=WebRtcHideLocalIpsWithMdns'] }),
    );
    walletPage = await step(`open the dev wallet (${PHONE} phone, virtual authenticator)`, () => openWallet(chromiumBrowser!, server!.url));
    const address = await walletPage.evaluate(() => (window as unknown as { devWallet: { address: string } }).devWallet.address);

    const link = await step('pair: the popup shows a liquid:// link', async () => {
      await clickTestId(popup!, 'pair');
      return until('pairing link', async () => {
        const text = await popup!.evaluate(() => document.querySelector('[data-testid="pairing-link"]')?.textContent ?? '');
        return text.startsWith('liquid://') ? text : undefined;
      });
    });
    console.log(`      ${link}`);
    await step('pair: the dev wallet (Chromium) connects to the link', () =>
      walletPage!.evaluate((l) => (window as unknown as { devWallet: { connect(l: string): Promise<void> } }).devWallet.connect(l), link),
    );
    await step('pair: the Firefox popup shows connected with the wallet address', async () => {
      await waitAttribute(popup!, 'connection-phase', 'data-phase', 'connected', 'connected phase');
      const shown = await attributeOf(popup!, 'wallet-address', 'title');
      if (shown !== address) throw new Error(`popup shows ${shown}, wallet is ${address}`);
    });

    const dapp = await step('open the test dApp in Firefox', async () => {
      const page = await firefox!.newPage();
      await page.goto(`${server!.url}/dapp`);
      await page.waitForFunction(() => Boolean((window as unknown as { dapp?: unknown }).dapp), { timeout: STEP_TIMEOUT_MS });
      return page;
    });
    await step('discover finds Tandem (content script)', async () => {
      const found = await dapp.evaluate(() => (window as unknown as { dapp: DappApi }).dapp.discover());
      const names = ((found.result?.providers ?? []) as { name: string }[]).map((p) => p.name);
      if (!found.ok || !names.includes('Tandem')) throw new Error(`discover: ${JSON.stringify(found)}`);
    });
    await step('connect: enable → approval window → approve', async () => {
      const enabling = dapp.evaluate((hash) => (window as unknown as { dapp: DappApi }).dapp.enable(hash), TESTNET_HASH);
      const approval = await findPage(firefox!, 'approval window', (u) => isExtensionUrl(u, '#approval'));
      await waitTestId(approval, 'connect-prompt');
      await clickTestId(approval, 'approve');
      const enabled = await withTimeout(enabling, STEP_TIMEOUT_MS, 'enable');
      const accounts = ((enabled.result?.accounts ?? []) as { address: string }[]).map((a) => a.address);
      if (!enabled.ok || accounts[0] !== address) throw new Error(`enable: ${JSON.stringify(enabled)}`);
    });
    await step('sign: a payment approved in the approval window and on the phone, signature verified', async () => {
      const txn = await dapp.evaluate((from, hash) => (window as unknown as { dapp: DappApi }).dapp.buildPayment(from, { genesisHash: hash, note: 'hello firefox' }), address, TESTNET_HASH);
      const signing = dapp.evaluate((t) => (window as unknown as { dapp: DappApi }).dapp.signTransactions([{ txn: t }]), txn);
      const approval = await findPage(firefox!, 'approval window', (u) => isExtensionUrl(u, '#approval'));
      await waitAttribute(approval, 'sign-prompt', 'data-stage', 'awaiting-approval', 'sign prompt');
      await clickTestId(approval, 'approve');
      const signed = await withTimeout(signing, STEP_TIMEOUT_MS, 'signTransactions');
      const stxns = (signed.result?.stxns ?? []) as string[];
      if (!signed.ok || stxns.length !== 1) throw new Error(`signTransactions: ${JSON.stringify(signed)}`);
      verifySignedTxn(stxns[0]!, txn, address);
    });
  } catch (err) {
    if (!(err instanceof StepFailed)) {
      console.log(`FAIL  unexpected: ${err instanceof Error ? err.stack : String(err)}`);
      results.push({ name: 'unexpected', ok: false, detail: String(err) });
    }
  } finally {
    const log = await backgroundLog(popup);
    if (log.length) console.log(`\nbackground console (errors/warnings):\n  ${log.join('\n  ')}`);
    if (walletPage) {
      const walletLog = await walletPage.evaluate(() => [...(window as unknown as { devWallet: { log: string[] } }).devWallet.log]).catch(() => []);
      if (results.some((r) => !r.ok) && walletLog.length) console.log(`\ndev wallet log (last 20):\n  ${walletLog.slice(-20).join('\n  ')}`);
    }
    await firefox?.close().catch(() => undefined);
    await chromiumBrowser?.close().catch(() => undefined);
    await server?.dispose().catch(() => undefined);
    if (extDir) rmSync(extDir, { recursive: true, force: true });
    rmSync(firefoxProfile, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

await main();
