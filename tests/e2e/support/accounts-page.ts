/**
 * Page-object functions for the accounts: the popup home's accounts list and the account chooser
 * of the connect prompt and the sites list. Every selector of these lives here.
 */
import { expect, type Page } from '@playwright/test';
import { testIds } from '../../../components/test-ids';

export function accountRow(page: Page, address: string) {
  return page.getByTestId(testIds.account).and(page.locator(`[data-address="${address}"]`));
}

export function accountRows(page: Page) {
  return page.getByTestId(testIds.account);
}

export async function renameAccount(page: Page, address: string, name: string) {
  const row = accountRow(page, address);
  await row.getByTestId(testIds.renameAccount).click();
  await row.getByTestId(testIds.accountNameInput).fill(name);
  await row.getByTestId(testIds.saveAccountName).click();
  await expect(row.getByTestId(testIds.accountName)).toHaveText(name);
}

/** Pastes an address into "Add an account" and waits for Tandem's answer. */
export async function addAccount(page: Page, address: string) {
  await page.getByTestId(testIds.addAccountInput).fill(address);
  await page.getByTestId(testIds.addAccount).click();
  await expect(page.getByTestId(testIds.accountsMessage)).toBeVisible();
}

export function accountsMessage(page: Page) {
  return page.getByTestId(testIds.accountsMessage);
}

export function accountCheck(page: Page, address: string) {
  return accountRow(page, address).getByTestId(testIds.accountCheck);
}

/** The chooser's checkbox for `address` (connect prompt or sites list). */
export function accountChoice(page: Page, address: string) {
  return page.getByTestId(testIds.accountChoice).and(page.locator(`[data-address="${address}"]`));
}

/** Ticks exactly `addresses` among `all` in the chooser on the page. */
export async function chooseAccounts(page: Page, all: string[], addresses: string[]) {
  for (const address of addresses) await accountChoice(page, address).check();
  for (const address of all) if (!addresses.includes(address)) await accountChoice(page, address).uncheck();
}

/** The accounts line of a connected site in the popup's sites list. */
export function siteAccounts(page: Page, origin: string) {
  return page.getByTestId(testIds.site).and(page.locator(`[data-origin="${origin}"]`)).getByTestId(testIds.siteAccounts);
}

/** Changes a connected site's accounts from the popup's sites list. */
export async function changeSiteAccounts(page: Page, origin: string, all: string[], addresses: string[]) {
  const site = page.getByTestId(testIds.site).and(page.locator(`[data-origin="${origin}"]`));
  await site.getByTestId(testIds.editSiteAccounts).click();
  await chooseAccounts(page, all, addresses);
  await site.getByTestId(testIds.saveSiteAccounts).click();
}
