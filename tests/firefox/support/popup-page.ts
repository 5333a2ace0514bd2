/** Page object for Tandem's popup in Firefox (a tab on popup.html). Every popup selector lives here. */
import type { Browser, Page } from 'puppeteer-core';
import type { Envelope } from '../../../lib/messaging/channel';
import { popupChannel, type PopupCatalogue } from '../../../lib/messaging/popup-protocol';
import type { Pairing } from '../../../lib/liquid/types';
import { testIds } from '../../../components/test-ids';
import { attributeOf, byTestId, clickTestId, textOf, waitAttribute, waitTestId } from './dom';
import { findTandemPage, openPopupTab } from './firefox';
import { until } from './wait';

/** The extension APIs an extension page has, as far as these helpers use them. */
type ExtensionPageGlobals = {
  browser: {
    runtime: { sendMessage(message: unknown): Promise<unknown> };
    storage: { local: { get(key: string): Promise<Record<string, unknown>> }; session: { get(key: string): Promise<Record<string, unknown>> } };
    extension: { getBackgroundPage(): { __tandemTestLog?: string[] } | null };
  };
};

export class FirefoxPopup {
  constructor(readonly page: Page) {}

  /** The popup tab the test hook opens when the extension starts. */
  static async first(browser: Browser): Promise<FirefoxPopup> {
    const popup = new FirefoxPopup(await findTandemPage(browser, ''));
    await popup.waitReady();
    return popup;
  }

  /** A fresh popup tab, opened by the extension itself (through the test hook). */
  static async open(browser: Browser, serverUrl: string): Promise<FirefoxPopup> {
    const popup = new FirefoxPopup(await openPopupTab(browser, serverUrl));
    await popup.waitReady();
    return popup;
  }

  async waitReady(): Promise<void> {
    await waitTestId(this.page, testIds.connectionPhase);
  }

  phase(): Promise<string | null> {
    return attributeOf(this.page, testIds.connectionPhase, 'data-phase');
  }

  async waitPhase(phase: string, timeoutMs?: number): Promise<void> {
    try {
      await waitAttribute(this.page, testIds.connectionPhase, 'data-phase', phase, timeoutMs);
    } catch (err) {
      const failure = await this.failureReason().catch(() => null);
      throw new Error(`${(err as Error).message}${failure ? `; failure reason ${failure}` : ''}`);
    }
  }

  /** Starts pairing and returns the liquid:// link shown under the QR code. */
  async pair(): Promise<string> {
    await clickTestId(this.page, testIds.pair);
    // The wallet step starts on the wallet of Settings' server (here "another server…" with the test server).
    await clickTestId(this.page, testIds.walletContinue);
    return until('pairing link', async () => {
      const text = (await textOf(this.page, testIds.pairingLink)) ?? '';
      return text.startsWith('liquid://') ? text : undefined;
    });
  }

  /** Clicks "Pair" and the wallet step's "Show QR code" without waiting for a QR code (for pairings that must be refused). */
  async requestPairing(): Promise<void> {
    await clickTestId(this.page, testIds.pair);
    await clickTestId(this.page, testIds.walletContinue);
  }

  /** The failure message shown (null when it shows none). */
  failureText(): Promise<string | null> {
    return textOf(this.page, testIds.failure);
  }

  /** Tandem's origin in this Firefox (moz-extension://<this install's UUID>). */
  extensionOrigin(): Promise<string> {
    return this.page.evaluate(() => location.origin);
  }

  /** The phase and failure shown, for a failing test's report. */
  async describePhase(): Promise<string> {
    const phase = await attributeOf(this.page, testIds.connectionPhase, 'data-phase');
    const failure = await this.failureReason();
    return `phase ${phase ?? '(none)'}${failure ? `, failure ${failure}` : ''}`;
  }

  /** Why the last attempt failed, as the popup shows it (null when it shows no failure). */
  failureReason(): Promise<string | null> {
    return attributeOf(this.page, testIds.failure, 'data-reason');
  }

  /** The full paired address (the element shows it shortened; its title holds all of it). */
  walletAddress(): Promise<string | null> {
    return attributeOf(this.page, testIds.walletAddress, 'title');
  }

  async isPairingShown(): Promise<boolean> {
    return (await this.page.$(byTestId(testIds.pairingLink))) !== null;
  }

  /**
   * Sends 'state/refresh' as the popup does when it opens; the reply says when the running
   * background started, which tells a restarted background from the same one.
   */
  async backgroundStartedAt(): Promise<number> {
    const message: Envelope<PopupCatalogue, 'state/refresh'> = { channel: popupChannel.name, kind: 'state/refresh', payload: {} };
    const reply = await this.page.evaluate((m) => (globalThis as unknown as ExtensionPageGlobals).browser.runtime.sendMessage(m), message);
    const value = (reply as { ok?: boolean; value?: { startedAt?: unknown } }).value;
    if (typeof value?.startedAt !== 'number') throw new Error(`state/refresh failed: ${JSON.stringify(reply)}`);
    return value.startedAt;
  }

  /** Sends 'pairing/start' (`fresh`: a new requestId beside the pairing) or 'pairing/cancel', as the popup does. */
  async sendPairing(kind: 'pairing/start' | 'pairing/cancel', payload: { fresh?: true } = {}): Promise<unknown> {
    const message = { channel: popupChannel.name, kind, payload } as Envelope<PopupCatalogue, typeof kind>;
    return this.page.evaluate((m) => (globalThis as unknown as ExtensionPageGlobals).browser.runtime.sendMessage(m), message);
  }

  /** Tandem's saved server session cookie per key (storage.session; entrypoints/background/server-sessions.ts). */
  async savedSessions(): Promise<Record<string, { server: string; cookie: string }>> {
    const items = await this.page.evaluate(() => (globalThis as unknown as ExtensionPageGlobals).browser.storage.session.get('serverSessions'));
    return (items.serverSessions as Record<string, { server: string; cookie: string }> | undefined) ?? {};
  }

  /** The persisted pairing (the list's first; one phone here), read as the popup reads it. */
  async storedPairing(): Promise<Pairing | null> {
    const items = await this.page.evaluate(() => (globalThis as unknown as ExtensionPageGlobals).browser.storage.local.get('pairing'));
    return (items.pairing as Pairing[] | undefined)?.[0] ?? null;
  }

  /** What the background page logged as errors or warnings (recorded by the test hook). */
  async backgroundLog(): Promise<string[]> {
    return this.page
      .evaluate(() => [...((globalThis as unknown as ExtensionPageGlobals).browser.extension.getBackgroundPage()?.__tandemTestLog ?? [])])
      .catch((err: unknown) => [`(could not read the background log: ${String(err)})`]);
  }

  async close(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close();
  }
}
