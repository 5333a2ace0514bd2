/**
 * The use-wallet example dApps in a Chromium without Tandem: connect fails with the "not installed"
 * error (after the adapter's short discover deadline, not ARC-0027's 3 minutes: the error is
 * asserted, not timed), and resuming a session use-wallet remembers ends disconnected, silently.
 */
import { chromium, test as base, expect, type Browser } from '@playwright/test';
import algosdk from 'algosdk';
import { CHROMIUM } from './support/browser';
import { startTestServer, type TestServer } from './support/server';
import { UseWalletDapp, failureOf, type UseWalletFlavour } from './support/use-wallet-dapp';

const test = base.extend<{ server: TestServer; browser: Browser }>({
  server: async ({}, use) => {
    const server = await startTestServer();
    await use(server);
    await server.dispose();
  },
  browser: async ({}, use) => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    await use(browser);
    await browser.close();
  },
});

const STUB_ADDRESS = algosdk.encodeAddress(new Uint8Array(32).fill(0xf0));
/** The persisted-state key and Tandem's wallet id in each flavour (use-wallet 5.0 / 4.6). */
const STORAGE: Record<UseWalletFlavour, { key: string; tandemId: string }> = {
  v5: { key: '@txnlab/use-wallet:v5', tandemId: 'tandem' },
  v4: { key: '@txnlab/use-wallet:v4', tandemId: 'custom' },
};

for (const flavour of ['v5', 'v4'] as const) {
  test.describe(`use-wallet ${flavour} dApp without Tandem`, () => {
    test('connect fails at once with "Tandem is not installed" and where to get it', async ({ browser, server }) => {
      const context = await browser.newContext();
      const dapp = await UseWalletDapp.open(context, server.url, flavour);
      const error = failureOf(await dapp.connect());
      expect(error.message).toMatch(/Tandem is not installed in this browser/);
      expect(error.message).toMatch(/https:\/\//);
      expect(error.data).toMatchObject({ reason: 'not-installed' });
      expect((await dapp.state()).activeAddress).toBeNull();
      await context.close();
    });

    test('a remembered Tandem session resumes to disconnected, silently', async ({ browser, server }) => {
      const context = await browser.newContext();
      const { key, tandemId } = STORAGE[flavour];
      const account = { name: 'Tandem account 1', address: STUB_ADDRESS };
      const wallets: Record<string, unknown> = { [tandemId]: { accounts: [account], activeAccount: account } };
      // v5 also lists use-wallet's stub wallet: its remembered session must survive (proof the seed was read).
      if (flavour === 'v5') wallets.custom = { accounts: [{ name: 'Stub account', address: STUB_ADDRESS }], activeAccount: { name: 'Stub account', address: STUB_ADDRESS } };
      const seed = JSON.stringify({ wallets, activeWallet: tandemId, activeNetwork: 'testnet' });
      await context.addInitScript(([k, v]) => {
        localStorage.setItem(k!, v!);
        // Which ARC-0027 requests the page sends: proof that resume asked for Tandem (discover)
        // and never sent an enable that could prompt.
        const seen: string[] = [];
        (window as unknown as { arc27Requests: string[] }).arc27Requests = seen;
        for (const method of ['discover', 'enable']) window.addEventListener(`arc0027:${method}:request`, () => seen.push(method));
      }, [key, seed] as const);
      const errors: string[] = [];
      const page = await context.newPage();
      page.on('pageerror', (err) => errors.push(err.message));
      const dapp = new UseWalletDapp(page, flavour);
      await page.goto(UseWalletDapp.url(server.url, flavour));
      await dapp.waitForResume();

      const state = await dapp.state();
      expect(state.activeAddress).toBeNull();
      expect((await dapp.wallets()).find((w) => w.id === tandemId)?.isConnected).toBe(false);
      if (flavour === 'v5') expect((await dapp.wallets()).find((w) => w.id === 'custom')?.isConnected).toBe(true);
      const persisted = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), key)) ?? '{}') as { wallets?: Record<string, unknown> };
      expect(persisted.wallets?.[tandemId]).toBeUndefined();
      expect(await page.evaluate(() => (window as unknown as { arc27Requests: string[] }).arc27Requests)).toEqual(['discover']);
      expect(errors).toEqual([]);
      await context.close();
    });
  });
}
