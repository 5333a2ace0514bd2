/**
 * The Firefox suite's fixture: a dev Liquid Auth server on loopback, firefox-esr with a private
 * copy of Tandem (settings seeded by the test hook, not by clicking), and the dev wallet as the
 * phone in Chromium. One per test file; files run one at a time (vitest.firefox.config.ts).
 */
import type { Browser } from 'puppeteer-core';
import type { LiquidServerOptions } from '../../../dev/server/app';
import { startTestServer, type TestServer } from '../../e2e/support/server';
import { launchFirefoxWithTandem, tandemPages } from './firefox';
import { FirefoxPopup } from './popup-page';
import { startPhone, type Phone } from './phone';

export interface FirefoxSession {
  server: TestServer;
  firefox: Browser;
  phone: Phone;
  /** The popup tab the extension opened at start. */
  popup: FirefoxPopup;
  /** The background's console errors and the phone's log, for a failing test's report. */
  diagnostics(): Promise<string>;
  /** Runs `step` (a set-up step, where afterEach does not report); on failure prints the diagnostics. */
  explainFailure<T>(step: () => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

/** `serverOptions`: the dev server's origin policy and `onOrigin`. */
export async function startFirefoxSession(serverOptions: Pick<LiquidServerOptions, 'allowedOrigins' | 'refuseWithoutOrigin' | 'onOrigin'> = {}): Promise<FirefoxSession> {
  const server = await startTestServer(serverOptions);
  const cleanups: (() => Promise<void>)[] = [() => server.dispose()];
  const dispose = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    // Both browsers start at once: each launch mostly waits on its own process.
    const [firefox, phone] = await Promise.allSettled([launchFirefoxWithTandem({ serverUrl: server.url, iceServers: [] }), startPhone(server.url)]);
    if (firefox.status === 'fulfilled') cleanups.push(firefox.value.dispose);
    if (phone.status === 'fulfilled') cleanups.push(phone.value.dispose);
    if (firefox.status === 'rejected') throw firefox.reason;
    if (phone.status === 'rejected') throw phone.reason;
    const browser = firefox.value.browser;
    const popup = await FirefoxPopup.first(browser);
    const diagnostics = async () => {
      // Any open extension page can read the background page's log.
      const page = (await tandemPages(browser).catch(() => []))[0];
      const background = page ? await new FirefoxPopup(page).backgroundLog() : ['(no extension page open to read it from)'];
      const phase = page ? await new FirefoxPopup(page).describePhase().catch((err: unknown) => `(could not read it: ${String(err)})`) : '(no extension page open)';
      const walletLog = await phone.value.wallet.log().catch((err: unknown) => [`(could not read it: ${String(err)})`]);
      return [`popup: ${phase}`, `background console:\n  ${background.join('\n  ') || '(nothing)'}`, `dev wallet log (last 30):\n  ${walletLog.slice(-30).join('\n  ')}`].join('\n');
    };
    return {
      server,
      firefox: browser,
      phone: phone.value,
      popup,
      diagnostics,
      async explainFailure(step) {
        try {
          return await step();
        } catch (err) {
          console.log(`${err instanceof Error ? err.message : String(err)}\n${await diagnostics()}`);
          throw err;
        }
      },
      dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}
