import algosdk from 'algosdk';
import { test, expect } from './support/fixtures';
import { PopupPage } from './support/popup-page';
import { algodSettings, startTestAlgod, type RunningAlgodStandIn } from './support/algod';
import { homeBalance, homeHoldings } from './support/network-facts-page';

const CREATOR = algosdk.generateAccount().addr.toString();
let algod: RunningAlgodStandIn;

test.beforeEach(async () => {
  algod = await startTestAlgod({
    assets: [
      { index: 10458941, creator: CREATOR, decimals: 6, total: 10n ** 15n, name: 'USD Coin', unitName: 'USDC' },
      { index: 21582668, creator: CREATOR, decimals: 2, total: 10n ** 9n, name: 'Tandem Test Token', unitName: 'TTT' },
      { index: 5, creator: CREATOR, decimals: 0, total: 10n ** 9n, name: 'Ticket' },
    ],
  });
});

test.afterEach(async () => {
  await algod.close();
});

test.describe('popup home balances', () => {
  test("shows the account's ALGO and its largest holdings by name, read again each time the popup opens", async ({ context, extensionId, signSetup, seedSettings }) => {
    const { address } = signSetup;
    algod.ledger.seedAccount({
      address,
      microAlgos: 5_000_000,
      assets: [
        { assetId: 10458941, amount: 25_000_000 },
        { assetId: 21582668, amount: 150 },
        { assetId: 5, amount: 3 },
      ],
    });
    await seedSettings(algodSettings(algod.url));
    const popup = await PopupPage.open(context, extensionId);
    await expect(homeBalance(popup, 'TestNet')).toContainText('5.000000 ALGO');
    await expect(homeHoldings(popup)).toHaveText(['25.000000 USDC (USD Coin)', '3 Ticket', '1.50 TTT (Tandem Test Token)']);
    await popup.close();

    algod.ledger.seedAccount({ address, microAlgos: 7_250_000 });
    const reopened = await PopupPage.open(context, extensionId);
    await expect(homeBalance(reopened, 'TestNet')).toContainText('7.250000 ALGO');
  });
});
