/**
 * Everything a benchmark run needs, started by the run itself: Tandem built into a private
 * directory, the dev Liquid Auth server on a free loopback port, the desktop browser with Tandem
 * (settings seeded through its service worker), the phone browser with two dev wallets, the
 * popup in a tab, the test dApp connected to Tandem, and the reference dApp. Network reads are on,
 * against the algod stand-in (dev/algod) with the paired account funded, so every prompt also
 * shows its facts and simulation, as it would for a user with the default settings.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from '@playwright/test';
import { startLiquidServer, type RunningLiquidServer } from '../dev/server/app';
import { startAlgodStandIn, type RunningAlgodStandIn } from '../dev/algod/app';
import { launchDesktop, launchPhone, type Desktop } from './browsers';
import { buildChromeExtension } from './extension-build';
import { ApprovalWindow, Dapp, Popup, ReferenceDapp, Wallet } from './pages';
import { probedBuild } from '../tests/e2e/support/worker-probe';

export interface Bench {
  /** The build the desktop browser runs: hop marks compiled in, the worker probe prepended. */
  extensionDir: string;
  /** The build as shipped (no marks, no probe): what the footprint figure measures. */
  shippedDir: string;
  server: RunningLiquidServer;
  algod: RunningAlgodStandIn;
  /** False with TANDEM_BENCH_NETWORK_READS=0: the A/B for "time to prompt does not change with algod on". */
  networkReads: boolean;
  desktop: Desktop;
  phone: Browser;
  /** The reference dApp's own context in the phone browser: its own cookie jar, like Tandem's profile. */
  referenceContext: BrowserContext;
  popup: Popup;
  /** The phone paired with Tandem, and the one the reference dApp pairs with (another account). */
  tandemWallet: Wallet;
  referenceWallet: Wallet;
  dapp: Dapp;
  /** Set once the reference dApp has an open channel (see `pairReference`). */
  reference: ReferenceDapp | null;
  address: string;
  referenceAddress: string;
  log(line: string): void;
  dispose(): Promise<void>;
}

export async function startBench(log: (line: string) => void, extensionRoot = process.cwd()): Promise<Bench> {
  log(`building Tandem for Chrome from ${extensionRoot} into private directories (as shipped, and with hop marks)…`);
  const shippedDir = await buildChromeExtension(extensionRoot);
  // The browser runs the marks build with the worker probe in front of its service worker: the
  // probe (a counter per call) gives the wake-ups figure, the marks the hop breakdowns.
  const marksDir = await buildChromeExtension(extensionRoot, { hopMarks: true });
  const extensionDir = await probedBuild(marksDir);
  const dataDir = await mkdtemp(join(tmpdir(), 'tandem-bench-server-'));
  const server = await startLiquidServer({ port: 0, dataDir });
  const algod = await startAlgodStandIn({ port: 0 });
  const networkReads = process.env.TANDEM_BENCH_NETWORK_READS !== '0';
  log(`dev server ${server.url}; algod stand-in ${algod.url}; extension ${extensionDir}`);
  const desktop = await launchDesktop(extensionDir);
  await desktop.worker.evaluate(
    ([url, algodUrl, reads]) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome;
      const node = { url: algodUrl, tokenHeader: '', token: '' };
      return api.storage.local.set({ settings: { serverUrl: url, iceServers: [], networkReads: reads, algod: { mainnet: node, testnet: node, betanet: node, localnet: node } } });
    },
    [server.url, algod.url, networkReads] as const,
  );
  const phone = await launchPhone();
  const popup = await Popup.open(desktop.context, desktop.extensionId);
  const referenceContext = await phone.newContext();
  const [tandemWallet, referenceWallet, dapp] = await Promise.all([Wallet.open(phone, server.url), Wallet.open(phone, server.url), Dapp.open(desktop.context, server.url)]);
  const address = await tandemWallet.address();
  algod.ledger.seedAccount({ address, microAlgos: 1_000_000_000_000n });
  const bench: Bench = {
    extensionDir,
    shippedDir,
    server,
    algod,
    networkReads,
    desktop,
    phone,
    referenceContext,
    popup,
    tandemWallet,
    referenceWallet,
    dapp,
    reference: null,
    address,
    referenceAddress: await referenceWallet.address(),
    log,
    async dispose() {
      await desktop.close();
      await phone.close().catch(() => undefined);
      await server.close();
      await algod.close();
      await rm(dataDir, { recursive: true, force: true });
      for (const dir of [extensionDir, marksDir, shippedDir]) await rm(join(dir, '..'), { recursive: true, force: true });
    },
  };
  return bench;
}

/**
 * One Tandem pairing from scratch: unpair, start, the phone scans, the channel opens. Returns the
 * link ack → channel open time the background recorded (`linkedAt`, `connectedAt`).
 */
export async function pairTandem(bench: Bench): Promise<number> {
  const { popup } = bench;
  const before = await popup.connection();
  if (before && before.phase !== 'unpaired') await popup.send('pairing/unpair', {});
  const { requestId } = await popup.send('pairing/start', {});
  const waiting = await popup.waitConnection((s) => s.requestId === requestId && s.phase === 'waiting-for-scan' && Boolean(s.link), 'pairing did not show a QR');
  await bench.tandemWallet.connect(waiting.link!);
  const connected = await popup.waitConnection((s) => s.requestId === requestId && s.phase === 'connected' && s.connectedAt !== undefined && s.linkedAt !== undefined, 'Tandem did not connect');
  return connected.connectedAt! - connected.linkedAt!;
}

/** One reference pairing from scratch in a fresh page; returns liquid-client's link ack → open. */
export async function pairReference(bench: Bench): Promise<number> {
  if (bench.reference) await bench.reference.close();
  bench.reference = null;
  const reference = await ReferenceDapp.open(bench.referenceContext, bench.server.url);
  const { link } = await reference.start();
  await bench.referenceWallet.connect(link);
  const open = await reference.waitOpen();
  bench.reference = reference;
  return open.linkToOpenMs;
}

/** Has the test dApp ask `enable` and approves the connect prompt. */
export async function connectDapp(bench: Bench): Promise<void> {
  const next = ApprovalWindow.next(bench.desktop.context, bench.desktop.extensionId);
  const enabling = bench.dapp.enable();
  const approval = await next;
  await approval.approveConnect();
  const enabled = await enabling;
  if (!enabled.ok) throw new Error(`enable failed: ${JSON.stringify(enabled)}`);
  await approval.waitClosed();
}
