/**
 * Several phones (#16): memory with 1 phone paired and with 4, and how long each phone's pairing
 * takes while others are connected. Each round unpairs every phone, pairs the bench's phone alone,
 * takes the readings, pairs three more dev wallets (each its own context and `?profile=`, so its own
 * account, passkey and server session), waits until all four are connected and takes the readings
 * again. Rounds after the first also show whether unpairing gives the memory back.
 *
 * Readings, with the popup tab closed (it shares the offscreen document's renderer and V8 heap, and
 * draws one row per phone: UI cost, not the links'): the JS heap after a forced GC of the service
 * worker and of the offscreen document (CDP, as the memory scenario reads them), and the extension
 * renderer process's memory from /proc (bench/process-memory.ts), where the peer connections'
 * native state lives.
 *
 * Pairing times come from the background's own state for each phone (`session:phones[requestId]`):
 * `linkedAt` (the server's `link` ack) → `connectedAt` (the background learns the channel opened),
 * the same span as the pairing scenario's. Runs last: it unpairs the phone the other scenarios use.
 */
import type { Bench } from '../harness';
import { heapAfterGc } from '../cdp';
import { Popup, Wallet } from '../pages';
import { extensionRendererMemory, type ProcessMemory } from '../process-memory';

export const PHONES = 4;
/** The dev wallet profiles of the phones after the first (dev/wallet/main.ts `?profile=`). */
const PROFILES = ['b', 'c', 'd'] as const;
const PAIRING_ATTEMPTS = 3;
const WAIT_MS = 60_000;

export interface PhonesReading {
  phones: number;
  serviceWorker: number;
  offscreen: number;
  /** The extension renderer's /proc figures, or why they could not be read. */
  renderer: ProcessMemory | { error: string };
}

export interface PhonesRound {
  one: PhonesReading;
  four: PhonesReading;
  /** link ack → channel open per phone, in pairing order (index 0: the first phone, alone). */
  pairingMs: number[];
}

export interface PhonesSamples {
  rounds: PhonesRound[];
  /** Pairings started again because the phone's offer went unanswered (see the pairing scenario). */
  lostOffers: number;
}

const isLostOffer = (err: unknown) => /did not open within .*no answer from the extension/.test(String(err));

/** The requestId a QR link carries (the pairing is stored under it once the server acks it). */
function requestIdOf(link: string): string {
  const id = new URL(link.replace(/^liquid:/, 'http:')).searchParams.get('requestId');
  if (!id) throw new Error(`no requestId in ${link}`);
  return id;
}

async function waitPhones(popup: Popup, accept: (phones: Record<string, { phase: string; linkedAt?: number; connectedAt?: number }>) => boolean, what: string) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const phones = await popup.phones();
    if (accept(phones)) return phones;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(phones)} after ${WAIT_MS} ms`);
    await popup.page.waitForTimeout(20);
  }
}

/** Pairs one more phone beside those paired (`pairing/start {fresh: true}`); returns its requestId and link ack → open. */
async function pairAnother(bench: Bench, wallet: Wallet): Promise<{ requestId: string; ms: number }> {
  const { popup } = bench;
  const { requestId: attemptId } = await popup.send('pairing/start', { fresh: true });
  const waiting = await popup.waitConnection((s) => s.requestId === attemptId && s.phase === 'waiting-for-scan' && Boolean(s.link), 'pairing did not show a QR');
  const requestId = requestIdOf(waiting.link!);
  await wallet.connect(waiting.link!);
  const phones = await waitPhones(popup, (p) => p[requestId]?.phase === 'connected' && p[requestId]?.linkedAt !== undefined && p[requestId]?.connectedAt !== undefined, `phone ${requestId} did not connect`);
  return { requestId, ms: phones[requestId]!.connectedAt! - phones[requestId]!.linkedAt! };
}

async function pairWithRetries(bench: Bench, wallet: Wallet, lost: { count: number }): Promise<{ requestId: string; ms: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pairAnother(bench, wallet);
    } catch (err) {
      if (!isLostOffer(err) || attempt >= PAIRING_ATTEMPTS) throw err;
      lost.count += 1;
      bench.log("phones: a phone's first offer was lost; pairing again");
      await bench.popup.send('pairing/cancel', {}).catch(() => undefined);
    }
  }
}

async function reading(bench: Bench, phones: number): Promise<PhonesReading> {
  const prefix = `chrome-extension://${bench.desktop.extensionId}/`;
  await bench.popup.page.close();
  try {
    const targets = (await bench.desktop.cdp.targets()).filter((t) => t.url.startsWith(prefix));
    const worker = targets.find((t) => t.type === 'service_worker');
    const offscreen = targets.find((t) => t.url === `${prefix}offscreen.html`);
    if (!worker || !offscreen) throw new Error(`phones: no ${worker ? 'offscreen document' : 'service worker'} target among ${JSON.stringify(targets.map((t) => [t.type, t.url]))}`);
    const serviceWorker = (await heapAfterGc(bench.desktop.cdp, worker.targetId)).usedSize;
    const offscreenHeap = (await heapAfterGc(bench.desktop.cdp, offscreen.targetId)).usedSize;
    return { phones, serviceWorker, offscreen: offscreenHeap, renderer: await extensionRendererMemory(bench.desktop.cdp) };
  } finally {
    bench.popup = await Popup.open(bench.desktop.context, bench.desktop.extensionId);
  }
}

export async function measurePhones(bench: Bench, rounds: number): Promise<PhonesSamples> {
  const others = await Promise.all(PROFILES.map((profile) => Wallet.open(bench.phone, bench.server.url, profile)));
  const wallets = [bench.tandemWallet, ...others];
  const lost = { count: 0 };
  const samples: PhonesSamples = { rounds: [], lostOffers: 0 };
  try {
    for (let round = 1; round <= rounds; round++) {
      await bench.popup.send('pairing/unpair', {});
      const pairingMs: number[] = [];
      const ids: string[] = [];
      const first = await pairWithRetries(bench, wallets[0]!, lost);
      pairingMs.push(first.ms);
      ids.push(first.requestId);
      const one = await reading(bench, 1);
      for (const wallet of wallets.slice(1)) {
        const next = await pairWithRetries(bench, wallet, lost);
        pairingMs.push(next.ms);
        ids.push(next.requestId);
        bench.log(`phones round ${round}: phone ${ids.length} paired, link ack → open ${next.ms.toFixed(1)} ms`);
      }
      await waitPhones(bench.popup, (p) => ids.every((id) => p[id]?.phase === 'connected'), `not all ${PHONES} phones connected`);
      const four = await reading(bench, PHONES);
      samples.rounds.push({ one, four, pairingMs });
      bench.log(`phones round ${round}: pairing ${pairingMs.map((m) => `${m.toFixed(1)} ms`).join(', ')}; 1 phone: ${fmt(one)}; ${PHONES} phones: ${fmt(four)}`);
    }
  } finally {
    samples.lostOffers = lost.count;
    await Promise.all(others.map((w) => w.page.context().close().catch(() => undefined)));
  }
  return samples;
}

function fmt(r: PhonesReading): string {
  const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
  const renderer = 'error' in r.renderer ? `renderer n/a (${r.renderer.error})` : `renderer private ${mb(r.renderer.private)}, PSS ${mb(r.renderer.pss)}, RSS ${mb(r.renderer.rss)}`;
  return `service worker ${mb(r.serviceWorker)}, offscreen ${mb(r.offscreen)}, ${renderer}`;
}
