/**
 * A private copy of Tandem's Firefox build with one extra, test-only background script.
 *
 * Why a copy with a hook: automation may not navigate to moz-extension:// URLs, and WebDriver BiDi
 * does not expose the background page (firefox-esr 153, puppeteer-core 24, checked 2026). So the
 * hook, running after background.js in the same MV2 background page, does what the suite cannot:
 * it seeds the settings (the test server, no ICE servers), records the background's console
 * errors, warnings and info lines (the signaling log), and opens the popup in a tab with `browser.tabs.create`, once at start and again whenever
 * an ordinary tab loads a URL containing OPEN_POPUP_MARKER. The shipped build is never modified.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const FIREFOX_BUILD_DIR = resolve(process.env.TANDEM_FIREFOX_DIR ?? '.output/firefox-mv2');
const HOOK_FILE = 'tandem-test-hook.js';
/** Loading a URL that contains this (on a host Tandem has permission for) makes the hook open the popup. */
export const OPEN_POPUP_MARKER = 'tandem-test-open-popup';

export interface HookSettings {
  serverUrl: string;
  iceServers: unknown[];
}

function hookSource(settings: HookSettings): string {
  return `(() => {
  const log = [];
  globalThis.__tandemTestLog = log;
  const text = (a) => (a instanceof Error ? a.stack || a.message : typeof a === 'object' ? JSON.stringify(a) : String(a));
  for (const level of ['error', 'warn', 'info']) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      try { log.push(level + ': ' + args.map(text).join(' ')); } catch {}
      original(...args);
    };
  }
  addEventListener('error', (e) => log.push('uncaught: ' + e.message));
  addEventListener('unhandledrejection', (e) => log.push('unhandled rejection: ' + text(e.reason)));
  const openPopup = () => browser.tabs.create({ url: browser.runtime.getURL('/popup.html'), active: true }).catch((err) => log.push('hook: ' + String(err)));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (typeof change.url === 'string' && change.url.includes(${JSON.stringify(OPEN_POPUP_MARKER)})) void openPopup();
  });
  browser.storage.local
    .set({ settings: ${JSON.stringify(settings)} })
    .then(openPopup)
    .catch((err) => log.push('hook: ' + String(err)));
})();
`;
}

/** Copies the build to a temporary folder and adds the hook; returns the folder. */
export function prepareExtensionCopy(settings: HookSettings): { dir: string; dispose(): void } {
  if (!existsSync(join(FIREFOX_BUILD_DIR, 'manifest.json'))) {
    throw new Error(`no Firefox build at ${FIREFOX_BUILD_DIR}: run npm run build:firefox first`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tandem-firefox-ext-'));
  cpSync(FIREFOX_BUILD_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { background?: { scripts?: string[]; persistent?: boolean } };
  if (!manifest.background?.scripts) throw new Error('the Firefox manifest has no background.scripts (expected an MV2 background page)');
  manifest.background.scripts.push(HOOK_FILE);
  writeFileSync(manifestPath, JSON.stringify(manifest));
  writeFileSync(join(dir, HOOK_FILE), hookSource(settings));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
