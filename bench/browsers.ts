/**
 * The two browsers of a benchmark run, both Debian Chromium on loopback:
 * - the desktop: a persistent profile with Tandem loaded (the dApp, the popup, the approval window)
 *   and a remote-debugging port for heap readings (bench/cdp.ts);
 * - the phone: a plain Chromium whose contexts hold the dev wallets (one for Tandem, one for the
 *   reference page) and the reference dApp. Separate contexts are separate cookie jars, as
 *   separate devices are: a phone never shares the desktop's Liquid Auth session.
 */
import { chromium, type Browser, type BrowserContext, type Worker } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cdp, browserEndpoint } from './cdp';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Deterministic host ICE candidates, and no lookups of Google's hosts (machine-notes.md).
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
];

export interface Desktop {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Browser-level CDP (service worker, offscreen document, any page). */
  cdp: Cdp;
  profileDir: string;
  close(): Promise<void>;
}

export async function launchDesktop(extensionDir: string): Promise<Desktop> {
  const profileDir = await mkdtemp(join(tmpdir(), 'tandem-bench-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--remote-debugging-port=0', ...COMMON_ARGS],
  });
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const cdp = await Cdp.connect(await browserEndpoint(profileDir));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    cdp,
    profileDir,
    async close() {
      cdp.close();
      await context.close().catch(() => undefined);
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

export async function launchPhone(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: COMMON_ARGS });
}

/** The extension's current service worker (a killed one is replaced by a new Worker object). */
export function currentWorker(desktop: Desktop): Worker | undefined {
  return desktop.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${desktop.extensionId}/`));
}

export async function chromiumVersion(desktop: Desktop): Promise<string> {
  const { product } = await desktop.cdp.send<{ product: string }>('Browser.getVersion');
  return product;
}
