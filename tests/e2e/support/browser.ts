/** Chromium with Tandem loaded (Debian's build; Playwright cannot download browsers here). */
import { chromium, expect, type BrowserContext, type Worker } from '@playwright/test';
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

/** Kills the extension's service worker through CDP (Chrome never idle-kills it under automation). */
export async function killServiceWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!target) throw new Error('no service worker target to kill');
  await cdp.send('Target.closeTarget', { targetId: target.targetId });
  // Playwright reports the Worker's 'close' only much later (when something else wakes the
  // extension), so wait for the target itself to be gone.
  await expect
    .poll(async () => ((await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string }[] }).targetInfos.some((t) => t.targetId === target.targetId), {
      message: 'the killed service worker target should be gone',
    })
    .toBe(false);
  await cdp.detach();
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
