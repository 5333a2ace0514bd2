/** Pages inside pages: an iframe of another origin, found as a Playwright Frame once its page is ready. */
import { expect, type Frame, type Page } from '@playwright/test';

/**
 * Appends an iframe showing `url` to the page and returns its frame once the test dApp in it is up
 * (the dev server redirects `/dapp` to `/dapp/`, so the frame is found by its origin).
 */
export async function embedFrame(page: Page, url: string): Promise<Frame> {
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.width = '400';
    frame.height = '300';
    document.body.append(frame);
  }, url);
  let found: Frame | undefined;
  const origin = new URL(url).origin;
  await expect.poll(() => (found = page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(`${origin}/`)))).toBeDefined();
  await found!.waitForFunction(() => Boolean((window as unknown as { dapp?: unknown }).dapp));
  return found!;
}
