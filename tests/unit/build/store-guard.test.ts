/** The store-build guard (security review finding 12): a store zip never trusts a plain-http or local server. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { storeBuildProblems } from '../../../scripts/store-guard.mjs';

const SAFE_CSP = "default-src 'none'; script-src 'self'; connect-src https: wss:";

describe('store-build guard', () => {
  it('accepts an https server with an https-only CSP and host permissions', () => {
    expect(storeBuildProblems({ serverUrl: 'https://liquid.example.com', csp: SAFE_CSP, hostPermissions: ['https://liquid.example.com/*', 'https://*/*'] })).toEqual([]);
  });

  it.each([
    ['a plain-http default server', { serverUrl: 'http://liquid.example.com' }, /not https/],
    ['the dev server', { serverUrl: 'http://localhost:3000' }, /not https/],
    ['an https server on this machine', { serverUrl: 'https://127.0.0.1:8443' }, /on this machine/],
    ['http in the CSP', { csp: `${SAFE_CSP} http://localhost:* ws://localhost:*` }, /CSP allows http:\/\/localhost/],
    ['a localhost host permission', { hostPermissions: ['http://localhost/*'] }, /host permission http:\/\/localhost\/\* is not https/],
    ['an https *.localhost host permission', { hostPermissions: ['https://wallet-b.localhost/*'] }, /on this machine/],
  ])('refuses %s', (_name, override, message) => {
    const problems = storeBuildProblems({ serverUrl: 'https://liquid.example.com', csp: SAFE_CSP, hostPermissions: ['https://*/*'], ...override });
    expect(problems.join('\n')).toMatch(message);
  });

  it('fails `npm run zip`\'s build without TANDEM_SERVER_URL, with a clear message, before building anything', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TANDEM_STORE_BUILD: '1' };
    delete env.TANDEM_SERVER_URL;
    const run = spawnSync('npx', ['wxt', 'build', '-b', 'chrome'], { env, encoding: 'utf8', timeout: 120_000 });
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/store build \(TANDEM_STORE_BUILD=1\) would trust an insecure server[\s\S]*http:\/\/localhost:3000 is not https/);
  });
});
