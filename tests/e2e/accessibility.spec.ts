/**
 * Accessibility: axe-core finds nothing on any screen in either theme, and pairing, connecting,
 * approving and rejecting all work from the keyboard alone, with the focus where the user needs it.
 */
import algosdk from 'algosdk';
import { test, expect } from './support/fixtures';
import { expectNoAxeViolations, tabTo } from './support/accessibility';
import { ApprovalPage } from './support/approval-page';
import { pressMayClose } from './support/click';
import { DappPage } from './support/dapp-page';
import { pairPhone } from './support/flows';
import { PopupPage } from './support/popup-page';
import { errorOf } from './support/sign-flow';
import { REKEY_TARGET, payment } from './support/txns';
import { WalletPage } from './support/wallet-page';
import { testIds } from '../../components/test-ids';

test('every screen has no axe violations, in light and dark', async ({ context, extensionId, server, seedSettings }) => {
  await seedSettings({});
  const unpaired = await PopupPage.open(context, extensionId);
  await unpaired.expectPhase('unpaired');
  await expectNoAxeViolations(unpaired.page, 'popup, not paired');
  await unpaired.openSettings();
  await expectNoAxeViolations(unpaired.page, 'settings');
  await unpaired.page.getByTestId(testIds.toggleSettings).click();
  await unpaired.pair();
  await expect(unpaired.qrCode()).toBeVisible();
  await expectNoAxeViolations(unpaired.page, 'pairing QR');
  await unpaired.page.getByTestId(testIds.cancelPairing).click();
  await unpaired.page.close();

  const { popup, wallet, address } = await pairPhone(context, extensionId, server);
  await expectNoAxeViolations(popup.page, 'popup, connected');

  const dapp = await DappPage.open(context, `${server.url}/dapp`);
  const enabling = dapp.enable();
  const connect = await ApprovalPage.find(context, extensionId);
  await expect(connect.connectPrompt()).toBeVisible();
  await expectNoAxeViolations(connect.page, 'connect prompt');
  await connect.approveConnect();
  expect((await enabling).ok).toBe(true);
  await connect.waitForClose();
  await expectNoAxeViolations(popup.page, 'popup, a site connected');

  await wallet.setAutoApprove(false);
  const signing = dapp.signTransactions([
    { txn: payment({ from: address, rekeyTo: REKEY_TARGET }) },
    { txn: payment({ from: address, note: new TextEncoder().encode('Dinner 🍕 \u202Eevil') }) },
  ]);
  const approval = await ApprovalPage.find(context, extensionId);
  await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
  await expectNoAxeViolations(approval.page, 'sign prompt with warnings');
  await approval.approveSign();
  await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-phone');
  await expectNoAxeViolations(approval.page, 'confirm on your phone');
  await approval.page.getByTestId(testIds.cancelRequest).click();
  expect(errorOf(await signing).code).toBe(4001);
  // The window closes with its last request: the send prompt opens a new one (finding the closing one raced).
  await approval.waitForClose();

  // The send prompt (post_transactions), with a transaction the site signed itself.
  const site = algosdk.generateAccount();
  const own = algosdk.decodeUnsignedTransaction(Buffer.from(payment({ from: site.addr.toString() }), 'base64'));
  const posting = dapp.postTransactions([Buffer.from(own.signTxn(site.sk)).toString('base64')]);
  const send = await ApprovalPage.find(context, extensionId);
  await expect(send.page.getByTestId(testIds.postPrompt)).toBeVisible();
  await expectNoAxeViolations(send.page, 'send prompt');
  await send.page.getByTestId(testIds.reject).click();
  expect(errorOf(await posting).code).toBe(4001);
});

test('pairing, connect, approve and reject with the keyboard alone; the focus follows the prompt; no key approves', async ({ context, extensionId, server, seedSettings }) => {
  await seedSettings({});
  const popup = await PopupPage.open(context, extensionId);
  await popup.expectPhase('unpaired');
  await tabTo(popup.page, testIds.pair);
  await popup.page.keyboard.press('Enter');
  // The wallet step (which wallet app?) is answered by keyboard too: it starts on Settings' server.
  await expect(popup.walletStep()).toBeVisible();
  await tabTo(popup.page, testIds.walletContinue);
  await popup.page.keyboard.press('Enter');
  const link = await popup.link();
  // The QR's accessible name says what it is; its description is the link written beside it.
  await expect(popup.qrCode()).toHaveAccessibleName(/pairing QR code/i);
  await expect(popup.qrCode()).toHaveAccessibleDescription(link);
  const wallet = await WalletPage.open(context, server.url);
  await wallet.connect(link);
  await popup.expectPhase('connected');
  await popup.expectVerification('verified');
  const address = await wallet.address();

  // Connect: the window opens with the focus on the prompt's heading; Tab reaches Connect.
  const dapp = await DappPage.open(context, `${server.url}/dapp`);
  const enabling = dapp.enable();
  const connect = await ApprovalPage.find(context, extensionId);
  await expect(connect.connectPrompt().getByRole('heading')).toBeFocused();
  await expect(connect.approveButton()).toBeEnabled();
  await tabTo(connect.page, testIds.approve);
  // The answer closes the window, which can happen before the key press has finished.
  await pressMayClose(connect.page, 'Enter');
  expect((await enabling).ok).toBe(true);
  await connect.waitForClose();

  // Two sign requests: no key approves the first; Reject by keyboard, then the focus is on the next one.
  const first = dapp.signTransactions([{ txn: payment({ from: address }) }]);
  const approval = await ApprovalPage.find(context, extensionId);
  await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
  const second = dapp.signTransactions([{ txn: payment({ from: address, amount: 2_000 }) }]);
  await expect(approval.page.getByTestId(testIds.pendingCount)).toHaveText('2 requests waiting');
  const heading = approval.signPrompt().getByRole('heading', { level: 2 });
  await expect(heading).toBeFocused();
  await expect(approval.approveButton()).toBeEnabled();
  for (const key of ['Enter', ' ', 'y', 'a', 'Control+Enter', 'Alt+a']) await approval.page.keyboard.press(key);
  await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
  await tabTo(approval.page, testIds.reject);
  await approval.page.keyboard.press('Enter');
  expect(errorOf(await first).code).toBe(4001);
  await expect(approval.page.getByTestId(testIds.pendingCount)).toHaveCount(0);
  await expect(heading).toBeFocused();
  await expect(approval.approveButton()).toBeEnabled();
  await tabTo(approval.page, testIds.approve);
  await pressMayClose(approval.page, 'Enter');
  const signed = await second;
  expect(signed.ok, JSON.stringify(signed)).toBe(true);
});
