import { describe, expect, it } from 'vitest';
import { isOriginRefusal, originRefusedMessage, type HttpAnswer } from '../../../lib/liquid/origin-refusal';
import { ORIGIN_REFUSAL_BODY, ORIGIN_REFUSAL_STATUS } from '../../../dev/server/origin-policy';
import { createHarness, flush } from './signaling-fakes';

const TANDEM = 'chrome-extension://ppahbinjnepjldcfldblgoofljchmjaj';
const NEST_500 = JSON.stringify({ statusCode: 500, message: 'Internal server error' });

function answer(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }): HttpAnswer {
  return { status, body, header: (name) => headers[name.toLowerCase()] ?? null };
}

describe('isOriginRefusal', () => {
  it("recognises the newer server's answer to an unlisted origin, as the dev server plays it", () => {
    expect(ORIGIN_REFUSAL_STATUS).toBe(500);
    expect(isOriginRefusal(answer(ORIGIN_REFUSAL_STATUS, JSON.stringify(ORIGIN_REFUSAL_BODY)))).toBe(true);
    expect(isOriginRefusal(answer(500, NEST_500))).toBe(true);
  });

  const notRefusals: [string, HttpAnswer][] = [
    ['a proxy in front of a server that is down (502)', answer(502, '<html><body>Bad Gateway</body></html>', { 'content-type': 'text/html' })],
    ['a server starting up (503)', answer(503, 'Service Unavailable', { 'content-type': 'text/plain' })],
    ["Express's default error page (HTML 500)", answer(500, '<!DOCTYPE html>\n<html lang="en"><body><pre>Internal Server Error</pre></body></html>', { 'content-type': 'text/html; charset=utf-8' })],
    ['a 500 that passed CORS (it carries Access-Control-Allow-Origin)', answer(500, NEST_500, { 'content-type': 'application/json', 'access-control-allow-origin': TANDEM })],
    ["the dev server's own internal error", answer(500, JSON.stringify({ reason: 'internal_error', error: 'Internal server error' }))],
    ['the same status with another message', answer(500, JSON.stringify({ statusCode: 500, message: 'Mongo down' }))],
    ['the body with more fields', answer(500, JSON.stringify({ statusCode: 500, message: 'Internal server error', error: 'x' }))],
    ['the body as text', answer(500, NEST_500, { 'content-type': 'text/plain' })],
    ['an unreadable body', answer(500, '')],
    ['a client error (403)', answer(403, JSON.stringify({ statusCode: 403, message: 'Forbidden resource' }))],
    ['a 404', answer(404, JSON.stringify({ statusCode: 404, message: 'Cannot GET /auth/session' }))],
  ];
  for (const [what, refused] of notRefusals) {
    it(`does not take ${what} for a refusal`, () => {
      expect(isOriginRefusal(refused)).toBe(false);
    });
  }
});

describe('signaling: a server that refuses the origin', () => {
  it('fails pairing with the refusal message, shows no QR code and opens no socket; Retry works once the server accepts', async () => {
    const h = createHarness();
    h.server.refusesOrigin = TANDEM;
    const requestId = await h.signaling.startPairing();
    await flush();
    expect(h.state()).toMatchObject({ phase: 'failed', socket: 'offline', requestId, failure: { reason: 'origin-refused', message: originRefusedMessage(TANDEM) } });
    expect(h.state().failure?.message).toBe(`This Liquid Auth server does not accept Tandem (origin ${TANDEM}). Ask its operator to allow it.`);
    expect(h.state().link).toBeUndefined();
    expect(h.sockets).toHaveLength(0);
    // It does not retry by itself, however long the popup stays open.
    await h.clock.advance(120_000);
    expect(h.sockets).toHaveLength(0);
    expect(h.state().failure?.reason).toBe('origin-refused');

    h.server.refusesOrigin = undefined;
    const retried = await h.signaling.startPairing({ fresh: true });
    await flush();
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId: retried });
    expect(h.state().failure).toBeUndefined();
    expect(h.socket().linkedRequestIds()).toEqual([retried]);
  });
});
