/**
 * End-to-end smoke test of the dev wallet against the dev Liquid server, run by hand:
 *
 *   npx tsx dev/wallet/smoke.ts
 *
 * Environment: HEADED=1 to watch, LOG=1 for the server log, VERBOSE=1 for the page's console,
 * SMOKE_ICE=stun to run the page with ?ice=stun, SCREENSHOT=file.png for a picture of a prompt.
 *
 * It starts the server on a free port, opens the wallet page in Debian Chromium with a CDP
 * virtual authenticator, and plays the extension from Node: a Socket.IO client with the session
 * cookie sends `link` and relays SDP/candidates for an answering RTCPeerConnection that lives in
 * a second page of the same browser. Then it checks, and prints, each step:
 *   1. first pairing registers a passkey, the link ack names the wallet, the channel opens;
 *   2. spec phone: signed txns verify, `signers: []` gives null, reject gives 4001, garbage is ignored;
 *   3. second pairing (reference phone) ASSERTS with the saved passkey, sends the JSON credential
 *      frame first, then padded raw signatures; reject sends nothing;
 *   4. either side closing moves the phone to `closed`;
 *   5. a saved passkey the server (401) or the authenticator no longer knows leads to registering again.
 * Exits non-zero on the first failed check.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { v7 as uuidv7 } from 'uuid';
import nacl from 'tweetnacl';
import {
  Address,
  decodeSignedTransaction,
  encodeUnsignedTransaction,
  makePaymentTxnWithSuggestedParamsFromObject,
  type Transaction,
} from 'algosdk';
import { startLiquidServer } from '../server/app.ts';
import { decodeFrame, encodeFrame } from '../../lib/liquid/frames.ts';
import { buildDeepLink } from '../../lib/liquid/deep-link.ts';
import { fromBase64Loose, toBase64Url } from '../../lib/encoding/base64.ts';

const STEP_TIMEOUT_MS = 15_000;
const AUTHENTICATOR = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const;
/** SMOKE_ICE=stun runs the page with ?ice=stun (public STUN; unreachable offline, host candidates still work). */
const ice = process.env.SMOKE_ICE === 'stun' ? '&ice=stun' : '';

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`FAILED: ${what}`);
  console.log(`  ok  ${what}`);
}

function deadline<T>(promise: Promise<T>, what: string, ms = STEP_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The extension side of one pairing: a session, a linked socket, and an answering peer in `page`. */
class ExtensionSide {
  private socket?: Socket;
  readonly requestId = uuidv7();
  linkAck?: Promise<{ requestId: string; wallet: string; credId?: string }>;

  constructor(
    private readonly url: string,
    private readonly page: Page,
  ) {}

  async start(): Promise<string> {
    const session = await fetch(`${this.url}/auth/session`);
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
    if (!cookie.startsWith('connect.sid=')) throw new Error(`no session cookie from /auth/session: ${cookie}`);
    const socket = io(this.url, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true });
    this.socket = socket;
    await deadline(new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    }), 'extension socket connect');

    await this.page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const pc = new RTCPeerConnection({ iceServers: [] });
      const state = { pc, frames: [] as string[], channel: null as RTCDataChannel | null, buffered: [] as RTCIceCandidateInit[], open: false, closed: false };
      w.answerer = state;
      pc.onicecandidate = (e) => {
        if (e.candidate) (w.sendAnswerCandidate as (c: RTCIceCandidateInit) => void)(e.candidate.toJSON());
      };
      pc.ondatachannel = (e) => {
        state.channel = e.channel;
        e.channel.onopen = () => (state.open = true);
        e.channel.onclose = () => (state.closed = true);
        e.channel.onmessage = (m) => state.frames.push(String(m.data));
        if (e.channel.readyState === 'open') state.open = true;
      };
    });

    // Arm the offer listeners together with `link` (liquid-protocol.md §3).
    socket.on('offer-description', (sdp: string) => {
      this.page
        .evaluate(async (offer) => {
          const s = (window as unknown as { answerer: { pc: RTCPeerConnection; buffered: RTCIceCandidateInit[] } }).answerer;
          if (s.pc.remoteDescription) return null;
          await s.pc.setRemoteDescription({ type: 'offer', sdp: offer });
          for (const c of s.buffered.splice(0)) await s.pc.addIceCandidate(c);
          const answer = await s.pc.createAnswer();
          await s.pc.setLocalDescription(answer);
          return answer.sdp ?? null;
        }, sdp)
        .then((answer) => {
          if (answer) socket.emit('answer-description', answer);
        })
        .catch((err: unknown) => console.error('answerer failed', err));
    });
    socket.on('offer-candidate', (candidate: RTCIceCandidateInit) => {
      this.page
        .evaluate(async (c) => {
          const s = (window as unknown as { answerer: { pc: RTCPeerConnection; buffered: RTCIceCandidateInit[] } }).answerer;
          if (s.pc.remoteDescription) await s.pc.addIceCandidate(c);
          else s.buffered.push(c);
        }, candidate)
        .catch((err: unknown) => console.error('candidate failed', err));
    });
    this.linkAck = deadline(
      new Promise((resolve) => socket.emit('link', { requestId: this.requestId }, (reply: { data: { requestId: string; wallet: string; credId?: string } }) => resolve(reply.data))),
      'link ack',
    );
    return buildDeepLink(this.url, this.requestId);
  }

  relayAnswerCandidate(candidate: RTCIceCandidateInit): void {
    this.socket?.emit('answer-candidate', candidate);
  }

  async waitOpen(): Promise<void> {
    await this.page.waitForFunction(() => (window as unknown as { answerer: { open: boolean } }).answerer.open, null, { timeout: STEP_TIMEOUT_MS });
  }

  async send(envelopeOrFrame: object | string): Promise<void> {
    const frame = typeof envelopeOrFrame === 'string' ? envelopeOrFrame : encodeFrame(envelopeOrFrame);
    await this.page.evaluate((f) => (window as unknown as { answerer: { channel: RTCDataChannel } }).answerer.channel.send(f), frame);
  }

  /** Waits until `count` frames arrived in total, returns them all. */
  async frames(count: number): Promise<string[]> {
    await this.page.waitForFunction((n) => (window as unknown as { answerer: { frames: string[] } }).answerer.frames.length >= n, count, {
      timeout: STEP_TIMEOUT_MS,
    });
    return this.page.evaluate(() => (window as unknown as { answerer: { frames: string[] } }).answerer.frames.slice());
  }

  async frameCount(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { answerer: { frames: string[] } }).answerer.frames.length);
  }

  async waitClosed(): Promise<void> {
    await this.page.waitForFunction(() => (window as unknown as { answerer: { closed: boolean } }).answerer.closed, null, { timeout: STEP_TIMEOUT_MS });
  }

  close(): void {
    this.socket?.disconnect();
  }
}

function payment(sender: string, amount: number): Transaction {
  return makePaymentTxnWithSuggestedParamsFromObject({
    sender,
    receiver: sender,
    amount,
    suggestedParams: { fee: 1000, minFee: 1000, flatFee: true, firstValid: 1, lastValid: 1001, genesisHash: new Uint8Array(32).fill(1), genesisID: 'dev-v1' },
  });
}

function signRequest(id: string, wtxns: { txn: string; signers?: string[] }[]): object {
  return { id, reference: 'arc0027:sign_transactions:request', params: { providerId: 'smoke-extension', txns: wtxns } };
}

function envelopeOf(frame: string): Record<string, unknown> {
  const decoded = decodeFrame(frame);
  if (decoded.kind !== 'envelope') throw new Error(`not an envelope: ${JSON.stringify(decoded)}`);
  return decoded.envelope;
}

type WalletWindow = { devWallet: { address: string; phase: string; lastPasskey?: { mode: string }; pending(): unknown[]; approve(): Promise<void>; disconnect(): void } };

/** One pairing; `via: 'form'` types the link and clicks Connect instead of passing `?link=`. */
async function pair(url: string, walletPage: Page, answerPage: Page, query: string, via: 'param' | 'form' = 'param'): Promise<ExtensionSide> {
  const ext = new ExtensionSide(url, answerPage);
  const link = await ext.start();
  // WebAuthn refuses to run in a page without focus, and the answering page was opened last.
  await walletPage.bringToFront();
  if (via === 'param') {
    await walletPage.goto(`${url}/wallet/?link=${encodeURIComponent(link)}&${query}`);
  } else {
    await walletPage.goto(`${url}/wallet/?${query}`);
    await walletPage.getByTestId('link-input').fill(link);
    await walletPage.getByTestId('connect').click();
  }
  const ack = await ext.linkAck!;
  const address = await walletPage.evaluate(() => (window as unknown as WalletWindow).devWallet.address);
  check(ack.wallet === address && ack.requestId === ext.requestId, `link ack names the wallet ${address.slice(0, 8)}…`);
  await walletPage.waitForFunction(() => (window as unknown as WalletWindow).devWallet.phase === 'connected', null, { timeout: STEP_TIMEOUT_MS });
  await ext.waitOpen();
  check(true, 'data channel open on both sides, phase = connected');
  return ext;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tandem-smoke-'));
  const server = await startLiquidServer({ port: 0, dataDir, log: process.env.LOG === '1' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: process.env.HEADED !== '1',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-features=WebRtcHideLocalIpsWithMdns'],
  });
  let ext: ExtensionSide | undefined;
  try {
    const context = await browser.newContext();
    const walletPage = await context.newPage();
    walletPage.on('console', (m) => {
      if (process.env.VERBOSE === '1' || m.type() === 'error') console.log(`  [wallet ${m.type()}] ${m.text()}`);
    });
    const cdp = await context.newCDPSession(walletPage);
    await cdp.send('WebAuthn.enable');
    let { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: AUTHENTICATOR });
    const answerPage = await context.newPage();
    await answerPage.goto(`${server.url}/`);
    let current: ExtensionSide | undefined;
    await answerPage.exposeFunction('sendAnswerCandidate', (c: RTCIceCandidateInit) => current?.relayAnswerCandidate(c));

    console.log(`server ${server.url}\n1. first pairing, spec phone`);
    const started = Date.now();
    current = ext = await pair(server.url, walletPage, answerPage, `behaviour=spec${ice}`);
    console.log(`  (pairing took ${Date.now() - started} ms, page load and bundling included)`);
    if (process.env.VERBOSE === '1') console.log(await walletPage.evaluate(() => (window as unknown as { devWallet: { log: string[] } }).devWallet.log.join('\n')));
    const first = await walletPage.evaluate(() => (window as unknown as WalletWindow).devWallet.lastPasskey?.mode);
    check(first === 'registered', 'first connect registered a passkey');
    const address = await walletPage.evaluate(() => (window as unknown as WalletWindow).devWallet.address);

    console.log('2. spec phone signs');
    await ext.send('not a frame at all');
    const txns = [payment(address, 1), payment(address, 2)];
    await ext.send(signRequest('spec-1', [{ txn: toBase64Url(encodeUnsignedTransaction(txns[0]!)) }, { txn: toBase64Url(encodeUnsignedTransaction(txns[1]!)), signers: [] }]));
    await walletPage.getByTestId('request').waitFor({ timeout: STEP_TIMEOUT_MS });
    check(true, 'garbage frame ignored, request listed on the page');
    if (process.env.SCREENSHOT) await walletPage.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    await walletPage.getByTestId('approve').click();
    let frames = await ext.frames(1);
    const reply = envelopeOf(frames[0]!);
    const stxns = (reply.result as { stxns: (string | null)[] }).stxns;
    check(reply.requestId === 'spec-1' && reply.reference === 'arc0027:sign_transactions:response', 'reply correlates on requestId');
    const stxn = decodeSignedTransaction(fromBase64Loose(stxns[0]!)!);
    check(
      stxn.txn.txID() === txns[0]!.txID() && nacl.sign.detached.verify(stxn.txn.bytesToSign(), stxn.sig!, Address.fromString(address).publicKey),
      'signed txn carries the requested txn and a valid signature',
    );
    check(stxns[1] === null, 'signers: [] gives null');
    await ext.send(signRequest('spec-2', [{ txn: toBase64Url(encodeUnsignedTransaction(txns[0]!)) }]));
    await walletPage.getByTestId('reject').click();
    frames = await ext.frames(2);
    check((envelopeOf(frames[1]!).error as { code: number }).code === 4001, 'reject gives error 4001');
    await ext.send({ id: 'other-1', reference: 'arc0027:sign_message:request', params: {} });
    frames = await ext.frames(3);
    check((envelopeOf(frames[2]!).error as { code: number }).code === 4003, 'unknown reference gives 4003');

    console.log('3. phone goes away, returning phone (reference) asserts');
    await walletPage.evaluate(() => (window as unknown as WalletWindow).devWallet.disconnect());
    await ext.waitClosed();
    check((await walletPage.evaluate(() => (window as unknown as WalletWindow).devWallet.phase)) === 'closed', 'disconnect closes the channel; phase = closed');
    ext.close();

    const answerPage2 = answerPage; // the same page answers again with a fresh RTCPeerConnection
    current = ext = await pair(server.url, walletPage, answerPage2, `behaviour=reference&auto=1${ice}`, 'form');
    const second = await walletPage.evaluate(() => (window as unknown as WalletWindow).devWallet.lastPasskey?.mode);
    check(second === 'asserted', 'second connect with the same account ASSERTED');
    frames = await ext.frames(1);
    const credential = decodeFrame(frames[0]!);
    check(credential.kind === 'credential' && credential.credential.address === address, 'first frame is the JSON credential');
    await ext.send(signRequest('ref-1', [{ txn: toBase64Url(encodeUnsignedTransaction(txns[0]!)) }, { txn: toBase64Url(encodeUnsignedTransaction(txns[1]!)), signers: [] }]));
    frames = await ext.frames(2);
    const refReply = envelopeOf(frames[1]!);
    const sigs = (refReply.result as { stxns: string[] }).stxns;
    check(sigs.length === 2 && sigs.every((s) => /^[A-Za-z0-9_-]{86}==$/.test(s)), 'two padded base64url raw signatures');
    check(
      sigs.every((s, i) => nacl.sign.detached.verify(txns[i]!.bytesToSign(), fromBase64Loose(s)!, Address.fromString(address).publicKey)),
      'both signatures verify (signers: [] ignored, like the Android wallet)',
    );
    await walletPage.evaluate(() => (window as unknown as { devWallet: { setAutoApprove(on: boolean): void } }).devWallet.setAutoApprove(false));
    await ext.send(signRequest('ref-2', [{ txn: toBase64Url(encodeUnsignedTransaction(txns[0]!)) }]));
    await walletPage.waitForFunction(() => (window as unknown as WalletWindow).devWallet.pending().length === 1, null, { timeout: STEP_TIMEOUT_MS });
    await walletPage.getByTestId('reject').click();
    await walletPage.waitForFunction(() => (window as unknown as WalletWindow).devWallet.pending().length === 0, null, { timeout: STEP_TIMEOUT_MS });
    await ext.send({ id: 'ping', reference: 'arc0027:sign_message:request', params: {} });
    await ext.send(signRequest('ref-3', [{ txn: toBase64Url(encodeUnsignedTransaction(txns[0]!)) }]));
    await walletPage.evaluate(() => (window as unknown as WalletWindow).devWallet.approve());
    frames = await ext.frames(3);
    check(envelopeOf(frames[2]!).requestId === 'ref-3' && (await ext.frameCount()) === 3, 'reject and unknown reference sent nothing');

    console.log('4. extension goes away');
    await answerPage.evaluate(() => (window as unknown as { answerer: { pc: RTCPeerConnection } }).answerer.pc.close());
    await walletPage.waitForFunction(() => (window as unknown as WalletWindow).devWallet.phase === 'closed', null, { timeout: STEP_TIMEOUT_MS });
    check(true, 'phase = closed when the extension closes its side');
    ext.close();

    console.log('5. saved passkey unusable: fall back to registering');
    await walletPage.evaluate(() => {
      for (const key of Object.keys(localStorage)) if (key.startsWith('tandem-dev-wallet:credential:')) localStorage.setItem(key, 'bm90LWEtcmVhbC1wYXNza2V5');
    });
    current = ext = await pair(server.url, walletPage, answerPage, `behaviour=spec${ice}`);
    let mode = await walletPage.evaluate(() => (window as unknown as WalletWindow).devWallet.lastPasskey?.mode);
    check(mode === 'registered', 'a passkey the server does not know (401) leads to a new registration');
    ext.close();
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: AUTHENTICATOR }));
    const before = Date.now();
    current = ext = await pair(server.url, walletPage, answerPage, `behaviour=spec${ice}`);
    mode = await walletPage.evaluate(() => (window as unknown as WalletWindow).devWallet.lastPasskey?.mode);
    check(mode === 'registered', `a passkey the authenticator lost leads to a new registration (${Date.now() - before} ms)`);

    console.log('6. faults');
    type FaultWindow = { devWallet: { setFault(f: string): void; approve(): Promise<void>; pending(): unknown[] } };
    const approveWith = async (fault: string, id: string): Promise<void> => {
      await walletPage.evaluate((f) => (window as unknown as FaultWindow).devWallet.setFault(f), fault);
      await ext!.send(signRequest(id, [{ txn: toBase64Url(encodeUnsignedTransaction(txns[0]!)) }]));
      await walletPage.waitForFunction(() => (window as unknown as FaultWindow).devWallet.pending().length === 1, null, { timeout: STEP_TIMEOUT_MS });
      await walletPage.evaluate(() => (window as unknown as FaultWindow).devWallet.approve());
    };
    await approveWith('silent', 'fault-silent');
    await approveWith('bad-signature', 'fault-bad');
    frames = await ext.frames(1);
    const bad = decodeSignedTransaction(fromBase64Loose((envelopeOf(frames[0]!).result as { stxns: string[] }).stxns[0]!)!);
    check(
      envelopeOf(frames[0]!).requestId === 'fault-bad' && !nacl.sign.detached.verify(bad.txn.bytesToSign(), bad.sig!, Address.fromString(address).publicKey),
      'silent sends nothing; bad-signature sends a signature that does not verify',
    );
    await approveWith('garbage-frame', 'fault-garbage');
    frames = await ext.frames(2);
    check(decodeFrame(frames[1]!).kind === 'invalid', 'garbage-frame sends a frame that does not decode');
    console.log('\nall checks passed');
  } finally {
    ext?.close();
    await browser.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
