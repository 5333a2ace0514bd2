import { defineConfig } from 'vitest/config';

// The Firefox end-to-end suite (tests/firefox): Tandem's MV2 build in Debian's firefox-esr through
// puppeteer-core, the dev wallet in Chromium. One file at a time and no retries: each file starts
// two browsers (about 0.5 GB each) on a 2-core machine, and a flaky test must show up as a failure.
// The files share one worker process (isolate: false) so puppeteer, Playwright and algosdk load
// once; the support modules hold no state between files.
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    isolate: false,
    retry: 0,
    testTimeout: 150_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
