import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoftLiquidWallet } from '../../support/soft-authenticator.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

describe('GET /auth/session', () => {
  it('creates a session with a connect.sid cookie exactly like the real server', async () => {
    const response = await fetch(`${server.url}/auth/session`);
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie();
    expect(setCookie).toHaveLength(1);
    const [cookie] = setCookie as [string];
    expect(cookie).toMatch(/^connect\.sid=s%3A[^;]+; Path=\/; HttpOnly$/);
    expect(cookie).not.toMatch(/SameSite/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).not.toMatch(/Max-Age/i);
    expect(cookie).not.toMatch(/Expires/i);
    expect(await response.json()).toEqual({
      user: null,
      session: { cookie: expect.objectContaining({ httpOnly: true, path: '/', expires: null }) },
    });
  });

  it('keeps the session named by the cookie and does not set a new one', async () => {
    const wallet = new SoftLiquidWallet(server.url);
    await wallet.session();
    const sid = wallet.jar.get('connect.sid');
    const again = await wallet.fetch('/auth/session');
    expect(again.headers.getSetCookie()).toEqual([]);
    await again.body?.cancel();
    expect(wallet.jar.get('connect.sid')).toBe(sid);
  });

  it('replaces a cookie that names no stored session', async () => {
    const response = await fetch(`${server.url}/auth/session`, { headers: { cookie: 'connect.sid=s%3Aforged.sig' } });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()[0]).toMatch(/^connect\.sid=/);
    expect(((await response.json()) as { user: unknown }).user).toBeNull();
  });

  it('returns the user of a registered wallet', async () => {
    const wallet = new SoftLiquidWallet(server.url);
    const attested = await wallet.attest();
    const { body } = await wallet.session();
    expect(body.user).toEqual(attested.user);
    expect(body.session.wallet).toBe(wallet.address);
  });

  it('sends no CORS headers', async () => {
    const response = await fetch(`${server.url}/auth/session`, { headers: { origin: 'https://dapp.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    await response.body?.cancel();
    const preflight = await fetch(`${server.url}/attestation/request`, {
      method: 'OPTIONS',
      headers: { origin: 'https://dapp.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    await preflight.body?.cancel();
  });
});

describe('GET /auth/logout', () => {
  it('removes the wallet from the session and redirects to /', async () => {
    const wallet = new SoftLiquidWallet(server.url);
    await wallet.attest();
    const response = await wallet.fetch('/auth/logout');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    await response.body?.cancel();
    const { body } = await wallet.session();
    expect(body.session.wallet).toBeUndefined();
    expect(body.user).toBeNull();
  });
});

describe('unknown routes', () => {
  it('answer 404 in the error shape', async () => {
    const response = await fetch(`${server.url}/no/such/route`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ reason: 'not_found', error: expect.any(String) });
  });
});
