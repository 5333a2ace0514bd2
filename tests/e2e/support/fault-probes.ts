/**
 * Probes for the fault specs: what a dApp page actually received, how many approval windows
 * Tandem opened, what the extension persisted, and the faults themselves (a tab whose scripts
 * are frozen, a closed offscreen document). State is read from an extension page, not from the
 * fixture's Worker: after a kill that Worker is a dead target.
 */
import { expect, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { StoredRequest } from './extension-state';

export const SIGN_RESPONSE = 'arc0027:sign_transactions:response';

export interface PageAnswer {
  requestId: string;
  ok: boolean;
  code?: number;
  message?: string;
}

/**
 * Records every ARC-0027 response of `reference` the page's window receives (the provider's
 * CustomEvents, whatever the dApp library does with them). Returns a reader.
 */
export async function recordAnswers(page: Page, reference = SIGN_RESPONSE): Promise<() => Promise<PageAnswer[]>> {
  await page.evaluate((type) => {
    const store: PageAnswer[] = [];
    (window as unknown as { tandemAnswers: PageAnswer[] }).tandemAnswers = store;
    window.addEventListener(type, (event) => {
      const raw = (event as CustomEvent<unknown>).detail;
      const detail = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { requestId?: string; error?: { code?: number; message?: string } | null };
      store.push({ requestId: String(detail.requestId), ok: !detail.error, code: detail.error?.code, message: detail.error?.message });
    });
  }, reference);
  return () => page.evaluate(() => [...(window as unknown as { tandemAnswers: PageAnswer[] }).tandemAnswers]);
}

/** Counts every approval window opened in the context from now on (open or since closed). */
export function watchApprovalWindows(context: BrowserContext, extensionId: string): { opened(): number } {
  const url = `chrome-extension://${extensionId}/popup.html#approval`;
  // Only windows opened from now on: a window that was closing when the watch began is not one.
  const seen = new Set<Page>();
  context.on('page', (page) => seen.add(page));
  return { opened: () => [...seen].filter((page) => page.url() === url).length };
}

type ExtensionGlobal = {
  chrome: {
    storage: { session: { get(key: string): Promise<Record<string, unknown>> }; local: { get(key: string): Promise<Record<string, unknown>> } };
    action: { getBadgeText(details: object): Promise<string> };
  };
};

/** The request queue in storage.session, read from an extension page. */
export function queueSeenFrom(extensionPage: Page): Promise<StoredRequest[]> {
  return extensionPage.evaluate(async () => {
    const { queue } = await (globalThis as unknown as ExtensionGlobal).chrome.storage.session.get('queue');
    return (queue ?? []) as StoredRequest[];
  });
}

export function badgeSeenFrom(extensionPage: Page): Promise<string> {
  return extensionPage.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.action.getBadgeText({}));
}

/** A storage.local item, read from an extension page. */
export function localItemSeenFrom(extensionPage: Page, key: string): Promise<unknown> {
  return extensionPage.evaluate(async (k) => (await (globalThis as unknown as ExtensionGlobal).chrome.storage.local.get(k))[k] ?? null, key);
}

/**
 * Freezes every script of a tab, its content scripts included, with the debugger: a message
 * pushed to the tab meanwhile waits unanswered until `thaw()`.
 */
export async function freezeScripts(page: Page): Promise<{ thaw(): Promise<void> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const paused = new Promise<void>((resolve) => cdp.once('Debugger.paused', () => resolve()));
  await cdp.send('Debugger.enable');
  await cdp.send('Debugger.pause');
  // The pause takes effect at the next script to run; make sure one runs now.
  void page.evaluate(() => 0).catch(() => undefined);
  await paused;
  return {
    async thaw() {
      await cdp.send('Debugger.resume');
      await cdp.send('Debugger.disable');
      await cdp.detach();
    },
  };
}

async function extensionTargets(context: BrowserContext, extensionId: string) {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  return { cdp, targets: targetInfos.filter((t) => t.url.startsWith(`chrome-extension://${extensionId}/`)) };
}

/** Whether Tandem's offscreen document (the peer host) exists. */
export async function offscreenExists(context: BrowserContext, extensionId: string): Promise<boolean> {
  const { cdp, targets } = await extensionTargets(context, extensionId);
  await cdp.detach();
  return targets.some((t) => t.url.endsWith('/offscreen.html'));
}

/** Closes Tandem's offscreen document through CDP (as Chrome may do) and waits until it is gone. */
export async function closeOffscreenDocument(context: BrowserContext, extensionId: string): Promise<void> {
  const { cdp, targets } = await extensionTargets(context, extensionId);
  const target = targets.find((t) => t.url.endsWith('/offscreen.html'));
  if (!target) throw new Error('no offscreen document to close');
  await cdp.send('Target.closeTarget', { targetId: target.targetId });
  await cdp.detach();
  await expect.poll(() => offscreenExists(context, extensionId), { message: 'the offscreen document should be gone' }).toBe(false);
}

/**
 * Stands in for a Liquid Auth server that is reachable but unusable (a failing proxy): answers
 * every request 503 and records when each Socket.IO connection attempt arrived, to measure the backoff.
 */
export async function startUnavailableServer(port: number): Promise<{ handshakes: number[]; close(): Promise<void> }> {
  const handshakes: number[] = [];
  // One reconnection attempt: an engine.io handshake, by polling or (Tandem's socket is websocket-only,
  // entrypoints/background/signal-socket.ts) by a websocket upgrade; each is answered 503.
  const isHandshake = (req: { url?: string }, transport: string) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    return url.pathname === '/socket.io/' && url.searchParams.get('transport') === transport && !url.searchParams.has('sid');
  };
  const server = createServer((req, res) => {
    if (isHandshake(req, 'polling')) handshakes.push(Date.now());
    res.writeHead(503, { connection: 'close' }).end();
  });
  server.on('upgrade', (req, socket) => {
    if (isHandshake(req, 'websocket')) handshakes.push(Date.now());
    socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    handshakes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
