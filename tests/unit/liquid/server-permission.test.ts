import { describe, expect, it } from 'vitest';
import { serverHostPattern } from '../../../lib/liquid/server-permission';
import { createHarness, flush } from './signaling-fakes';

describe('serverHostPattern', () => {
  it.each([
    ['http://localhost:3000', 'http://localhost/*'],
    ['https://liquid.example.com', 'https://liquid.example.com/*'],
    ['https://liquid.example.com:8443/some/path?x=1', 'https://liquid.example.com/*'],
    ['HTTPS://Liquid.Example.COM', 'https://liquid.example.com/*'],
  ])('asks for the host of %s on every port', (url, pattern) => {
    expect(serverHostPattern(url)).toBe(pattern);
  });

  it.each(['not a url', '', 'wss://liquid.example.com', 'file:///etc/passwd', 'javascript:alert(1)'])('has no pattern for %j', (url) => {
    expect(serverHostPattern(url)).toBeNull();
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
    expect(state.failure?.message).toMatch(/Settings/);
    expect(state.link).toBeUndefined();
    expect(state.linkExpiresAt).toBeUndefined();
  });

  it('pairs once the permission is granted (a retry after saving the server in Settings)', async () => {
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
