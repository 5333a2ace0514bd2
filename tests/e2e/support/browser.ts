/** Chromium with Tandem loaded (Debian's build; Playwright cannot download browsers here). */
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// TANDEM_EXTENSION_DIR: test a private copy of the build while others rebuild .output in the same checkout.
export const EXTENSION_DIR = resolve(process.env.TANDEM_EXTENSION_DIR ?? '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `extensionDir`: another build than EXTENSION_DIR (e.g. one with the worker probe, support/worker-probe.ts).
 * `language`: the browser's UI language, which `browser.i18n` follows. On Linux Chromium takes it from
 * `--lang` and the LANGUAGE variable (both set: either alone has been seen to leave English).
 */
export async function launchWithExtension(
  profileDir = mkdtempSync(join(tmpdir(), 'tandem-profile-')),
  extensionDir = EXTENSION_DIR,
  { language }: { language?: string } = {},
): Promise<{ context: BrowserContext; profileDir: string }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    ...(language ? { env: { ...process.env, LANGUAGE: language }, locale: language } : {}),
    args: [
      ...(language ? [`--lang=${language}`] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
      // *.localhost: a second dev server under another loopback name (tests/e2e/pairing-wallets.spec.ts).
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost , EXCLUDE *.localhost',
    ],
  });
  return { context, profileDir };
}

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return existing ?? context.waitForEvent('serviceworker', { timeout: 20_000 });
}

export function extensionIdOf(worker: Worker): string {
  return new URL(worker.url()).host;
}

/**
 * Kills the extension's service worker through CDP (Chrome never idle-kills it under automation)
 * and waits until it is proven dead: its target is gone, or (Chrome keeps the target for a worker
 * that an open extension page or a message revives at once) the worker in it is a new life, with
 * another `performance.timeOrigin`. A kill that did not take is tried again.
 */
export async function killServiceWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const ours = (url: string) => url.startsWith(`chrome-extension://${extensionId}/`);
  const targets = async () => ((await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] }).targetInfos;
  const target = (await targets()).find((t) => t.type === 'service_worker' && ours(t.url));
  if (!target) throw new Error('no service worker target to kill');
  // Playwright may follow the revived worker in the same Worker object or in a new one: ask every one.
  const lives = async (): Promise<number[]> => {
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1_000));
    const read = context.serviceWorkers().filter((w) => ours(w.url())).map((w) => Promise.race([w.evaluate(() => performance.timeOrigin).catch(() => undefined), timeout]));
    return (await Promise.all(read)).filter((life): life is number => life !== undefined);
  };
  const before = new Set(await lives());
  const dead = async () => {
    if (!(await targets()).some((t) => t.targetId === target.targetId)) return true;
    return before.size > 0 && (await lives()).some((life) => !before.has(life));
  };
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
      const until = Date.now() + 7_000;
      while (Date.now() < until) {
        if (await dead()) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error('the service worker survived three kills (its target is there, with the same life)');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The extension's CDP targets (service worker, offscreen document, pages), read through a page's CDP session. */
export async function extensionTargets(context: BrowserContext, extensionId: string): Promise<{ targetId: string; type: string; url: string }[]> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    return targetInfos.filter((t) => t.url.startsWith(`chrome-extension://${extensionId}/`)).map(({ targetId, type, url }) => ({ targetId, type, url }));
  } finally {
    await cdp.detach();
  }
}
