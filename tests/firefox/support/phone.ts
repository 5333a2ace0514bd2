/**
 * The phone: the dev wallet in its own headless Debian Chromium (through Playwright), because its
 * passkey needs a CDP virtual authenticator and Firefox has none. It talks to the same dev server.
 */
import { chromium, type Browser } from '@playwright/test';
import { WalletPage, type Behaviour } from '../../e2e/support/wallet-page';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Phone {
  wallet: WalletPage;
  dispose(): Promise<void>;
}

export async function startPhone(serverUrl: string, behaviour: Behaviour = 'spec'): Promise<Phone> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-features=WebRtcHideLocalIpsWithMdns'],
  });
  try {
    const context = await browser.newContext();
    const wallet = await WalletPage.open(context, serverUrl, { behaviour, auto: true });
    return { wallet, dispose: () => browser.close().catch(() => undefined) };
  } catch (err) {
    await browser.close().catch(() => undefined);
    throw err;
  }
}
