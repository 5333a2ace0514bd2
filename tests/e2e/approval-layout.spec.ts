/**
 * The approval window's layout as a user meets it: the window as tall as its prompt, and the
 * decision (Approve / Reject) in view however long the request.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { DappPage } from './support/dapp-page';
import { pairPhone } from './support/flows';
import { errorOf } from './support/sign-flow';
import { payment } from './support/txns';

type WindowsGlobal = { chrome: { windows: { getCurrent(): Promise<{ height?: number }> } } };

/** The window's outer height as the browser reports it, and the height of its content. */
function windowContent(page: Page): Promise<{ window: number; content: number }> {
  return page.evaluate(async () => {
    const current = await (globalThis as unknown as WindowsGlobal).chrome.windows.getCurrent();
    return { window: current.height ?? 0, content: Math.ceil(document.querySelector('main')!.getBoundingClientRect().height) };
  });
}

/** Whether the element is inside the window's visible area. */
function inView(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

test('the approval window fits a short prompt, and keeps Approve in view under a long one', async ({ context, extensionId, server, seedSettings }) => {
  await seedSettings({});
  const { address } = await pairPhone(context, extensionId, server);

  // A connect prompt is short: the window shrinks from its opening height (640) to it.
  const dapp = await DappPage.open(context, `${server.url}/dapp`);
  const enabling = dapp.enable();
  const connect = await ApprovalPage.find(context, extensionId);
  await expect(connect.connectPrompt()).toBeVisible();
  // (Playwright emulates the page's viewport, so the page cannot see the window's frame here: the
  // check is that the window shrank to about its content, not the exact pixel.)
  await expect.poll(async () => (await windowContent(connect.page)).window).toBeLessThan(600);
  const fit = await windowContent(connect.page);
  expect(fit.window).toBeGreaterThanOrEqual(fit.content);
  await connect.approveConnect();
  expect((await enabling).ok).toBe(true);
  await connect.waitForClose();

  // Sixteen transactions are taller than any screen: the window stops at the screen, Approve stays in view.
  const txns = Array.from({ length: 16 }, (_, i) => ({ txn: payment({ from: address, note: new TextEncoder().encode(`item ${i}`) }) }));
  const signing = dapp.signTransactions(txns);
  const approval = await ApprovalPage.find(context, extensionId);
  await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
  await expect.poll(() => inView(approval.page, 'approve')).toBe(true);
  await expect.poll(() => inView(approval.page, 'reject')).toBe(true);
  await approval.reject();
  expect(errorOf(await signing).code).toBe(4001);
});
