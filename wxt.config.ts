import { defineConfig } from 'wxt';
import { fileURLToPath } from 'node:url';

const UUID_SHIM = fileURLToPath(new URL('./lib/shims/uuid-v4.ts', import.meta.url));

// Where the extension talks to its Liquid Auth server. Development and test builds
// default to the local dev server; store builds take TANDEM_SERVER_URL at build time.
const devServer = `http://localhost:${process.env.PORT ?? 3000}`;

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  imports: false,
  outDir: '.output',
  manifest: ({ browser }) => ({
    name: 'Tandem',
    description: 'An Algorand wallet whose keys stay on your phone.',
    permissions: ['storage', ...(browser === 'chrome' ? ['offscreen'] : [])],
    host_permissions: ['http://localhost/*', 'https://*/*'],
    action: { default_title: 'Tandem' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'tandem@tandem.wallet', strict_min_version: '115.0' } } }
      : {}),
  }),
  vite: () => ({
    plugins: [
      {
        // avm-web-provider pulls all of `uuid` into every page for one v4() call; give it the
        // browser's generator instead. Only that package is redirected (others need uuid v7).
        name: 'tandem:avm-web-provider-uuid',
        enforce: 'pre' as const,
        resolveId(source: string, importer?: string) {
          if (source === 'uuid' && importer?.includes('@agoralabs-sh/avm-web-provider')) return UUID_SHIM;
          return null;
        },
      },
    ],
    define: {
      __TANDEM_DEFAULT_SERVER__: JSON.stringify(process.env.TANDEM_SERVER_URL ?? devServer),
    },
  }),
});
