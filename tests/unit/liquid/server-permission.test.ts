import { describe, expect, it } from 'vitest';
import { serverHostPattern } from '../../../lib/liquid/server-permission';
import { createHarness, flush } from './signaling-fakes';

describe('serverHostPattern', () => {
  const DEV = 'http://localhost:3000';
  const STORE = 'https://liquid.example.com';

  it.each([
    ['http://localhost:3000', DEV, 'http://localhost/*'],
    ['http://localhost:41234', DEV, 'http://localhost/*'],
    ['https://liquid.example.com', DEV, 'https://liquid.example.com/*'],
    ['https://liquid.example.com:8443/some/path?x=1', STORE, 'https://liquid.example.com/*'],
    ['HTTPS://Other.Example.COM', STORE, 'https://other.example.com/*'],
    // A dev build's second server for the e2e tests (the manifest grants http://*.localhost/*).
    ['http://wallet-b.localhost:41235', DEV, 'http://wallet-b.localhost/*'],
  ])('asks for the host of %s on every port (default server %s)', (url, defaultServer, pattern) => {
    expect(serverHostPattern(url, defaultServer)).toBe(pattern);
  });

  it.each([
    ['not a url', DEV],
    ['', DEV],
    ['wss://liquid.example.com', DEV],
    ['file:///etc/passwd', DEV],
    ['javascript:alert(1)', DEV],
    // Plain http only for the build's own (dev) server host: the CSP lists no other.
    ['http://lan.example.test:3000', DEV],
    ['http://127.0.0.1:3000', DEV],
    ['http://evil-localhost:3000', DEV],
    ['http://localhost.example.test:3000', DEV],
    ['http://localhost:3000', STORE],
  ])('has no pattern for %j (default server %s)', (url, defaultServer) => {
    expect(serverHostPattern(url, defaultServer)).toBeNull();
  });
});

describe('signaling: the server host permission', () => {
  it('refuses to pair without it: no session, no socket, no QR, a clear failure', async () => {
    const asked: string[] = [];
    const h = createHarness({
      hasServerPermission: async (server) => {
        asked.push(server);
        return false;
      },
    });
    await h.signaling.startPairing();
    await flush();
    expect(asked).toEqual([h.settings.serverUrl]);
    expect(h.server.sessions).toBe(0);
    expect(h.sockets).toHaveLength(0);
    const state = h.state();
    expect(state).toMatchObject({ phase: 'failed', failure: { reason: 'no-permission' } });
    expect(state.failure?.message).toContain(h.settings.serverUrl);
    // Issue #18: the server comes from the wallet step, which is where the permission is asked for.
    expect(state.failure?.message).toMatch(/choose your wallet app and allow access/);
    expect(state.link).toBeUndefined();
    expect(state.linkExpiresAt).toBeUndefined();
  });

  it('pairs once the permission is granted (a retry after allowing it in the wallet step)', async () => {
    let granted = false;
    const h = createHarness({ hasServerPermission: async () => granted });
    await h.signaling.startPairing();
    await flush();
    expect(h.state().failure?.reason).toBe('no-permission');

    granted = true;
    const requestId = await h.signaling.startPairing({ fresh: true });
    await flush();
    expect(h.server.sessions).toBe(1);
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId });
    expect(h.state().failure).toBeUndefined();
  });
});
