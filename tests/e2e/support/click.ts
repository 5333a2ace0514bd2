/**
 * A click on a button that may close its own window. Approve, Reject and Block answer the last
 * request in the approval window, and Tandem then closes the window, sometimes before Playwright's
 * click has finished its own bookkeeping, which then throws "Target page, context or browser has
 * been closed". A page that is closed after the click is that case; any other error is thrown. The
 * callers check the outcome (the dApp's answer) afterwards, so a click that did nothing still fails.
 */
import type { Locator, Page } from '@playwright/test';

export async function clickMayClose(button: Locator): Promise<void> {
  const page = button.page();
  try {
    await button.click();
  } catch (err) {
    if (!page.isClosed()) throw err;
  }
}

/** A key press that may close its own window (Enter on the last request's Approve), as clickMayClose. */
export async function pressMayClose(page: Page, key: string): Promise<void> {
  try {
    await page.keyboard.press(key);
  } catch (err) {
    if (!page.isClosed()) throw err;
  }
}
