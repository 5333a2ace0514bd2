/**
 * Smoke test of the reference dApp against the dev server and the dev wallet, run by hand:
 *
 *   npx tsx dev/reference-dapp/smoke.ts     (HEADED=1 to watch, LOG=1 for the server log)
 *
 * Two browser contexts (two cookie jars, like two devices): the reference dApp starts a pairing, the
 * dev wallet (spec behaviour, auto-approve, CDP virtual authenticator) connects to its link, the
 * channel opens, then one payment and 1,024 grouped payments are signed through the channel.
 * Prints the timings. Exits non-zero on the first failed check.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import algosdk from 'algosdk';
import { chromium } from 'playwright-core';
import { startLiquidServer } from '../server/app.ts';
import { fromBase64Loose } from '../../lib/encoding/base64.ts';
import type { ReferenceDappApi } from './main.ts';

const AUTHENTICATOR = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const;
const TESTNET_HASH = 'SGO1GKSzyE7IEPItTxCByw9x8FmnrCDexi9/cOUJOiI=';
const RECEIVER = algosdk.encodeAddress(new Uint8Array(32).fill(0xee));

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`FAILED: ${what}`);
  console.log(`  ok  ${what}`);
}

function payments(sender: string, n: number): algosdk.Transaction[] {
  const txns = Array.from({ length: n }, (_, i) =>
    algosdk.makePaymentTxnWithSuggestedParamsFromObject({
      sender,
      receiver: RECEIVER,
      amount: 1000 + i,
      suggestedParams: {
        fee: 1000,
        flatFee: true,
        minFee: 1000,
        firstValid: 1000,
        lastValid: 2000,
        genesisID: 'testnet-v1.0',
        genesisHash: algosdk.base64ToBytes(TESTNET_HASH),
      },
    }),
  );
  for (let start = 0; start < n; start += 16) {
    const group = txns.slice(start, start + 16);
    if (group.length > 1) algosdk.assignGroupID(group);
  }
  return txns;
}

const wire = (txns: algosdk.Transaction[]) => txns.map((txn) => ({ txn: algosdk.bytesToBase64(algosdk.encodeUnsignedTransaction(txn)) }));

type RefWindow = Window & { referenceDapp: ReferenceDappApi };

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tandem-ref-smoke-'));
  const server = await startLiquidServer({ port: 0, dataDir, log: process.env.LOG === '1' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: process.env.HEADED !== '1',
    args: ['--no-sandbox', '--disable-features=WebRtcHideLocalIpsWithMdns'],
  });
  try {
    const refPage = await (await browser.newContext()).newPage();
    const walletContext = await browser.newContext();
    const walletPage = await walletContext.newPage();
    const cdp = await walletContext.newCDPSession(walletPage);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', { options: AUTHENTICATOR });
    for (const page of [refPage, walletPage]) {
      page.on('pageerror', (err) => console.log(`  [pageerror] ${err.message}`));
    }

    console.log(`server ${server.url}\n1. pairing`);
    await refPage.goto(`${server.url}/reference-dapp`);
    await refPage.waitForSelector('html[data-reference-dapp-ready="true"]', { timeout: 15_000 });
    const { requestId, link } = await refPage.evaluate(() => (window as unknown as RefWindow).referenceDapp.start());
    check(link === `liquid://localhost:${server.port}/?requestId=${requestId}`, `start() gives the deep link ${link}`);
    await walletPage.goto(`${server.url}/wallet/?behaviour=spec&auto=1&link=${encodeURIComponent(link)}`);
    await walletPage.bringToFront();
    const open = await refPage.evaluate(() => (window as unknown as RefWindow).referenceDapp.waitOpen(30_000));
    check(open.linkToOpenMs >= 0, `channel open: link ack → open ${open.linkToOpenMs.toFixed(1)} ms, start → open ${open.startToOpenMs.toFixed(1)} ms`);
    const address = await walletPage.evaluate(() => (window as unknown as { devWallet: { address: string } }).devWallet.address);

    console.log('2. signing through the channel');
    const one = payments(address, 1);
    const single = await refPage.evaluate((txns) => (window as unknown as RefWindow).referenceDapp.signTransactions(txns), wire(one));
    const signed = algosdk.decodeSignedTransaction(fromBase64Loose(single.stxns[0] as string)!);
    check(
      single.stxns.length === 1 && signed.txn.txID() === one[0]!.txID() && signed.sig !== undefined,
      `one payment signed in ${single.ms.toFixed(1)} ms (${single.frames} frame)`,
    );
    const many = payments(address, 1024);
    const bulk = await refPage.evaluate((txns) => (window as unknown as RefWindow).referenceDapp.signTransactions(txns, 20_000), wire(many));
    check(
      bulk.stxns.length === 1024 &&
        bulk.frames > 1 &&
        bulk.stxns.every((stxn, i) => algosdk.decodeSignedTransaction(fromBase64Loose(stxn as string)!).txn.txID() === many[i]!.txID()),
      `1,024 grouped payments signed in ${bulk.ms.toFixed(1)} ms over ${bulk.frames} frames, in order`,
    );
    await refPage.evaluate(() => (window as unknown as RefWindow).referenceDapp.close());
    console.log('reference dApp smoke test passed');
  } catch (err) {
    for (const page of browser.contexts().flatMap((context) => context.pages())) {
      const log = await page.evaluate(() => (window as unknown as { devWallet?: { log: string[] } }).devWallet?.log.slice(-15).join('\n')).catch(() => undefined);
      if (log) console.log(`dev wallet log (last lines):\n${log}`);
    }
    throw err;
  } finally {
    await browser.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
