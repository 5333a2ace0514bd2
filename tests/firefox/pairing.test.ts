/** Tandem's Firefox build pairs with a phone (the dev wallet) and its popup shows the live link. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pairPhone } from './support/flows';
import { FirefoxPopup } from './support/popup-page';
import { startFirefoxSession, type FirefoxSession } from './support/session';

describe('Firefox: pairing', () => {
  let session: FirefoxSession;

  beforeAll(async () => {
    session = await startFirefoxSession();
  });
  afterAll(async () => {
    await session?.dispose();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && session) console.log(await session.diagnostics());
  });

  it('runs the background as a persistent page that answers the popup and has WebRTC', async () => {
    expect(await session.popup.backgroundStartedAt()).toBeGreaterThan(0);
    const background = await session.popup.page.evaluate(() => {
      const page = (globalThis as unknown as { browser: { extension: { getBackgroundPage(): (Window & typeof globalThis) | null } } }).browser.extension.getBackgroundPage();
      return { found: page !== null, webrtc: typeof page?.RTCPeerConnection };
    });
    expect(background).toEqual({ found: true, webrtc: 'function' });
  });

  it('pairs with the dev wallet: the popup shows connected with the phone address', async () => {
    const { address, link } = await pairPhone(session);
    expect(link).toMatch(/^liquid:\/\/localhost:\d+\/\?requestId=[0-9a-f-]{36}$/);
    expect(await session.popup.walletAddress()).toBe(address);
    expect(await session.popup.storedPairing()).toMatchObject({ server: session.server.url, wallet: address, requestId: new URL(link).searchParams.get('requestId') });

    // Opening the popup again (a new page, as when the icon is clicked) shows the same link.
    const again = await FirefoxPopup.open(session.firefox, session.server.url);
    await again.waitPhase('connected');
    expect(await again.walletAddress()).toBe(address);
    await again.close();
  });
});
