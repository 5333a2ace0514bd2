/** Page object for Tandem's popup (opened in a tab) and approval window. Every selector lives here. */
import { expect, type BrowserContext, type Page } from '@playwright/test';

export class PopupPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string, hash = ''): Promise<PopupPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html${hash}`);
    return new PopupPage(page);
  }

  phase() {
    return this.page.getByTestId('connection-phase');
  }

  async expectPhase(phase: string, timeout?: number) {
    await expect(this.phase()).toHaveAttribute('data-phase', phase, timeout ? { timeout } : undefined);
  }

  async pair(): Promise<string> {
    await this.page.getByTestId('pair').click();
    return this.link();
  }

  async link(): Promise<string> {
    const link = this.page.getByTestId('pairing-link');
    await expect(link).toHaveText(/^liquid:\/\//);
    return (await link.textContent()) ?? '';
  }

  failure() {
    return this.page.getByTestId('failure');
  }

  async retry() {
    await this.page.getByTestId('retry').click();
  }

  walletAddress() {
    return this.page.getByTestId('wallet-address');
  }
}

/** The approval window: found among the context's pages by its URL. */
export async function approvalWindow(context: BrowserContext, extensionId: string): Promise<Page> {
  const url = `chrome-extension://${extensionId}/popup.html#approval`;
  const existing = context.pages().find((p) => p.url() === url);
  if (existing) return existing;
  return context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 20_000 });
}
