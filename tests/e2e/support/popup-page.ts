/** Page object for Tandem's popup (opened in a tab) and approval window. Every selector lives here. */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { Envelope } from '../../../lib/messaging/channel';
import { popupChannel, type PopupCatalogue } from '../../../lib/messaging/popup-protocol';
import { testIds } from '../../../components/test-ids';

export class PopupPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string, hash = ''): Promise<PopupPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html${hash}`);
    return new PopupPage(page);
  }

  /**
   * Sends 'state/refresh' as the popup does on open. It wakes the background, is answered only
   * once the background has restored its state, and says when the running worker started.
   */
  async backgroundStartedAt(): Promise<number> {
    const message: Envelope<PopupCatalogue, 'state/refresh'> = { channel: popupChannel.name, kind: 'state/refresh', payload: {} };
    const reply = await this.page.evaluate(
      (m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m),
      message,
    );
    const value = (reply as { ok?: boolean; value?: { startedAt?: unknown } }).value;
    if (typeof value?.startedAt !== 'number') throw new Error(`state/refresh failed: ${JSON.stringify(reply)}`);
    return value.startedAt;
  }

  phase() {
    return this.page.getByTestId(testIds.connectionPhase);
  }

  async expectPhase(phase: string, timeout?: number) {
    await expect(this.phase()).toHaveAttribute('data-phase', phase, timeout ? { timeout } : undefined);
  }

  /** The signaling socket's state (ConnectionState.socket), and the popup's text for it. */
  async expectSocket(socket: 'offline' | 'connecting' | 'connected' | 'reconnecting', timeout?: number) {
    const status = this.page.getByTestId(testIds.connectionStatus);
    await expect(status).toHaveAttribute('data-socket', socket, timeout ? { timeout } : undefined);
    if (socket === 'reconnecting') await expect(status).toContainText('reconnecting to server');
    else await expect(status).not.toContainText('reconnecting to server');
  }

  async pair(): Promise<string> {
    await this.requestPairing();
    return this.link();
  }

  /**
   * The approval window's "Pair your phone": it has no wallet step (it pairs through the remembered
   * wallet, else Settings' server) and shows the QR at once.
   */
  async pairInApprovalWindow(): Promise<string> {
    await this.page.getByTestId(testIds.pair).click();
    return this.link();
  }

  /**
   * Clicks "Pair your phone" and, in the wallet step, "Show QR code" on the option it starts on (the
   * remembered wallet, else the one of Settings' server), without waiting for a QR code (for
   * pairings that must be refused).
   */
  async requestPairing() {
    await this.openWalletStep();
    await this.page.getByTestId(testIds.walletContinue).click();
  }

  /**
   * Sends 'pairing/start' as the approval window's "Pair" does: no wallet step there, so the
   * background uses the remembered wallet (Settings' server when none).
   */
  async startPairingWithoutWalletStep() {
    const message: Envelope<PopupCatalogue, 'pairing/start'> = { channel: popupChannel.name, kind: 'pairing/start', payload: {} };
    await this.page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message);
  }

  /**
   * Sends 'pairing/start' with `fresh` (a new requestId) while a pairing exists, which the popup
   * offers no button for today: a second pairing attempt beside the first (tests/e2e/server-sessions.spec.ts).
   */
  async startFreshPairing() {
    const message: Envelope<PopupCatalogue, 'pairing/start'> = { channel: popupChannel.name, kind: 'pairing/start', payload: { fresh: true } };
    await this.page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message);
  }

  /** Clicks "Pair your phone"; the wallet step asks which wallet app the phone has. */
  async openWalletStep() {
    await this.page.getByTestId(testIds.pair).click();
    await expect(this.walletStep()).toBeVisible();
  }

  walletStep() {
    return this.page.getByTestId(testIds.walletStep);
  }

  walletOption(walletId: string) {
    return this.page.locator(`[data-testid="${testIds.walletOption}"][data-wallet-id="${walletId}"]`);
  }

  /** In the wallet step: "Another server…" with `serverUrl`, then "Show QR code". */
  async chooseOtherServer(serverUrl: string) {
    await this.walletOption('other').check();
    await this.page.getByTestId(testIds.otherServer).fill(serverUrl);
    await this.page.getByTestId(testIds.walletContinue).click();
  }

  /** In the wallet step: a listed wallet, then "Show QR code". */
  async chooseWallet(walletId: string) {
    await this.walletOption(walletId).check();
    await this.page.getByTestId(testIds.walletContinue).click();
  }

  walletMessage() {
    return this.page.getByTestId(testIds.walletMessage);
  }

  qrCode() {
    return this.page.getByTestId(testIds.pairingQr);
  }

  pairingLink() {
    return this.page.getByTestId(testIds.pairingLink);
  }

  async link(): Promise<string> {
    const link = this.pairingLink();
    await expect(link).toHaveText(/^liquid:\/\//);
    return (await link.textContent()) ?? '';
  }

  /** Waits until the QR shows a link other than `previous` (a fresh requestId) and returns it. */
  async nextLink(previous: string, timeout?: number): Promise<string> {
    const link = this.pairingLink();
    await expect(link).not.toHaveText(previous, timeout ? { timeout } : undefined);
    return this.link();
  }

  /** Whether the phone proved its account: 'verified', 'checking', 'not-verified' or 'unchecked'. */
  async expectVerification(state: 'verified' | 'checking' | 'not-verified' | 'unchecked', timeout?: number) {
    await expect(this.page.getByTestId(testIds.verification)).toHaveAttribute('data-state', state, timeout ? { timeout } : undefined);
  }

  verification() {
    return this.page.getByTestId(testIds.verification);
  }

  async verifyAgain() {
    await this.page.getByTestId(testIds.verifyAgain).click();
  }

  failure() {
    return this.page.getByTestId(testIds.failure);
  }

  async expectFailure(reason: string, timeout?: number) {
    await expect(this.failure()).toHaveAttribute('data-reason', reason, timeout ? { timeout } : undefined);
  }

  retryButton() {
    return this.page.getByTestId(testIds.retry);
  }

  async retry() {
    await this.retryButton().click();
  }

  async cancelPairing() {
    await this.page.getByTestId(testIds.cancelPairing).click();
  }

  async openSettings() {
    await this.page.getByTestId(testIds.toggleSettings).click();
    await expect(this.page.getByTestId(testIds.serverUrl)).toBeVisible();
  }

  /** Types a server URL in Settings and saves (the settings view must be open); returns the form's message. */
  async saveServerUrl(url: string): Promise<string> {
    await this.page.getByTestId(testIds.serverUrl).fill(url);
    await this.page.getByTestId(testIds.saveSettings).click();
    const message = this.page.getByTestId(testIds.settingsMessage);
    await expect(message).toBeVisible();
    return (await message.textContent()) ?? '';
  }

  /** In Settings: adds a wallet app to the list and saves the list; returns the list's message. */
  async addWallet(name: string, server: string): Promise<string> {
    await this.page.getByTestId(testIds.addWallet).click();
    await this.page.getByTestId(testIds.customWalletName).last().fill(name);
    await this.page.getByTestId(testIds.customWalletServer).last().fill(server);
    await this.page.getByTestId(testIds.saveWallets).click();
    const message = this.page.getByTestId(testIds.walletListMessage);
    await expect(message).toBeVisible();
    return (await message.textContent()) ?? '';
  }

  /** In Settings: the server the pairing links through. */
  pairingServer() {
    return this.page.getByTestId(testIds.pairingServer);
  }

  async closeSettings() {
    await this.page.getByTestId(testIds.toggleSettings).click();
    await expect(this.phase()).toBeVisible();
  }

  /** Unpairs from the settings view and returns to the pairing view. */
  async unpair() {
    await this.openSettings();
    await this.page.getByTestId(testIds.unpair).click();
    await expect(this.page.getByTestId(testIds.unpair)).toBeHidden();
    await this.closeSettings();
  }

  async close() {
    await this.page.close();
  }

  walletAddress() {
    return this.page.getByTestId(testIds.walletAddress);
  }
}

/** The approval window: found among the context's pages by its URL. */
export async function approvalWindow(context: BrowserContext, extensionId: string): Promise<Page> {
  const url = `chrome-extension://${extensionId}/popup.html#approval`;
  const existing = context.pages().find((p) => p.url() === url);
  if (existing) return existing;
  return context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 20_000 });
}
