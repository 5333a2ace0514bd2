/**
 * The e2e fixture: a dev Liquid Auth server on loopback, Chromium with Tandem loaded, its
 * service worker and id, and settings seeded through the worker (not by clicking).
 */
import { test as base, type BrowserContext, type Worker } from '@playwright/test';
import { rmSync } from 'node:fs';
import { extensionIdOf, extensionWorker, launchWithExtension } from './browser';
import { startTestServer, type TestServer } from './server';

export interface SeedSettings {
  serverUrl?: string;
  iceServers?: unknown[];
  requestDeadlineMs?: number;
  linkTimeoutMs?: number;
  offerTimeoutMs?: number;
  channelOpenTimeoutMs?: number;
  localNetGenesisHash?: string;
}

interface Fixtures {
  server: TestServer;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Seeds settings in storage.local through the service worker. */
  seedSettings: (settings: SeedSettings) => Promise<void>;
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
});

export { expect } from '@playwright/test';
