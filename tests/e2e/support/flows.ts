/** Multi-step flows shared by specs: pair a phone, connect a dApp. */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { TestServer } from './server';
import { PopupPage, approvalWindow } from './popup-page';
import { WalletPage, type Behaviour } from './wallet-page';
import { DappPage, TESTNET_HASH } from './dapp-page';
import { clickMayClose } from './click';
import { testIds } from '../../../components/test-ids';

export async function pairPhone(context: BrowserContext, extensionId: string, server: TestServer, behaviour: Behaviour = 'spec') {
  const popup = await PopupPage.open(context, extensionId);
  const link = await popup.pair();
  const wallet = await WalletPage.open(context, server.url, { behaviour });
  await wallet.connect(link);
  await popup.expectPhase('connected');
  // The phone (on auto-approve) has signed Tandem's pairing check: a test that turns auto-approve off
  // next finds nothing of Tandem's own waiting on the phone (seen once in CI: 2 pending, not 1).
  await popup.expectVerification('verified');
  return { popup, wallet, link, address: await wallet.address() };
}

/** Opens the dApp, asks to enable, approves the connect prompt; returns the dApp and window. */
export async function connectDapp(context: BrowserContext, extensionId: string, dappUrl: string, genesisHash = TESTNET_HASH) {
  const dapp = await DappPage.open(context, dappUrl);
  const enabling = dapp.enable(genesisHash);
  const approval = await approvalWindow(context, extensionId);
  await approval.getByTestId(testIds.connectPrompt).waitFor();
  await clickMayClose(approval.getByTestId(testIds.approve));
  const enabled = await enabling;
  expect(enabled.ok, JSON.stringify(enabled)).toBe(true);
  // With nothing else pending the window closes once the dApp has its answer. Wait for that, so
  // the caller's next approvalWindow() cannot pick up this closing window instead of a new one.
  if (!approval.isClosed()) await approval.waitForEvent('close', { timeout: 10_000 });
  return { dapp, enabled };
}

export async function approveOnce(approval: Page) {
  const prompt = approval.getByTestId(testIds.signPrompt);
  await expect(prompt).toHaveAttribute('data-stage', 'awaiting-approval');
  await clickMayClose(approval.getByTestId(testIds.approve));
}
