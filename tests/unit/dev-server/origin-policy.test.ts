/** ALLOWED_ORIGINS: the dev server refuses other origins the way the newer Liquid Auth server does. */
import { afterEach, describe, expect, it } from 'vitest';
import { ORIGIN_REFUSAL_BODY, parseAllowedOrigins } from '../../../dev/server/origin-policy.ts';
import { startTestServer, type TestServer } from './harness.ts';

const LISTED = 'https://wallet.example';
const TANDEM = 'chrome-extension://ppahbinjnepjldcfldblgoofljchmjaj';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function get(path: string, origin?: string, method = 'GET') {
  const response = await fetch(`${server!.url}${path}`, { method, headers: origin ? { origin } : {} });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe('ALLOWED_ORIGINS', () => {
  it('parses a comma-separated list; empty means no list', () => {
    expect(parseAllowedOrigins(' https://a.example, moz-extension://x ,')).toEqual(['https://a.example', 'moz-extension://x']);
    expect(parseAllowedOrigins('')).toBeUndefined();
    expect(parseAllowedOrigins(undefined)).toBeUndefined();
  });

  it("answers an unlisted origin with the newer server's 500 and no CORS headers, on every method", async () => {
    server = await startTestServer({ allowedOrigins: [LISTED] });
    for (const method of ['GET', 'POST', 'OPTIONS']) {
      const refused = await get('/auth/session', TANDEM, method);
      expect(refused.status).toBe(500);
      expect(refused.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(refused.body).toBe('{"statusCode":500,"message":"Internal server error"}');
      expect(JSON.parse(refused.body)).toEqual(ORIGIN_REFUSAL_BODY);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('lets a listed origin, its own origin and a request without an origin through', async () => {
    server = await startTestServer({ allowedOrigins: [LISTED] });
    const listed = await get('/auth/session', LISTED);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(listed.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await get('/auth/session', server.url)).status).toBe(200);
    const none = await get('/auth/session');
    expect(none.status).toBe(200);
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses API requests without an origin too with refuseWithoutOrigin, and still serves the dev pages', async () => {
    server = await startTestServer({ allowedOrigins: [LISTED], refuseWithoutOrigin: true });
    const refused = await get('/auth/session');
    expect(refused.status).toBe(500);
    expect(JSON.parse(refused.body)).toEqual(ORIGIN_REFUSAL_BODY);
    expect((await get('/attestation/request', undefined, 'POST')).status).toBe(500);
    expect((await get('/auth/session', LISTED)).status).toBe(200);
    expect((await get('/')).status).toBe(200);
  });

  it("answers an unlisted origin's Socket.IO polling handshake without Access-Control-Allow-Origin, a listed one with it", async () => {
    server = await startTestServer({ allowedOrigins: [LISTED] });
    const unlisted = await get('/socket.io/?EIO=4&transport=polling', TANDEM);
    expect(unlisted.headers.get('access-control-allow-origin')).toBeNull();
    const listed = await get('/socket.io/?EIO=4&transport=polling', LISTED);
    expect(listed.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(listed.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('accepts every origin without a list (the original server)', async () => {
    server = await startTestServer();
    const any = await get('/auth/session', TANDEM);
    expect(any.status).toBe(200);
    expect((await get('/socket.io/?EIO=4&transport=polling', TANDEM)).headers.get('access-control-allow-origin')).toBe('*');
  });
});
