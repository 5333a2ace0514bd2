import { defineConfig } from '@playwright/test';

/** `npm run store-assets` (scripts/store-assets.mjs): the store screenshots, not a test suite. */
export default defineConfig({
  testDir: '.',
  testMatch: 'capture.spec.ts',
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: { trace: 'off' },
});
