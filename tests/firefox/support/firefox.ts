/**
 * Debian's firefox-esr driven by puppeteer-core 24 over WebDriver BiDi (Playwright cannot drive
 * firefox-esr; puppeteer 25 needs Node 22: machine-notes.md), with a private copy of Tandem installed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { OPEN_POPUP_MARKER, prepareExtensionCopy, type HookSettings } from './extension-copy';
import { until } from './wait';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Puppeteer's per-command deadline: generous, the machine has 2 cores shared with other browsers. */
const PROTOCOL_TIMEOUT_MS = 60_000;

export interface FirefoxWithTandem {
  browser: Browser;
  addonId: string;
  dispose(): Promise<void>;
}

export async function launchFirefoxWithTandem(settings: HookSettings): Promise<FirefoxWithTandem> {
  const extension = prepareExtensionCopy(settings);
  const profileDir = mkdtempSync(join(tmpdir(), 'tandem-firefox-profile-'));
  let browser: Browser | undefined;
  const dispose = async () => {
    await browser?.close().catch(() => undefined);
    rmSync(profileDir, { recursive: true, force: true });
    extension.dispose();
  };
  try {
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: profileDir, protocolTimeout: PROTOCOL_TIMEOUT_MS });
    const addonId = await browser.installExtension(extension.dir);
    return { browser, addonId, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/**
 * Where a page really is. Puppeteer's BiDi page.url() stays "about:blank" for a tab that the
 * extension opened on a moz-extension:// URL (Firefox sends no navigation events for it), so ask
 * the document itself.
 */
export async function hrefOf(page: Page): Promise<string> {
  const url = page.url();
  if (url !== 'about:blank') return url;
  return page.evaluate(() => location.href).catch(() => url);
}

/**
 * Whether the page's document is gone. A window that the extension closes (windows.remove) stays
 * in puppeteer's browser.pages(), not isClosed(), but its browsing context no longer exists
 * (firefox-esr 153 over BiDi, checked 2026), so any script call on it fails.
 */
export async function isGone(page: Page): Promise<boolean> {
  if (page.isClosed()) return true;
  return page.evaluate(() => true).then(
    () => false,
    (err: unknown) => /no such frame|Browsing Context|Target closed|detached/i.test(String(err)),
  );
}

/** Tandem's popup.html with exactly this hash ('' for the popup, '#approval' for the approval window). */
export function isTandemPage(url: string, hash: string): boolean {
  if (!url.startsWith('moz-extension://')) return false;
  const parsed = new URL(url);
  return parsed.pathname === '/popup.html' && parsed.hash === hash;
}

/** The open tab or window showing Tandem's popup.html#hash, or the next one to open. */
export async function findTandemPage(browser: Browser, hash: string, timeoutMs = 30_000, except: readonly Page[] = []): Promise<Page> {
  let seen: string[] = [];
  try {
    return await until(
      `Tandem page popup.html${hash}`,
      async () => {
        const pages = (await browser.pages()).filter((p) => !except.includes(p));
        seen = await Promise.all(pages.map((p) => hrefOf(p)));
        return pages.find((_, i) => isTandemPage(seen[i]!, hash));
      },
      timeoutMs,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; open pages: ${JSON.stringify(seen)}`);
  }
}

/** Every open page showing any Tandem extension page. */
export async function tandemPages(browser: Browser): Promise<Page[]> {
  const pages = await browser.pages();
  const urls = await Promise.all(pages.map((p) => hrefOf(p)));
  return pages.filter((_, i) => urls[i]!.startsWith('moz-extension://'));
}

/**
 * Has the test hook open a fresh popup tab: an ordinary tab loads a marker URL on the test server
 * (any response will do), the hook sees it through tabs.onUpdated and calls tabs.create.
 */
export async function openPopupTab(browser: Browser, serverUrl: string): Promise<Page> {
  const before = await tandemPages(browser);
  const trigger = await browser.newPage();
  try {
    await trigger.goto(`${serverUrl}/?${OPEN_POPUP_MARKER}=${Date.now()}`);
    return await findTandemPage(browser, '', 30_000, before);
  } finally {
    await trigger.close().catch(() => undefined);
  }
}
