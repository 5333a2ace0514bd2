/**
 * Servers that restrict origins (README "Running your own Liquid Auth server"): what Origin Tandem's requests
 * carry, that a server refusing other origins the way the newer Liquid Auth server does still pairs Tandem, and
 * what the popup says when a server does refuse Tandem.
 */
import type { LiquidServerOptions, OriginSighting } from '../../dev/server/app';
import { originRefusedMessage } from '../../lib/liquid/origin-refusal';
import { test as base, expect } from './support/fixtures';
import { pairPhone } from './support/flows';
import { PopupPage } from './support/popup-page';
import { startTestServer } from './support/server';

const OTHER_SITE = 'https://wallet.example';

const test = base.extend<{ serverOptions: Pick<LiquidServerOptions, 'allowedOrigins' | 'refuseWithoutOrigin'>; origins: OriginSighting[] }>({
  serverOptions: [{}, { option: true }],
  origins: async ({}, use) => use([]),
  server: async ({ serverOptions, origins }, use) => {
    const server = await startTestServer({ ...serverOptions, onOrigin: (sighting) => origins.push(sighting) });
    await use(server);
    await server.dispose();
  },
});

test.describe('a server that lists the origins it accepts', () => {
  test("Tandem's session fetch carries no Origin; its socket handshake, the websocket upgrade, carries the extension's", async ({
    context,
    extensionId,
    seedSettings,
    origins,
  }) => {
    await seedSettings({});
    const popup = await PopupPage.open(context, extensionId);
    await popup.pair();
    await popup.expectSocket('connected');
    const seen = (kind: OriginSighting['kind']) => origins.filter((sighting) => sighting.kind === kind);
    expect(seen('http')).toContainEqual({ kind: 'http', what: 'GET /auth/session', origin: undefined });
    expect(seen('http').filter((sighting) => sighting.what === 'GET /auth/session' && sighting.origin !== undefined)).toEqual([]);
    // Websocket-only (entrypoints/background/signal-socket.ts): the upgrade request is the handshake.
    expect(seen('socket-handshake').map((sighting) => sighting.origin)).toEqual([`chrome-extension://${extensionId}`]);
    expect(seen('websocket-upgrade').map((sighting) => sighting.origin)).toEqual([`chrome-extension://${extensionId}`]);
  });

  test.describe('like the newer Liquid Auth server (ALLOWED_ORIGINS without Tandem)', () => {
    test.use({ serverOptions: { allowedOrigins: [OTHER_SITE] } });

    test('pairs Tandem: its requests without an Origin pass, and the websocket upgrade is not checked', async ({ context, extensionId, server, seedSettings }) => {
      await seedSettings({});
      const { popup } = await pairPhone(context, extensionId, server);
      await expect(popup.failure()).toHaveCount(0);
    });
  });

  test.describe('that refuses requests without an Origin too', () => {
    test.use({ serverOptions: { allowedOrigins: [OTHER_SITE], refuseWithoutOrigin: true } });

    test("says the server does not accept Tandem's origin, with no QR code", async ({ context, extensionId, seedSettings }) => {
      await seedSettings({});
      const popup = await PopupPage.open(context, extensionId);
      await popup.requestPairing();
      await popup.expectFailure('origin-refused');
      await expect(popup.failure()).toHaveText(originRefusedMessage(`chrome-extension://${extensionId}`));
      await expect(popup.failure()).toHaveText(
        `This Liquid Auth server does not accept Tandem (origin chrome-extension://${extensionId}). Ask its operator to allow it.`,
      );
      await expect(popup.qrCode()).toHaveCount(0);
      await popup.expectPhase('failed');
    });
  });
});
