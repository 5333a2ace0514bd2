/**
 * The browser restarts with the same profile: storage.session (queue, connection state) and the
 * server's session cookie (no Max-Age) are gone, storage.local is not. Tandem remembers the pairing
 * and the connected sites, offers the pairing's QR as "phone offline", a re-scan reconnects, and the
 * site signs without a new connect prompt.
 */
import { rmSync } from 'node:fs';
import { test, expect } from './support/fixtures';
import { extensionIdOf, extensionWorker, launchWithExtension } from './support/browser';
import { DappPage } from './support/dapp-page';
import { localItemSeenFrom, watchApprovalWindows } from './support/fault-probes';
import { connectDapp, pairPhone } from './support/flows';
import { PopupPage } from './support/popup-page';
import { signWithApproval, stxnsOf } from './support/sign-flow';
import { siteRow } from './support/sites-list';
import { verifySignedTxn } from './support/verify';
import { WalletPage } from './support/wallet-page';

test('a browser restart keeps the pairing and the sites, offers the same QR, and a re-scan signs without a new connect prompt', async ({ server }) => {
  const { context: first, profileDir } = await launchWithExtension();
  try {
    const worker = await extensionWorker(first);
    const extensionId = extensionIdOf(worker);
    await worker.evaluate(
      (settings) => (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({ settings }),
      { serverUrl: server.url, iceServers: [] },
    );
    const { link, address } = await pairPhone(first, extensionId, server);
    const { dapp } = await connectDapp(first, extensionId, `${server.url}/dapp`);
    const origin = new URL(dapp.page.url()).origin;
    await first.close();

    const { context } = await launchWithExtension(profileDir);
    try {
      expect(extensionIdOf(await extensionWorker(context))).toBe(extensionId);
      const popup = await PopupPage.open(context, extensionId);
      await popup.expectPhase('phone-offline');
      expect(await popup.link()).toBe(link);
      await expect(popup.walletAddress()).toHaveAttribute('title', address);
      await expect(siteRow(popup.page, origin)).toBeVisible();
      expect(await localItemSeenFrom(popup.page, 'pairing')).toMatchObject([{ wallet: address, server: server.url }]);

      // The dev wallet's account survives in the profile; its passkey (a CDP virtual authenticator) does not.
      const wallet = await WalletPage.open(context, server.url);
      expect(await wallet.address()).toBe(address);
      await wallet.connect(link);
      await popup.expectPhase('connected');

      const windows = watchApprovalWindows(context, extensionId);
      const reopened = await DappPage.open(context, `${server.url}/dapp`);
      const enabled = await reopened.enable();
      expect(enabled.ok, JSON.stringify(enabled)).toBe(true);
      expect(windows.opened()).toBe(0);
      const txn = await reopened.buildPayment(address, { note: 'after a browser restart' });
      const { outcome } = await signWithApproval(context, extensionId, reopened, [{ txn }]);
      verifySignedTxn(stxnsOf(outcome)[0]!, txn, address);
      expect(windows.opened()).toBe(1);
    } finally {
      await context.close();
    }
  } finally {
    await first.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
});
