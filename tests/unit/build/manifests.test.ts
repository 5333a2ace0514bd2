/**
 * The built manifests and files, as a store reviewer sees them: the extension pages' CSP, the exact
 * permissions, no web_accessible_resources, and no remote code (every script is a packaged file,
 * no eval, and every URL written in a script is one explained here). `npm test` builds both
 * browsers first; run alone, this skips with a message until `npm run build` has been run.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedWallets } from '../../../scripts/known-wallets.mjs';

const CHROME = '.output/chrome-mv3';
const FIREFOX = '.output/firefox-mv2';
const missing = [CHROME, FIREFOX].filter((dir) => !existsSync(join(dir, 'manifest.json')));
if (missing.length > 0) {
  console.warn(`built-manifest checks skipped: ${missing.join(' and ')} not built (run \`npm run build\`; \`npm test\` does)`);
}

// The development build's default server (the dev wallet's, first in the list) and every listed
// wallet's server (lib/liquid/known-wallets.json), as wxt.config.ts takes them.
const server = new URL('http://localhost:3000');
const SHIPPED_HOSTS = shippedWallets().map((w) => `https://${new URL(w.server).hostname}/*`);
// The dev server's host and its subdomains (the e2e tests' wallet-b.localhost), then the listed wallets.
const SERVER_HOSTS = ['http://localhost/*', 'http://*.localhost/*', ...SHIPPED_HOSTS];
const PLAIN_HTTP = ' http://localhost:* ws://localhost:* http://*.localhost:* ws://*.localhost:*';
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  `connect-src https: wss:${PLAIN_HTTP}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/**
 * Every URL that may appear in the built scripts, and why it is not remote code. A new one (a
 * library upgrade, a new dependency) fails this test until it is looked at and explained here.
 */
const EXPLAINED_URLS: [prefix: string, why: string][] = [
  ['http://www.w3.org/', 'XML, SVG and MathML namespace names in React DOM: identifiers, never fetched'],
  ['https://react.dev/errors/', "React's minified error messages point at their full text"],
  ['https://wxt.dev/', "text of WXT's error messages"],
  ['https://github.com/wxt-dev/wxt/issues/', "text of WXT's error messages"],
  ['https://socket.io/docs/', "text of socket.io-client's error messages"],
  ['https://github.com/uuidjs/uuid', "text of uuid's error message"],
  ['https://rolldown.rs/in-depth/bundling-cjs', "text of the bundler's (rolldown's) error for a require() a bundle cannot serve, kept by its CommonJS interop helper"],
  ['http://127.0.0.1', "algosdk's default base URL for its KMD and Indexer clients, which Tandem never creates (and the CSP lists no such origin)"],
  ['http://*/*', "the content script's match pattern, kept in the script by WXT"],
  ['https://*/*', "the content script's match pattern, kept in the script by WXT"],
  [`${server.protocol}//${server.host}`, 'the default Liquid Auth server in the settings defaults and the dev wallet in the known-wallet list'],
  ['https://tandem.wallet', "Tandem's own URL and icon in the metadata it gives a phone (lib/phone/tandem-metadata.ts, Biatec's hello and the connections connect): text sent to the phone, never fetched by Tandem"],
  ['https://liquid.example.com', "the wallet step's example of a server address (placeholder text; example.com is reserved), never fetched"],
  ['https://mainnet-api.4160.nodely.dev', "MainNet's default algod node in a store build (lib/algorand/algod-endpoints.ts), read only while network reads are on, and only with the host permission the user grants from a gesture"],
  ['https://testnet-api.4160.nodely.dev', "TestNet's default algod node in a store build (lib/algorand/algod-endpoints.ts), as MainNet's"],
  ['https://betanet-api.4160.nodely.dev', "BetaNet's default algod node in a store build (lib/algorand/algod-endpoints.ts), as MainNet's"],
  ['http://localhost:4001', "LocalNet's default algod (AlgoKit's) in a development build (lib/algorand/algod-endpoints.ts); a store build's CSP admits no localhost"],
  [`http://localhost:${process.env.ALGOD_PORT ?? 4180}`, "the algod stand-in (dev/algod) every network reads in a development or test build; null in a store build"],
  ...shippedWallets().map((w): [string, string] => [w.server, `${w.name}'s Liquid Auth server in the known-wallet list (lib/liquid/known-wallets.json)`]),
];

type Manifest = Record<string, unknown> & {
  permissions?: string[];
  content_scripts?: { js?: string[] }[];
  background?: { service_worker?: string; scripts?: string[]; page?: string };
};

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

function filesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesIn(path) : [path];
  });
}

/** The packaged scripts a manifest starts: the background and the content scripts. */
function manifestScripts(manifest: Manifest): string[] {
  const { background } = manifest;
  return [
    ...(background?.service_worker ? [background.service_worker] : []),
    ...(background?.scripts ?? []),
    ...(manifest.content_scripts ?? []).flatMap((c) => c.js ?? []),
  ];
}

describe.skipIf(missing.length > 0)('built manifests', () => {
  it('Chrome MV3: the strict CSP, storage, cookies and offscreen, the listed wallets\' servers (dev: localhost and *.localhost), other https servers optional', () => {
    const manifest = manifestOf(CHROME);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.content_security_policy).toEqual({ extension_pages: CSP });
    expect(manifest.permissions).toEqual(['storage', 'cookies', 'offscreen', 'alarms']);
    expect(manifest.host_permissions).toEqual(SERVER_HOSTS);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
    expect(manifest).not.toHaveProperty('optional_permissions');
  });

  it('Firefox MV2: the same CSP as a string, storage, cookies and the listed wallets\' servers, other https servers optional', () => {
    const manifest = manifestOf(FIREFOX);
    expect(manifest.manifest_version).toBe(2);
    expect(manifest.content_security_policy).toBe(CSP);
    expect(manifest.permissions).toEqual(['storage', 'cookies', ...SERVER_HOSTS]);
    expect(manifest.optional_permissions).toEqual(['https://*/*']);
    expect(manifest).not.toHaveProperty('host_permissions');
    expect(manifest).not.toHaveProperty('optional_host_permissions');
  });

  it.each([
    [CHROME, 'action'],
    [FIREFOX, 'browser_action'],
  ] as const)('%s: the icon set (16, 32, 48, 128) for the extension, the greyed set for its %s until the phone connects, packaged PNGs of those sizes', (dir, toolbarKey) => {
    const manifest = manifestOf(dir);
    const expected = { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' };
    const offline = Object.fromEntries(Object.entries(expected).map(([size, path]) => [size, path.replace('icons/', 'icons/offline-')]));
    expect(manifest.icons).toEqual(expected);
    expect((manifest[toolbarKey] as { default_icon?: unknown } | undefined)?.default_icon).toEqual(offline);
    for (const [size, path] of [...Object.entries(expected), ...Object.entries(offline)]) {
      const png = readFileSync(join(dir, path));
      expect(png.subarray(1, 4).toString('latin1'), `${path} is a PNG`).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], `${path} is ${size}×${size}`).toEqual([Number(size), Number(size)]);
    }
  });

  it.each([CHROME, FIREFOX])('%s: no web_accessible_resources, no externally_connectable, no remote script', (dir) => {
    const manifest = manifestOf(dir);
    expect(manifest).not.toHaveProperty('web_accessible_resources');
    expect(manifest).not.toHaveProperty('externally_connectable');
    for (const script of manifestScripts(manifest)) {
      expect(script, 'a packaged file, not a URL').not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
      expect(existsSync(join(dir, script)), `${script} is in the package`).toBe(true);
    }
    const files = filesIn(dir);
    for (const page of files.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(page, 'utf8');
      const sources = [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)=["']([^"']+)["']/gi)].map((m) => m[1]!);
      expect(sources.length, `${page} loads its scripts`).toBeGreaterThan(0);
      for (const source of sources) expect(source, `${relative(dir, page)} loads a packaged file`).toMatch(/^\/[^/]/);
      expect(html, `${relative(dir, page)} has no inline script`).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    }
  });

  it.each([CHROME, FIREFOX])('%s: no eval, and every URL in a script is explained', (dir) => {
    const scripts = filesIn(dir).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const unexplained = new Set<string>();
    for (const file of scripts) {
      const code = readFileSync(file, 'utf8');
      const where = relative(dir, file);
      expect(code, `${where} calls eval`).not.toMatch(/(?<![\w$.])eval\s*\(/);
      expect(code, `${where} builds a Function from a string`).not.toMatch(/(?<![\w$.])(?:new\s+)?Function\s*\(/);
      expect(code, `${where} loads a script by URL`).not.toMatch(/importScripts\s*\(|import\s*\(\s*["'`]https?:/);
      for (const [url] of code.matchAll(/https?:\/\/[^\s"'`)\\]+/g)) {
        if (!EXPLAINED_URLS.some(([prefix]) => url.startsWith(prefix))) unexplained.add(`${where}: ${url}`);
      }
    }
    expect([...unexplained]).toEqual([]);
  });
});
