import { test, expect } from './support/fixtures';
import { PopupPage } from './support/popup-page';
import { WalletPage } from './support/wallet-page';

test.describe('pairing', () => {
  for (const behaviour of ['spec', 'reference'] as const) {
    test(`pairs with the dev wallet as a ${behaviour} phone and shows connected`, async ({ context, extensionId, server, seedSettings }) => {
      await seedSettings({});
      const popup = await PopupPage.open(context, extensionId);
      const link = await popup.pair();
      expect(link).toMatch(new RegExp(`^liquid://localhost:${server.port}/\\?requestId=[0-9a-f-]{36}$`));
      const wallet = await WalletPage.open(context, server.url, { behaviour });
      await wallet.connect(link);
      await popup.expectPhase('connected');
      const address = await wallet.address();
      await expect(popup.walletAddress()).toHaveAttribute('title', address);
    });
  }
});
