/** Puppeteer DOM helpers keyed by data-testid, shared by the Firefox page objects. */
import type { Page } from 'puppeteer-core';
import type { TestId } from '../../../components/test-ids';
import { until } from './wait';

export const UI_TIMEOUT_MS = 30_000;

export function byTestId(testId: TestId): string {
  return `[data-testid="${testId}"]`;
}

export async function waitTestId(page: Page, testId: TestId, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  await page.waitForSelector(byTestId(testId), { timeout: timeoutMs });
}

export async function clickTestId(page: Page, testId: TestId): Promise<void> {
  await waitTestId(page, testId);
  await page.click(byTestId(testId));
}

export async function attributeOf(page: Page, testId: TestId, attribute: string): Promise<string | null> {
  return page.evaluate((selector, attr) => document.querySelector(selector)?.getAttribute(attr) ?? null, byTestId(testId), attribute);
}

export async function textOf(page: Page, testId: TestId): Promise<string | null> {
  return page.evaluate((selector) => document.querySelector(selector)?.textContent ?? null, byTestId(testId));
}

/** Waits until the element's attribute has `value`; the error says what it was instead. */
export async function waitAttribute(page: Page, testId: TestId, attribute: string, value: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  let last: string | null = null;
  try {
    await until(
      `${testId}[${attribute}="${value}"]`,
      async () => {
        last = await attributeOf(page, testId, attribute);
        return last === value ? true : undefined;
      },
      timeoutMs,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; it was ${JSON.stringify(last)}`);
  }
}
