/** The popup's connected-sites list (HomeView). Every selector for it lives here. */
import { expect, type Page } from '@playwright/test';
import { testIds } from '../../../components/test-ids';

export function siteRows(page: Page) {
  return page.getByTestId(testIds.site);
}

export function siteRow(page: Page, origin: string) {
  return siteRows(page).and(page.locator(`[data-origin="${origin}"]`));
}

/** Clicks Revoke on the site's row and waits until the row is gone. */
export async function revokeSite(page: Page, origin: string) {
  const row = siteRow(page, origin);
  await row.getByTestId(testIds.revoke).click();
  await expect(row).toHaveCount(0);
}

export function noSites(page: Page) {
  return page.getByTestId(testIds.noSites);
}
