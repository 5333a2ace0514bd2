import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  // What wxt.config.ts defines for a development build (lib/storage/items.ts reads it).
  define: { __TANDEM_DEFAULT_SERVER__: JSON.stringify('http://localhost:3000'), __TANDEM_DEV_WALLET_SERVER__: JSON.stringify('http://localhost:3000'), __TANDEM_ALGOD_STAND_IN__: JSON.stringify('http://localhost:4180') },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    testTimeout: 30_000,
    // browser.i18n from the English messages.json: unit tests read Tandem's English texts.
    setupFiles: ['tests/unit/setup-i18n.ts'],
  },
});
