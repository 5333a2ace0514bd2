/**
 * The e2e fixture: a dev Liquid Auth server on loopback, Chromium with Tandem loaded, its
 * service worker and id, and settings seeded through the worker (not by clicking). On top of
 * those, for the many tests that start from a working set-up: `pairedPhone` (default settings, the
 * dev wallet paired through the popup) and `signSetup` (that, plus the test dApp connected).
 * Playwright sets a fixture up only for the tests that name it.
 */
import { test as base, type BrowserContext, type Worker } from '@playwright/test';
import { rmSync } from 'node:fs';
import { extensionIdOf, extensionWorker, launchWithExtension } from './browser';
import type { DappPage } from './dapp-page';
import { connectDapp, pairPhone } from './flows';
import type { PopupPage } from './popup-page';
import { startTestServer, type TestServer } from './server';
import type { Behaviour, WalletPage } from './wallet-page';

export interface SeedSettings {
  serverUrl?: string;
  iceServers?: unknown[];
  requestDeadlineMs?: number;
  linkTimeoutMs?: number;
  offerTimeoutMs?: number;
  channelOpenTimeoutMs?: number;
  localNetGenesisHash?: string;
  algod?: Record<string, { url: string; tokenHeader: string; token: string }>;
  networkReads?: boolean;
}

/** The popup tab that paired, the phone and what it scanned. */
export interface PairedPhone {
  popup: PopupPage;
  wallet: WalletPage;
  /** The liquid:// link the phone scanned (a re-scan shows the same one). */
  link: string;
  /** The phone's account. */
  address: string;
}

/** A paired phone and the test dApp (`server.url/dapp`) connected to Tandem on TestNet. */
export interface SignSetup extends PairedPhone {
  dapp: DappPage;
}

interface Fixtures {
  server: TestServer;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Seeds settings in storage.local through the service worker. */
  seedSettings: (settings: SeedSettings) => Promise<void>;
  /** How the phone of `pairedPhone` answers ('spec' unless a describe block says `test.use({ phoneBehaviour })`). */
  phoneBehaviour: Behaviour;
  /** Default settings seeded and the dev wallet paired through the popup, which shows 'connected'. */
  pairedPhone: PairedPhone;
  /** `pairedPhone` plus the test dApp connected (its connect prompt approved, the window closed). */
  signSetup: SignSetup;
}

export const test = base.extend<Fixtures>({
  server: async ({}, use) => {
    const server = await startTestServer();
    await use(server);
    await server.dispose();
  },
  context: async ({}, use) => {
    const { context, profileDir } = await launchWithExtension();
    await use(context);
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  },
  worker: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },
  extensionId: async ({ worker }, use) => {
    await use(extensionIdOf(worker));
  },
  seedSettings: async ({ worker, server }, use) => {
    await use(async (settings) => {
      const value = { serverUrl: server.url, iceServers: [], ...settings };
      await worker.evaluate((v) => {
        const api = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome;
        return api.storage.local.set({ settings: v });
      }, value);
    });
  },
  phoneBehaviour: ['spec', { option: true }],
  pairedPhone: async ({ context, extensionId, server, seedSettings, phoneBehaviour }, use) => {
    await seedSettings({});
    await use(await pairPhone(context, extensionId, server, phoneBehaviour));
  },
  signSetup: async ({ context, extensionId, server, pairedPhone }, use) => {
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    await use({ ...pairedPhone, dapp });
  },
});

export { expect } from '@playwright/test';
