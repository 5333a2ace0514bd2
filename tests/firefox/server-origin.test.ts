/**
 * Firefox against servers that restrict origins (README "Running your own Liquid Auth server"): Tandem's
 * requests carry no Origin, so a server listing other origins like the newer Liquid Auth server pairs it; a
 * server that refuses it makes the popup say so, naming moz-extension://<this install's UUID>.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OriginSighting } from '../../dev/server/app';
import { originRefusedMessage } from '../../lib/liquid/origin-refusal';
import { pairPhone } from './support/flows';
import { startFirefoxSession, type FirefoxSession } from './support/session';
import { until } from './support/wait';
import { testIds } from '../../components/test-ids';
import { byTestId } from './support/dom';

const OTHER_SITE = 'https://wallet.example';

describe('Firefox: a server that lists other origins, like the newer Liquid Auth server', () => {
  let session: FirefoxSession;
  const origins: OriginSighting[] = [];
  beforeAll(async () => {
    session = await startFirefoxSession({ allowedOrigins: [OTHER_SITE], onOrigin: (sighting) => origins.push(sighting) });
  });
  afterAll(async () => {
    await session?.dispose();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && session) console.log(await session.diagnostics());
  });

  it('pairs Tandem: the session fetch carries no Origin; the socket handshake, its websocket upgrade, carries moz-extension://<uuid>', async () => {
    await pairPhone(session);
    const tandem = await session.popup.extensionOrigin();
    expect(tandem).toMatch(/^moz-extension:\/\/[0-9a-f-]{36}$/);
    const fromTandem = origins.filter((sighting) => sighting.origin === undefined || sighting.origin === tandem);
    expect(fromTandem).toContainEqual({ kind: 'http', what: 'GET /auth/session', origin: undefined });
    expect(origins.filter((sighting) => sighting.what === 'GET /auth/session' && sighting.origin !== undefined)).toEqual([]);
    // Websocket-only (entrypoints/background/signal-socket.ts): the upgrade request is the handshake.
    expect(fromTandem).toContainEqual({ kind: 'socket-handshake', what: 'GET /socket.io/', origin: tandem });
    expect(fromTandem.filter((sighting) => sighting.kind === 'socket-handshake' && sighting.origin === undefined)).toEqual([]);
    expect(fromTandem).toContainEqual({ kind: 'websocket-upgrade', what: 'GET /socket.io/', origin: tandem });
  });
});

describe('Firefox: a server that refuses requests without an Origin too', () => {
  let session: FirefoxSession;
  beforeAll(async () => {
    session = await startFirefoxSession({ allowedOrigins: [OTHER_SITE], refuseWithoutOrigin: true });
  });
  afterAll(async () => {
    await session?.dispose();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && session) console.log(await session.diagnostics());
  });

  it("says the server does not accept Tandem's origin, naming this install's moz-extension origin, with no QR code", async () => {
    const popup = session.popup;
    await popup.requestPairing();
    await popup.waitPhase('failed');
    expect(await popup.failureReason()).toBe('origin-refused');
    const tandem = await popup.extensionOrigin();
    expect(await popup.failureText()).toBe(originRefusedMessage(tandem));
    expect(await until('no QR code', () => popup.page.evaluate((selector) => (document.querySelector(selector) === null ? true : undefined), byTestId(testIds.pairingLink)))).toBe(true);
  });
});
