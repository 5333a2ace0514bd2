/**
 * Smoke test of the test dApp page against the dev server, run by hand:
 *
 *   npx tsx dev/dapp/smoke.ts              (HEADED=1 to watch, LOG=1 for the server log)
 *
 * No wallet extension is loaded. It checks that the page renders, that discover with no wallet
 * answers `{ok: true, result: {providers: []}}`, that a call nobody answers ends in 4002, and then
 * plays two wallets with plain window events inside the page (the same wire format AVMWebProvider
 * uses: request `detail` objects, response `detail` JSON strings) to check the whole client path:
 * discover with two providers, enable, locally built transactions, sign via the buttons, 4004,
 * disable. Exits non-zero on the first failed check.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import algosdk from 'algosdk';
import { chromium, type Page } from 'playwright-core';
import { startLiquidServer } from '../server/app.ts';
import { TANDEM_PROVIDER_ID } from '../../lib/arc27/types.ts';
import type { DappApi, Outcome } from './dapp-api.ts';
import { UNKNOWN_GENESIS_HASH, dappNetworks } from './networks.ts';
import { FOREIGN_SENDER, RECEIVER } from './transactions.ts';

const TESTIDS = [
  'network-select',
  'discover-button',
  'connect-button',
  'sign-payment-button',
  'group-size-input',
  'sign-group-button',
  'disable-button',
  'providers',
  'provider-id',
  'account',
  'result-action',
  'result-state',
  'result',
];
const ACCOUNT = algosdk.encodeAddress(new Uint8Array(32).fill(0x11));
const OTHER_PROVIDER = '11111111-2222-4333-8444-555555555555';
const TESTNET = dappNetworks()[0]!;

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`FAILED: ${what}`);
  console.log(`  ok  ${what}`);
}

type DappWindow = Window & { dapp: DappApi };

function call<T>(page: Page, fn: (dapp: DappApi, arg: T) => unknown, arg: T): Promise<unknown> {
  return page.evaluate(([source, value]) => {
    const run = new Function('dapp', 'arg', `return (${source})(dapp, arg);`) as (d: DappApi, a: unknown) => unknown;
    return run((window as unknown as DappWindow).dapp, value);
  }, [fn.toString(), arg] as const);
}

/** Two fake wallets answering in the page, like content scripts running AVMWebProvider would. */
async function installFakeWallets(page: Page, account: string, knownHash: string): Promise<void> {
  await page.evaluate(
    ([tandemId, otherId, address, hash]) => {
      const respond = (method: string, requestId: string, body: object) =>
        window.dispatchEvent(
          new CustomEvent(`arc0027:${method}:response`, {
            detail: JSON.stringify({ id: crypto.randomUUID(), reference: `arc0027:${method}:response`, requestId, ...body }),
          }),
        );
      const wallets = [
        { name: 'Tandem', providerId: tandemId },
        { name: 'Other', providerId: otherId },
      ];
      for (const wallet of wallets) {
        const on = (method: string, answer: (params: Record<string, unknown>) => object) =>
          window.addEventListener(`arc0027:${method}:request`, (event) => {
            const { id, params = {} } = (event as CustomEvent<{ id: string; params?: Record<string, unknown> }>).detail;
            if (params.providerId && params.providerId !== wallet.providerId) return;
            setTimeout(() => respond(method, id, answer(params)), 5);
          });
        on('discover', () => ({ result: { ...wallet, networks: [{ genesisHash: hash, genesisId: 'testnet-v1.0', methods: ['sign_transactions'] }] } }));
        on('enable', (params) =>
          params.genesisHash !== undefined && params.genesisHash !== hash
            ? { error: { code: 4004, message: 'network not supported', providerId: wallet.providerId } }
            : { result: { accounts: [{ address }], genesisHash: hash, genesisId: 'testnet-v1.0', providerId: wallet.providerId } },
        );
        on('disable', () => ({ result: { genesisHash: hash, genesisId: 'testnet-v1.0', providerId: wallet.providerId } }));
        on('sign_transactions', (params) =>
          Array.isArray(params.txns)
            ? {
                result: {
                  providerId: wallet.providerId,
                  stxns: (params.txns as { signers?: string[] }[]).map((t) => (t.signers && t.signers.length === 0 ? null : 'c2lnbmVk')),
                },
              }
            : { error: { code: 4200, message: 'txns must be an array', providerId: wallet.providerId } },
        );
      }
    },
    [TANDEM_PROVIDER_ID, OTHER_PROVIDER, account, knownHash] as const,
  );
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tandem-dapp-smoke-'));
  const server = await startLiquidServer({ port: 0, dataDir, log: process.env.LOG === '1' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: process.env.HEADED !== '1', args: ['--no-sandbox'] });
  const problems: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    // tsx compiles this file with esbuild's keepNames, which wraps named functions in `__name(...)`;
    // functions serialised into page.evaluate need that helper in the page too.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    console.log(`server ${server.url}\n1. the page renders`);
    await page.goto(`${server.url}/dapp?timeout=1500&discoverMs=300`);
    await page.waitForSelector('html[data-dapp-ready="true"]', { timeout: 15_000 });
    for (const id of TESTIDS) check(await page.getByTestId(id).isVisible(), `[data-testid=${id}] is visible`);
    const options = await page.getByTestId('network-select').locator('option').allTextContents();
    check(options.length === 5 && options[0]!.startsWith('TestNet'), `five networks, TestNet first: ${options.join(' | ')}`);
    check((await page.getByTestId('network-select').inputValue()) === 'testnet', 'TestNet is selected by default');

    console.log('2. no wallet installed');
    const empty = (await call(page, (dapp) => dapp.discover(), null)) as Outcome;
    check(JSON.stringify(empty) === JSON.stringify({ ok: true, result: { providers: [] } }), `discover() = ${JSON.stringify(empty)}`);
    check((await call(page, (dapp) => dapp.providerId, null)) === null, 'providerId stays null');
    const started = Date.now();
    const silent = (await call(page, (dapp) => dapp.enable(), null)) as Outcome;
    check(!silent.ok && silent.error.code === 4002, `enable() with nobody listening ends in 4002 after ${Date.now() - started} ms`);
    check((await page.getByTestId('result-state').textContent()) === 'error', 'the result area shows the error');

    console.log('3. two fake wallets in the page');
    await installFakeWallets(page, ACCOUNT, TESTNET.genesisHash);
    await page.getByTestId('discover-button').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=result-state]')?.textContent === 'ok');
    const providersText = (await page.getByTestId('providers').textContent()) ?? '';
    check(providersText.includes('Tandem') && providersText.includes('Other'), `the Discover button lists both: ${providersText}`);
    check((await page.getByTestId('provider-id').textContent()) === TANDEM_PROVIDER_ID, 'Tandem is picked by its provider id');

    await page.getByTestId('connect-button').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=account]')?.textContent !== 'not connected');
    check((await page.getByTestId('account').textContent()) === ACCOUNT, 'Connect shows the account Tandem returned (the other wallet stays silent)');

    const paymentB64 = (await call(page, (dapp, from) => dapp.buildPayment(from), ACCOUNT)) as string;
    const payment = algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(paymentB64));
    check(
      payment.payment?.amount === 1_500_000n &&
        payment.payment.receiver.toString() === RECEIVER &&
        payment.sender.toString() === ACCOUNT &&
        payment.fee === 1000n &&
        payment.firstValid === 1000n &&
        payment.lastValid === 2000n &&
        payment.genesisID === 'testnet-v1.0' &&
        algosdk.bytesToBase64(payment.genesisHash!) === TESTNET.genesisHash,
      'buildPayment: 1.5 ALGO, fixed receiver, fee 1000, rounds 1000-2000, TestNet genesis',
    );
    const custom = algosdk.decodeUnsignedTransaction(
      algosdk.base64ToBytes((await call(page, (dapp, from) => dapp.buildPayment(from, { amount: 7, note: 'hi' }), ACCOUNT)) as string),
    );
    check(custom.payment?.amount === 7n && new TextDecoder().decode(custom.note) === 'hi', 'buildPayment honours amount and note');

    const group = (await call(page, (dapp, from) => dapp.buildGroup(from, 16), ACCOUNT)) as { txn: string; signers?: string[] }[];
    const decoded = group.map((t) => algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(t.txn)));
    const groupIds = new Set(decoded.map((t) => algosdk.bytesToBase64(t.group!)));
    check(
      group.length === 16 &&
        groupIds.size === 1 &&
        decoded[15]!.sender.toString() === FOREIGN_SENDER &&
        JSON.stringify(group[15]!.signers) === '[]' &&
        group.slice(0, 15).every((t) => t.signers === undefined) &&
        new Set(decoded.map((t) => t.txID())).size === 16,
      'buildGroup(16): one group id, last txn foreign with signers [], distinct txn ids',
    );
    const big = (await call(page, (dapp, from) => dapp.buildGroup(from, 40, { foreignIndex: 3 }), ACCOUNT)) as { txn: string; signers?: string[] }[];
    const bigGroups = new Set(big.map((t) => algosdk.bytesToBase64(algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(t.txn)).group!)));
    check(big.length === 40 && bigGroups.size === 3 && JSON.stringify(big[3]!.signers) === '[]', 'buildGroup(40) makes 3 groups of at most 16');
    const unknown = algosdk.decodeUnsignedTransaction(
      algosdk.base64ToBytes((await call(page, (dapp, [from, hash]) => dapp.buildPayment(from, { genesisHash: hash }), [ACCOUNT, UNKNOWN_GENESIS_HASH] as const)) as string),
    );
    check(algosdk.bytesToBase64(unknown.genesisHash!) === UNKNOWN_GENESIS_HASH, 'buildPayment can target the unknown network');

    await page.getByTestId('group-size-input').fill('5');
    await page.getByTestId('sign-group-button').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=result-state]')?.textContent !== 'pending');
    const signed = JSON.parse((await page.getByTestId('result').textContent()) ?? '{}') as Outcome<{ stxns: (string | null)[] }>;
    check(signed.ok && signed.result.stxns.length === 5 && signed.result.stxns[4] === null, 'Sign group (5) returns 5 stxns, null for the foreign txn');
    await page.getByTestId('sign-payment-button').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=result-action]')?.textContent === 'sign_transactions' && document.querySelector('[data-testid=result-state]')?.textContent === 'ok');
    check(true, 'Sign payment answers ok');

    const refused = (await call(page, (dapp, hash) => dapp.enable(hash), UNKNOWN_GENESIS_HASH)) as Outcome;
    check(
      !refused.ok && refused.error.code === 4004 && refused.error.message === 'network not supported',
      `enable(unknown hash) passes the wallet's error through: ${JSON.stringify(refused)}`,
    );
    const disabled = (await call(page, (dapp) => dapp.disable(), null)) as Outcome;
    check(disabled.ok && (await page.getByTestId('account').textContent()) === 'not connected', 'disable() succeeds and clears the account');
    const thrown = (await call(page, (dapp) => dapp.signTransactions(null as never), null)) as Outcome;
    check(!thrown.ok, `signTransactions(null) resolves to an error instead of throwing: ${JSON.stringify(thrown)}`);
    check(problems.length === 0, `no page errors or console errors${problems.length ? `: ${problems.join('; ')}` : ''}`);
    console.log('dApp smoke test passed');
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
