/** Settings → Network in the popup (components/NetworkSettings.tsx). */
import { expect } from '@playwright/test';
import type { PopupPage } from './popup-page';
import { testIds } from '../../../components/test-ids';

/** Sets TestNet's node and the reads switch, saves, and returns the message Tandem shows. */
export async function saveTestNetNode(popup: PopupPage, url: string, reads: boolean): Promise<string> {
  const page = popup.page;
  await page.getByRole('combobox', { name: 'Network' }).selectOption('testnet');
  await page.getByTestId(testIds.algodUrl).fill(url);
  await page.getByTestId(testIds.algodTokenHeader).fill('X-Algo-API-Token');
  await page.getByTestId(testIds.algodToken).fill('secret');
  await page.getByTestId(testIds.networkReads).setChecked(reads);
  await page.getByTestId(testIds.saveNetwork).click();
  const message = page.getByTestId(testIds.networkMessage);
  await expect(message).toBeVisible();
  return (await message.textContent()) ?? '';
}
