/**
 * The toolbar button tells the state without opening anything: its tooltip (and colour) follow the
 * phone's connection, its badge counts the requests waiting for the user.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { connectDapp, pairPhone } from './support/flows';
import { PopupPage } from './support/popup-page';
import { errorOf } from './support/sign-flow';

type ActionGlobal = { chrome: { action: { getTitle(details: object): Promise<string>; getBadgeText(details: object): Promise<string> } } };

function toolbarSeenFrom(extensionPage: Page): Promise<{ title: string; badge: string }> {
  return extensionPage.evaluate(async () => {
    const { action } = (globalThis as unknown as ActionGlobal).chrome;
    return { title: await action.getTitle({}), badge: await action.getBadgeText({}) };
  });
}

test('the toolbar button shows connected, requests pending and phone offline', async ({ context, extensionId, server, seedSettings }) => {
  await seedSettings({});
  const before = await PopupPage.open(context, extensionId);
  expect(await toolbarSeenFrom(before.page)).toEqual({ title: 'Tandem', badge: '' });
  await before.page.close();

  const { popup, wallet, address } = await pairPhone(context, extensionId, server);
  await expect.poll(() => toolbarSeenFrom(popup.page)).toEqual({ title: 'Tandem: connected to your phone', badge: '' });

  const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
  const signing = dapp.signTransactions([{ txn: await dapp.buildPayment(address) }]);
  const approval = await ApprovalPage.find(context, extensionId);
  await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
  await expect.poll(() => toolbarSeenFrom(popup.page)).toEqual({ title: 'Tandem: connected to your phone', badge: '1' });

  await wallet.disconnect();
  await expect.poll(() => toolbarSeenFrom(popup.page)).toEqual({ title: 'Tandem: phone offline', badge: '1' });

  await approval.reject();
  expect(errorOf(await signing).code).toBe(4001);
  await expect.poll(() => toolbarSeenFrom(popup.page)).toEqual({ title: 'Tandem: phone offline', badge: '' });
});
