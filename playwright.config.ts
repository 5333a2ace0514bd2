import { defineConfig } from '@playwright/test';

// One worker: a browser with the extension loaded takes about 0.5 GB and the suites share
// loopback ports (machine-notes.md). Tests wait on conditions, never on sleeps.
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'off' },
});
