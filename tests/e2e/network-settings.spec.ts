import { test, expect } from './support/fixtures';
import { PopupPage } from './support/popup-page';
import { saveTestNetNode } from './support/network-settings-page';

test.describe('Settings → Network', () => {
  test('saves a node with its token header and the reads switch', async ({ context, extensionId, worker, seedSettings }) => {
    await seedSettings({});
    const popup = await PopupPage.open(context, extensionId);
    await popup.openSettings();
    // A development build's manifest grants localhost, so saving asks no question here.
    expect(await saveTestNetNode(popup, 'http://localhost:4999/', false)).toBe('Saved.');
    const stored = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      return (await api.storage.local.get('settings')).settings as { algod: Record<string, unknown>; networkReads: boolean };
    });
    expect(stored.networkReads).toBe(false);
    expect(stored.algod.testnet).toEqual({ url: 'http://localhost:4999', tokenHeader: 'X-Algo-API-Token', token: 'secret' });
    expect(stored.algod.mainnet).toEqual({ url: 'http://localhost:4180', tokenHeader: '', token: '' });
  });

  test('refuses a node that is not http(s)', async ({ context, extensionId, seedSettings }) => {
    await seedSettings({});
    const popup = await PopupPage.open(context, extensionId);
    await popup.openSettings();
    expect(await saveTestNetNode(popup, 'ftp://node.example', true)).toMatch(/^Not saved/);
  });
});
