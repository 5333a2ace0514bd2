/**
 * The store-build guard (security review finding 12, issue #18): a store zip ships the known-wallet
 * list and never trusts a plain-http or local server, in the list, the CSP or the host permissions.
 */
import { describe, expect, it } from 'vitest';
import { buildWallets, manifestServers, shippedWallets } from '../../../scripts/known-wallets.mjs';
import { storeBuildProblems } from '../../../scripts/store-guard.mjs';

const SAFE_CSP = "default-src 'none'; script-src 'self'; connect-src https: wss:";
const WALLETS = [{ name: 'Example Wallet', server: 'https://liquid.example.com' }];

/** What wxt.config.ts hands the guard for a list: the manifest's host permissions and CSP follow from it. */
function buildOf(wallets: { name: string; server: string }[]) {
  const { hostPermissions, connectSources } = manifestServers(wallets);
  return { wallets, csp: [SAFE_CSP, ...connectSources].join(' '), hostPermissions: [...hostPermissions, 'https://*/*'] };
}

describe('store-build guard', () => {
  it('accepts https servers with an https-only CSP and host permissions', () => {
    expect(storeBuildProblems({ wallets: WALLETS, csp: SAFE_CSP, hostPermissions: ['https://liquid.example.com/*', 'https://*/*'] })).toEqual([]);
  });

  it.each([
    ['a plain-http listed server', { wallets: [...WALLETS, { name: 'Plain', server: 'http://liquid.example.org' }] }, /Plain's Liquid Auth server http:\/\/liquid\.example\.org is not https/],
    ['the dev server in the list', { wallets: [{ name: 'Tandem dev wallet', server: 'http://localhost:3000' }] }, /Tandem dev wallet's Liquid Auth server http:\/\/localhost:3000 is not https/],
    ['an https server on this machine', { wallets: [{ name: 'Local', server: 'https://127.0.0.1:8443' }] }, /on this machine/],
    ['a listed server that is not a URL', { wallets: [{ name: 'Broken', server: 'liquid.example.com' }] }, /Broken's Liquid Auth server liquid\.example\.com is not a URL/],
    ['an empty list', { wallets: [] }, /list .* is empty/],
    ['http in the CSP', { csp: `${SAFE_CSP} http://localhost:* ws://localhost:*` }, /CSP allows http:\/\/localhost/],
    ['a localhost host permission', { hostPermissions: ['http://localhost/*'] }, /host permission http:\/\/localhost\/\* is not https/],
    ['an https *.localhost host permission', { hostPermissions: ['https://wallet-b.localhost/*'] }, /on this machine/],
  ])('refuses %s', (_name, override, message) => {
    const problems = storeBuildProblems({ wallets: WALLETS, csp: SAFE_CSP, hostPermissions: ['https://*/*'], ...override });
    expect(problems.join('\n')).toMatch(message);
  });

  it('passes the shipped list as a store build derives it (every listed server https, nothing local)', () => {
    const wallets = buildWallets({ storeBuild: true, devServer: 'http://localhost:3000', shipped: shippedWallets() });
    expect(wallets.length).toBeGreaterThan(0);
    expect(wallets.map((w) => w.name)).not.toContain('Tandem dev wallet');
    const build = buildOf(wallets);
    expect(build.hostPermissions).toEqual([...wallets.map((w) => `https://${new URL(w.server).hostname}/*`), 'https://*/*']);
    expect(storeBuildProblems(build)).toEqual([]);
  });

  it('refuses the development build derived from the same list (the dev server and *.localhost)', () => {
    const build = buildOf(buildWallets({ storeBuild: false, devServer: 'http://localhost:3000', shipped: shippedWallets() }));
    const problems = storeBuildProblems(build).join('\n');
    expect(problems).toMatch(/Tandem dev wallet's Liquid Auth server http:\/\/localhost:3000 is not https/);
    expect(problems).toMatch(/CSP allows ws:\/\/\*\.localhost:\*/);
    expect(problems).toMatch(/host permission http:\/\/\*\.localhost\/\* is not https/);
  });
});
