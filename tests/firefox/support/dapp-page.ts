/** Page object for the test dApp (dev/dapp) in Firefox, so that the content script answering it is Tandem's. */
import type { Browser, Page } from 'puppeteer-core';
import type { DappApi, Outcome } from '../../../dev/dapp/dapp-api';

export const TESTNET_HASH = 'SGO1GKSzyE7IEPItTxCByw9x8FmnrCDexi9/cOUJOiI=';
/** discover collects answers for this long; generous, as the first relay through Firefox can be slow. */
const DISCOVER_MS = 3_000;

type WithDapp = { dapp: DappApi };

export class FirefoxDapp {
  constructor(readonly page: Page) {}

  static async open(browser: Browser, serverUrl: string): Promise<FirefoxDapp> {
    const page = await browser.newPage();
    await page.goto(`${serverUrl}/dapp?discoverMs=${DISCOVER_MS}`);
    await page.waitForFunction(() => document.documentElement.dataset.dappReady === 'true', { timeout: 30_000 });
    return new FirefoxDapp(page);
  }

  discover(): Promise<Outcome> {
    return this.page.evaluate(() => (window as unknown as WithDapp).dapp.discover());
  }

  enable(genesisHash = TESTNET_HASH): Promise<Outcome> {
    return this.page.evaluate((hash) => (window as unknown as WithDapp).dapp.enable(hash), genesisHash);
  }

  signTransactions(txns: { txn: string; signers?: string[] }[]): Promise<Outcome> {
    return this.page.evaluate((t) => (window as unknown as WithDapp).dapp.signTransactions(t), txns);
  }

  buildPayment(from: string, note: string): Promise<string> {
    return this.page.evaluate((f, n, hash) => (window as unknown as WithDapp).dapp.buildPayment(f, { genesisHash: hash, note: n }), from, note, TESTNET_HASH);
  }
}
