/** "Block this site" in the approval window and the popup's blocked-sites list. Every selector for them lives here. */
import { expect, type Page } from '@playwright/test';
import { clickMayClose } from './click';
import { testIds } from '../../../components/test-ids';

/** Clicks "Block this site" on the prompt the approval window shows. */
export async function blockFromPrompt(approval: Page) {
  await clickMayClose(approval.getByTestId(testIds.blockSite));
}

export function blockedRow(popup: Page, origin: string) {
  return popup.getByTestId(testIds.blockedSite).and(popup.locator(`[data-origin="${origin}"]`));
}

/** Clicks Unblock on the site's row and waits until the row is gone. */
export async function unblockSite(popup: Page, origin: string) {
  const row = blockedRow(popup, origin);
  await row.getByTestId(testIds.unblock).click();
  await expect(row).toHaveCount(0);
}
