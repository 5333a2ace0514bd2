/** Page object for the dev wallet (the phone), with a CDP virtual authenticator for its passkey. */
import algosdk from 'algosdk';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { testServerOn } from './server';

export type Behaviour = 'reference' | 'spec' | 'ios' | 'biatec' | 'connections';
export type Fault = 'none' | 'silent' | 'bad-signature' | 'wrong-txn' | 'garbage-frame' | 'skip-txn';

async function scanWhenWaiting(link: string): Promise<void> {
  const url = new URL(link.replace(/^liquid:/, 'http:'));
  const server = testServerOn(Number(url.port));
  const requestId = url.searchParams.get('requestId');
  if (!server || !requestId) return;
  const until = Date.now() + 10_000;
  while (server.linksWaiting(requestId) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

export class WalletPage {
  constructor(readonly page: Page) {}

  static async open(context: BrowserContext, serverUrl: string, options: { behaviour?: Behaviour; auto?: boolean; mnemonic?: string; profile?: string } = {}): Promise<WalletPage> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    const params = new URLSearchParams({ behaviour: options.behaviour ?? 'spec', auto: options.auto === false ? '0' : '1' });
    if (options.mnemonic) params.set('mnemonic', options.mnemonic);
    // Another phone on the same page origin: its own account, passkey ids and session links (dev/wallet/account.ts).
    if (options.profile) params.set('profile', options.profile);
    await page.goto(`${serverUrl}/wallet?${params}`);
    await page.waitForFunction(() => Boolean((window as unknown as { devWallet?: unknown }).devWallet));
    return new WalletPage(page);
  }

  address(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as { devWallet: { address: string } }).devWallet.address);
  }

  /**
   * Scans `link`. As a person would, it scans once the QR is ready: when the link's server is one
   * of this test's servers, it first waits (up to 10 s) until that server holds Tandem's `link`
   * for the requestId. The QR shows a moment before Tandem's socket waits, and a phone that
   * scans in that moment loses its offer (liquid-protocol.md §3). A test that means to scan when
   * nothing waits still scans after the 10 s.
   */
  async connect(link: string): Promise<void> {
    await scanWhenWaiting(link);
    await this.page.evaluate((l) => (window as unknown as { devWallet: { connect(l: string): Promise<void> } }).devWallet.connect(l), link);
  }

  /** Presses Reconnect, as a user reopening the wallet app: an assertion with the last requestId, then a new offer. */
  async reconnect(): Promise<void> {
    await this.page.bringToFront();
    await this.page.getByTestId('reconnect').click();
  }

  /** How the phone proved its account on its last connect. */
  lastPasskey(): Promise<{ mode: 'registered' | 'asserted'; credId: string } | undefined> {
    return this.page.evaluate(() => (window as unknown as { devWallet: { lastPasskey?: { mode: 'registered' | 'asserted'; credId: string } } }).devWallet.lastPasskey);
  }

  phase(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as { devWallet: { phase: string } }).devWallet.phase);
  }

  async expectPhase(phase: string) {
    await expect.poll(() => this.phase()).toBe(phase);
  }

  async disconnect() {
    await this.page.evaluate(() => (window as unknown as { devWallet: { disconnect(): void } }).devWallet.disconnect());
  }

  async setFault(fault: Fault) {
    await this.page.evaluate((f) => (window as unknown as { devWallet: { setFault(f: string): void } }).devWallet.setFault(f), fault);
  }

  async setAutoApprove(on: boolean) {
    await this.page.evaluate((v) => (window as unknown as { devWallet: { setAutoApprove(v: boolean): void } }).devWallet.setAutoApprove(v), on);
  }

  async sendRawFrame(frame: string) {
    await this.page.evaluate((f) => (window as unknown as { devWallet: { sendRawFrame(f: string): void } }).devWallet.sendRawFrame(f), frame);
  }

  /** How the last connect proved the account: 'registered' (attestation) or 'asserted' (returning phone). */
  lastPasskeyMode(): Promise<string | undefined> {
    return this.page.evaluate(() => (window as unknown as { devWallet: { lastPasskey?: { mode: string } } }).devWallet.lastPasskey?.mode);
  }

  /** The dev wallet's own log lines (connect steps, frames, liquid-client signaling events). */
  log(): Promise<string[]> {
    return this.page.evaluate(() => [...(window as unknown as { devWallet: { log: string[] } }).devWallet.log]);
  }

  /** Sign requests waiting on the phone for a decision (auto-approve off). */
  pending(): Promise<{ requestId: string; count: number }[]> {
    return this.page.evaluate(() => (window as unknown as { devWallet: { pending(): { requestId: string; count: number }[] } }).devWallet.pending());
  }

  async expectPending(count: number) {
    await expect.poll(async () => (await this.pending()).length, { message: `the phone should hold ${count} pending request(s)` }).toBe(count);
  }

  /** Approves the oldest pending request on the phone (auto-approve off). */
  async approve() {
    await this.page.evaluate(() => (window as unknown as { devWallet: { approve(): Promise<void> } }).devWallet.approve());
  }

  /** Rejects the oldest pending request on the phone (auto-approve off). */
  async reject() {
    await this.page.evaluate(() => (window as unknown as { devWallet: { reject(): Promise<void> } }).devWallet.reject());
  }

  /**
   * The sign requests the phone received for dApps: every `arc0027:sign_transactions:request` frame
   * but Tandem's own pairing check (proof of possession, sent when a pairing connects).
   */
  async dappSignRequests(): Promise<{ reference: string; params: { txns: { txn: string; signers?: string[] }[] } }[]> {
    const frames = (await this.received()) as { reference?: string; params?: { txns?: { txn: string }[] } }[];
    return frames.filter((f) => f.reference === 'arc0027:sign_transactions:request' && !isPairingCheck(f)) as never;
  }

  /** The connections-envelope sign requests the phone received for dApps (pairing check excluded). */
  async dappConnectionsRequests(): Promise<{ id: string; params: { txns: string[] } }[]> {
    const frames = (await this.received()) as { v?: number; method?: string; params?: { txns?: string[] } }[];
    return frames.filter((f) => f.v === 1 && f.method === 'sign_transactions' && !isPairingCheck({ params: { txns: (f.params?.txns ?? []).map((txn) => ({ txn })) } })) as never;
  }

  received(): Promise<unknown[]> {
    return this.page.evaluate(() => (window as unknown as { devWallet: { received: { frame: unknown }[] } }).devWallet.received.map((r) => r.frame));
  }
}

/** Tandem's pairing check: one transaction whose note starts with 'Tandem pairing check'. */
function isPairingCheck(frame: { params?: { txns?: { txn: string }[] } }): boolean {
  const txns = frame.params?.txns ?? [];
  if (txns.length !== 1) return false;
  const note = algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(txns[0]!.txn)).note;
  return new TextDecoder().decode(note).startsWith('Tandem pairing check');
}
