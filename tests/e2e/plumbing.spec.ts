import { test, expect } from './support/fixtures';
import { PopupPage } from './support/popup-page';
import { WalletPage } from './support/wallet-page';

test.describe('plumbing', () => {
  test('the service worker answers a typed message from an extension page and refuses a malformed one', async ({ context, extensionId }) => {
    const popup = await PopupPage.open(context, extensionId);
    await expect(popup.phase()).toHaveAttribute('data-phase', 'unpaired');
    const replies = await popup.page.evaluate(async () => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
      const good = await runtime.sendMessage({ channel: 'tandem/popup', kind: 'state/refresh', payload: {} });
      const unknownKind = await runtime.sendMessage({ channel: 'tandem/popup', kind: 'no/such-kind', payload: {} });
      const malformed = await runtime.sendMessage({ channel: 'tandem/popup', kind: 'request/approve', payload: { key: 42 } });
      return { good, unknownKind, malformed };
    });
    expect(replies.good).toMatchObject({ ok: true, value: { startedAt: expect.any(Number) } });
    expect(replies.unknownKind).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(replies.malformed).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  test('a web page cannot use the popup channel', async ({ context, server }) => {
    const page = await context.newPage();
    await page.goto(`${server.url}/dapp`);
    // Pages have no runtime messaging to the extension at all (no externally_connectable).
    const reachable = await page.evaluate(() => typeof (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage);
    expect(reachable).not.toBe('function');
  });

  test('the offscreen document is created on demand, reports ready and carries the phone link', async ({ context, extensionId, server, seedSettings, worker }) => {
    await seedSettings({});
    const offscreenCount = () =>
      worker.evaluate(async () => {
        const runtime = (globalThis as unknown as { chrome: { runtime: { getContexts(f: object): Promise<unknown[]> } } }).chrome.runtime;
        return (await runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length;
      });
    expect(await offscreenCount()).toBe(0);
    const popup = await PopupPage.open(context, extensionId);
    const link = await popup.pair();
    const wallet = await WalletPage.open(context, server.url);
    await wallet.connect(link);
    await popup.expectPhase('connected');
    expect(await offscreenCount()).toBe(1);
    await wallet.expectPhase('connected');
  });
});
