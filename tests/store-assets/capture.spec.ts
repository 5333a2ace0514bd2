/**
 * The store screenshots (1280×800): the real extension, driven with the dev server and the dev
 * wallet, in light and dark. Each screen is captured at its natural size and set on a 1280×800
 * card with a caption (the stores want that size; the popup itself is 400 px wide).
 * Written to STORE_ASSETS_OUT (scripts/store-assets.mjs sets it).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from '../e2e/support/fixtures';
import { ApprovalPage } from '../e2e/support/approval-page';
import { algodSettings, startTestAlgod } from '../e2e/support/algod';
import { DappPage } from '../e2e/support/dapp-page';
import { PopupPage } from '../e2e/support/popup-page';
import { REKEY_TARGET, payment } from '../e2e/support/txns';
import { WalletPage } from '../e2e/support/wallet-page';
import { testIds } from '../../components/test-ids';

const OUT = process.env.STORE_ASSETS_OUT ?? 'store/screenshots';
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

const MARK = `data:image/svg+xml;base64,${readFileSync('public/icons/tandem.svg').toString('base64')}`;

/** Sets a screenshot of `page` on a 1280×800 card with a caption, and writes it. */
async function capture(context: BrowserContext, page: Page, name: string, caption: string, scheme: Scheme) {
  await page.emulateMedia({ colorScheme: scheme });
  const shot = await page.locator('main').screenshot({ animations: 'disabled' });
  const card = await context.newPage();
  try {
    await card.setViewportSize({ width: 1280, height: 800 });
    const dark = scheme === 'dark';
    await card.setContent(`<!doctype html><html><body style="margin:0;width:1280px;height:800px;display:flex;align-items:center;justify-content:center;gap:72px;
      font-family:system-ui,sans-serif;background:${dark ? 'linear-gradient(135deg,#0b1117,#16283d)' : 'linear-gradient(135deg,#eef3f9,#d9e6f4)'};color:${dark ? '#e7ebef' : '#161a1f'}">
      <div style="max-width:420px"><img src="${MARK}" width="72" height="72" alt="">
      <h1 style="font-size:40px;line-height:1.15;margin:24px 0 12px">${caption}</h1>
      <p style="font-size:20px;opacity:.8;margin:0">Tandem: an Algorand wallet whose keys stay on your phone.</p></div>
      <img src="data:image/png;base64,${shot.toString('base64')}" style="max-height:720px;max-width:640px;border-radius:14px;box-shadow:0 12px 40px rgb(0 0 0 / .28)" alt="">
      </body></html>`);
    await card.locator('img').last().evaluate((img: HTMLImageElement) => img.decode());
    await card.screenshot({ path: join(OUT, `${name}-${scheme}.png`) });
  } finally {
    await card.close();
  }
}

test('store screenshots: popup, pairing, connect and sign, light and dark', async ({ context, extensionId, server, seedSettings }) => {
  mkdirSync(OUT, { recursive: true });
  await seedSettings({});

  const popup = await PopupPage.open(context, extensionId);
  await popup.page.setViewportSize({ width: 400, height: 600 });
  const link = await popup.pair();
  await expect(popup.qrCode()).toBeVisible();
  for (const scheme of SCHEMES) await capture(context, popup.page, 'pairing', 'Pair once: scan with your phone', scheme);

  const wallet = await WalletPage.open(context, server.url);
  await wallet.connect(link);
  await popup.expectPhase('connected');
  await popup.expectVerification('verified');
  const address = await wallet.address();
  // Balances, the network's facts and the simulation, from the algod stand-in with the phone's account funded.
  const algod = await startTestAlgod({ accounts: [{ address, microAlgos: 12_345_678_000 }] });
  await seedSettings(algodSettings(algod.url));

  const dapp = await DappPage.open(context, `${server.url}/dapp`);
  const enabling = dapp.enable();
  const connect = await ApprovalPage.find(context, extensionId);
  await connect.page.setViewportSize({ width: 420, height: 640 });
  await expect(connect.approveButton()).toBeEnabled();
  for (const scheme of SCHEMES) await capture(context, connect.page, 'connect', 'Choose which sites see your account', scheme);
  await connect.approveConnect();
  expect((await enabling).ok).toBe(true);
  await connect.waitForClose();

  await popup.page.reload();
  await popup.expectPhase('connected');
  await expect(popup.page.getByTestId(testIds.site)).toHaveCount(1);
  await expect(popup.page.getByTestId(testIds.accountBalance).first()).toContainText('ALGO');
  for (const scheme of SCHEMES) await capture(context, popup.page, 'popup', 'One pairing for every tab', scheme);

  const signing = dapp.signTransactions([
    { txn: payment({ from: address, amount: 2_500_000, note: new TextEncoder().encode('Dinner — thanks!') }) },
    { txn: payment({ from: address, rekeyTo: REKEY_TARGET }) },
  ]);
  const sign = await ApprovalPage.find(context, extensionId);
  await sign.page.setViewportSize({ width: 420, height: 900 });
  await expect(sign.approveButton()).toBeEnabled();
  await expect(sign.page.getByTestId(testIds.simulation)).toBeVisible();
  for (const scheme of SCHEMES) await capture(context, sign.page, 'sign', 'Read every request, with warnings', scheme);
  await sign.reject();
  await signing;
  await algod.close();
});
