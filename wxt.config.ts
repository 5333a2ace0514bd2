import { defineConfig } from 'wxt';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { assertStoreBuild } from './scripts/store-guard.mjs';
import { buildWallets, manifestServers, shippedWallets } from './scripts/known-wallets.mjs';

const UUID_SHIM = fileURLToPath(new URL('./lib/shims/uuid-v4.ts', import.meta.url));

// Which Liquid Auth servers the build ships: the known-wallet list (lib/liquid/known-wallets.json),
// each wallet app with its own server (liquid-protocol.md §8). Development and test builds put the
// local dev server first, as the default wallet; store builds ship the list alone.
const storeBuild = process.env.TANDEM_STORE_BUILD === '1';
const devServer = `http://localhost:${process.env.PORT ?? 3000}`;
const wallets = buildWallets({ storeBuild, devServer, shipped: shippedWallets() });
const defaultServer = new URL(wallets[0]?.server ?? devServer);

/**
 * The host permissions the manifest asks for: every listed wallet's server (dev builds: also
 * http://*.localhost/*, the e2e tests' second server). Any port: Firefox's match patterns have none.
 * Another https server ("another server…" in the pairing screen) is granted at run time from the
 * optional `https://*\/*` (the wallet step asks, the background checks before pairing).
 */
const { hostPermissions: WALLET_SERVER_HOSTS, connectSources: PLAIN_HTTP_SOURCES } = manifestServers(wallets);
const OTHER_SERVER_HOSTS = 'https://*/*';

/**
 * The extension pages' CSP (popup, approval window, offscreen document, background page and
 * service worker). Scripts, styles and images only from the package (the QR code is a data:
 * image); no plugins, no <base>, no framing, no forms. connect-src allows any https:/wss: origin,
 * because the user may pair through another server than the listed ones (the host permission is
 * what gates a server), plus the listed plain-http servers (dev: localhost and *.localhost) over
 * http:/ws: on any port (the e2e servers take random ones). No upgrade-insecure-requests: Firefox's
 * default MV3 CSP would turn that ws:// into wss://.
 */
const EXTENSION_PAGES_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  ['connect-src', 'https:', 'wss:', ...PLAIN_HTTP_SOURCES].join(' '),
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Two libraries build code from strings, which store reviews flag (web-ext lint DANGEROUS_EVAL) and
 * which an extension's CSP forbids anyway (no 'unsafe-eval' in MV3, nor in Firefox MV2's default):
 * - cbor-x probes `Function('')` and, when it works, compiles record readers with `Function`.
 *   Under our CSP the probe throws and it never compiles, so its own no-eval build (published in
 *   the package as `cbor-x/index-no-eval`) behaves exactly the same: use that.
 * - engine.io-client finds the global object with `Function("return this")()` when neither `self`
 *   nor `window` exists; every context Tandem runs in has both `self` and `globalThis`.
 * The build fails if engine.io-client's code changes shape, so this never silently stops working.
 */
function noEvalInLibraries(): Plugin[] {
  const ENGINE_IO_GLOBAL_PROBE = 'Function("return this")()';
  return [
    {
      name: 'tandem:cbor-x-no-eval',
      enforce: 'pre',
      resolveId(source, importer) {
        if (source !== 'cbor-x') return null;
        return this.resolve('cbor-x/index-no-eval', importer, { skipSelf: true });
      },
    },
    {
      name: 'tandem:engine-io-global-this',
      transform(code, id) {
        if (!/engine\.io-client[\\/]build[\\/]esm(-debug)?[\\/]globals\.js$/.test(id)) return null;
        if (!code.includes(ENGINE_IO_GLOBAL_PROBE)) this.error(`${id} changed: review the tandem:engine-io-global-this plugin in wxt.config.ts`);
        return { code: code.replace(ENGINE_IO_GLOBAL_PROBE, 'globalThis'), map: null };
      },
    },
  ];
}

/**
 * A store build (`npm run zip` sets TANDEM_STORE_BUILD=1) must not trust a plain-http or local
 * server anywhere (every listed wallet's server, the CSP, the host permissions); it fails here,
 * before anything is built, with what is wrong.
 */
if (storeBuild) {
  assertStoreBuild({ wallets, csp: EXTENSION_PAGES_CSP, hostPermissions: [...WALLET_SERVER_HOSTS, OTHER_SERVER_HOSTS] });
}

/**
 * The icon set in public/icons, rendered from public/icons/tandem.svg by `npm run icons`. The
 * toolbar starts greyed (no phone is connected when the browser starts) and the background shows
 * the colour set while the phone is connected (entrypoints/background/badge.ts).
 */
const iconSet = (prefix: string) => Object.fromEntries([16, 32, 48, 128].map((size) => [size, `icons/${prefix}${size}.png`]));
const ICONS = iconSet('');
const OFFLINE_ICONS = iconSet('offline-');

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  imports: false,
  outDir: '.output',
  manifest: ({ browser }) => ({
    // The name is the brand in every language; the description comes from public/_locales, the
    // English file being the fallback for a browser language Tandem has no file for.
    name: 'Tandem',
    description: '__MSG_extension_description__',
    default_locale: 'en',
    // Each permission's reason is in the README ("Permissions").
    // alarms: wakes a stopped service worker at a request's deadline (entrypoints/background/deadlines.ts).
    permissions: ['storage', 'cookies', ...(browser === 'chrome' ? ['offscreen', 'alarms'] : [])],
    host_permissions: WALLET_SERVER_HOSTS,
    optional_host_permissions: [OTHER_SERVER_HOSTS],
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    icons: ICONS,
    action: { default_title: 'Tandem', default_icon: OFFLINE_ICONS },
    // Firefox only (the one place its manifest differs; WXT builds it as MV2 with a persistent
    // background page, which hosts the peer link: entrypoints/background/platform.ts).
    ...(browser === 'firefox'
      ? {
          // MV2 forms: WXT moves host_permissions into `permissions` but drops the MV3-only
          // optional_host_permissions, and MV2 takes the CSP as one string.
          optional_permissions: [OTHER_SERVER_HOSTS],
          // WXT's MV2 conversion of `action` keeps the title and the popup but not the icons.
          browser_action: { default_title: 'Tandem', default_icon: OFFLINE_ICONS },
          content_security_policy: EXTENSION_PAGES_CSP,
          browser_specific_settings: {
            gecko: {
              id: 'tandem@tandem.wallet',
              // 140 (an ESR) is the first desktop Firefox with the built-in data consent below; older
              // ones would need a consent screen of our own (AMO add-on policies, 2025).
              strict_min_version: '140.0',
              // What leaves the browser (Firefox's taxonomy): the transactions a dApp asks to sign,
              // sent to the user's own phone over the WebRTC data channel, set up through the Liquid
              // Auth server the user configures. Nothing is sent to Tandem's developers, and there
              // is no analytics or telemetry. Required: signing cannot work without it.
              data_collection_permissions: { required: ['financialAndPaymentInfo'] },
            },
            // Firefox for Android shows that consent from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  // The sources zip (Firefox) is what addons.mozilla.org reviewers rebuild from: exactly what the
  // build reads, plus the README's instructions. An allowlist, so that local leftovers (reports,
  // benchmarks, work in progress) never ship; `npm run check:sources` proves it rebuilds the same.
  zip: {
    includeSources: [
      'package.json',
      'package-lock.json',
      'wxt.config.ts',
      'tsconfig.json',
      'globals.d.ts',
      'scripts/store-guard.mjs',
      'scripts/store-guard.d.mts',
      'scripts/known-wallets.mjs',
      'scripts/known-wallets.d.mts',
      'README.md',
      'entrypoints/**',
      'components/**',
      'lib/**',
      // TANDEM_PROVIDER_ID lives in the dApp-side package's protocol module (lib/arc27/types.ts).
      'packages/use-wallet-tandem/src/protocol.ts',
      'public/**',
    ],
  },
  vite: () => ({
    plugins: [
      ...noEvalInLibraries(),
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
      // The default wallet's server (settings defaults), and the dev wallet's server ('' in store builds).
      __TANDEM_DEFAULT_SERVER__: JSON.stringify(defaultServer.origin),
      __TANDEM_DEV_WALLET_SERVER__: JSON.stringify(storeBuild ? '' : devServer),
      // Development and test builds read every network from the algod stand-in (dev/algod); a store
      // build from public nodes (lib/algorand/algod-endpoints.ts).
      __TANDEM_ALGOD_STAND_IN__: JSON.stringify(storeBuild ? null : `http://localhost:${process.env.ALGOD_PORT ?? 4180}`),
      // User Timing marks on the signing paths, for `npm run bench` only (lib/perf/hop-marks.ts).
      __TANDEM_HOP_MARKS__: JSON.stringify(process.env.TANDEM_HOP_MARKS === '1'),
    },
  }),
});
