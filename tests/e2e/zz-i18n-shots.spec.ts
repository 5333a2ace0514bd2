// Temporary (not committed): Spanish screenshots to look at for overflow.
import { rmSync } from 'node:fs';
import { test as base, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { launchWithExtension } from './support/browser';
import { connectDapp, pairPhone } from './support/flows';
import { PopupPage } from './support/popup-page';
import { REKEY_TARGET, payment } from './support/txns';

const test = base.extend({
  context: async ({}, use) => {
    const { context, profileDir } = await launchWithExtension(undefined, undefined, { language: 'es' });
    await use(context);
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  },
});

test('shots', async ({ context, extensionId, server, seedSettings }) => {
  await seedSettings({});
  const { address, popup } = await pairPhone(context, extensionId, server);
  const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
  const home = await PopupPage.open(context, extensionId);
  await home.page.setViewportSize({ width: 360, height: 600 });
  void popup;
  for (const scheme of ['light', 'dark'] as const) {
    await home.page.emulateMedia({ colorScheme: scheme });
    await home.page.screenshot({ path: `/tmp/i18n/popup-es-${scheme}.png`, fullPage: true });
  }
  void dapp.signTransactions([{ txn: payment({ from: address, rekeyTo: REKEY_TARGET, amount: 12_345_678_901, fee: 250_000 }) }]);
  const approval = await ApprovalPage.find(context, extensionId);
  await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
  await expect(approval.approveButton()).toBeEnabled();
  for (const scheme of ['light', 'dark'] as const) {
    await approval.page.emulateMedia({ colorScheme: scheme });
    await approval.page.screenshot({ path: `/tmp/i18n/sign-es-${scheme}.png`, fullPage: true });
  }
  await home.page.getByTestId('toggle-settings').click().catch(() => undefined);
  await home.page.emulateMedia({ colorScheme: 'light' });
  await home.page.screenshot({ path: `/tmp/i18n/settings-es-light.png`, fullPage: true });
});
