/**
 * From raw samples to the figures: summaries, the budgets of the issue and whether each is met,
 * and the Markdown table (stdout, bench/results.md, the README's Benchmarks section).
 */
import type { MachineInfo } from './machine';
import { machineLine } from './machine';
import type { FootprintFigure } from './scenarios/footprint';
import { APPROVE_PATH, PROMPT_PATH, hopsOfPath, type HopKind } from './scenarios/hops';
import { wakeUps, workerActions, type IdleSamples } from './scenarios/idle';
import type { ProbeCounts } from '../tests/e2e/support/worker-probe';
import type { MemorySamples } from './scenarios/memory';
import type { PairingSamples } from './scenarios/pairing';
import type { PhonesSamples } from './scenarios/phones';
import { phonesFigureOf, type PhonesFigure } from './phones-figures';
import type { RecoverySamples } from './scenarios/recovery';
import type { Hops, SigningSamples } from './scenarios/signing';
import { summarize, type Summary } from './stats';

export interface RunOptions {
  n: number;
  /** N for the largest signing size (1,024 by default), which takes seconds per request. */
  nLarge: number;
  warmup: number;
  sizes: number[];
  memoryRequests: number;
  memoryEvery: number;
  /** The idle scenario's observation window, seconds. */
  idleSeconds: number;
  /** Rounds of the phones scenario (1 phone, then 4). */
  phonesRounds: number;
  scenarios: string[];
  outDir: string;
  /** The checkout Tandem is built from. */
  extensionRoot: string;
}

export interface RawResults {
  footprint?: FootprintFigure;
  pairing?: PairingSamples;
  signing: SigningSamples[];
  recovery?: RecoverySamples;
  memory?: MemorySamples;
  idle?: IdleSamples;
  phones?: PhonesSamples;
}

export interface Comparison {
  tandem: Summary;
  reference: Summary;
  /** Tandem p50 − reference p50, ms. */
  addedP50: number;
  /** Tandem p50 / reference p50. */
  ratioP50: number;
}

export interface Budget {
  figure: string;
  budget: string;
  value: string;
  met: boolean;
}

export interface HopFigure {
  label: string;
  kind: HopKind;
  /** Requests whose every mark was found (the hop's samples). */
  n: number;
  p50: number;
  p95: number;
}

export interface Figures {
  footprint?: FootprintFigure;
  timeToPrompt?: Summary & { size: number };
  /** The dApp's call → the simulation painted, for the same request (network reads on, algod stand-in). */
  simulationShown?: Summary & { size: number };
  promptBySize: { size: number; summary: Summary }[];
  pairing?: Comparison & { lostOffers: PairingSamples['lostOffers'] };
  signing: (Comparison & { size: number; n: number; tandemFrames: number; referenceFrames: number })[];
  recovery?: { prompt: Summary; roundTrip: Summary };
  /** Per hop p50/p95: request → prompt (1 transaction) and approve → verified result, by size. */
  hops?: { prompt: { size: number; hops: HopFigure[] }; approve: { size: number; hops: HopFigure[]; referenceP50: number }[] };
  idle?: { windowMs: number; counts: ProbeCounts; wakeUpsPerMinute: number; actionsPerMinute: number; socket: string; log: string[] };
  memory?: {
    after: { signatures: number; serviceWorker: number; offscreen: number; popup: number };
    offscreenAlone: number;
    popupShare: number;
    growthPerRequest: MemorySamples['growthPerRequest'];
    growing: { serviceWorker: boolean; offscreen: boolean; popup: boolean };
  };
  /** #16: memory with 1 phone and with 4, per phone after the first, and pairing time by place. */
  phones?: PhonesFigure;
}

/** A heap counts as growing when its fitted trend adds more than this per request (100 requests → 1 MB). */
export const GROWTH_LIMIT_BYTES_PER_REQUEST = 10_000;
const KB = 1_000;

function compare(tandem: number[], reference: number[]): Comparison {
  const t = summarize(tandem);
  const r = summarize(reference);
  return { tandem: t, reference: r, addedP50: t.p50 - r.p50, ratioP50: t.p50 / r.p50 };
}

export function figuresOf(raw: RawResults): Figures {
  const signing = raw.signing.map((s) => ({
    size: s.size,
    n: s.tandemMs.length,
    tandemFrames: s.tandemFrames,
    referenceFrames: s.referenceFrames,
    ...compare(s.tandemMs, s.referenceMs),
  }));
  const single = raw.signing.find((s) => s.size === 1) ?? raw.signing[0];
  const figures: Figures = {
    footprint: raw.footprint,
    timeToPrompt: single ? { size: single.size, ...summarize(single.promptMs) } : undefined,
    simulationShown: single?.simulationMs?.length ? { size: single.size, ...summarize(single.simulationMs) } : undefined,
    promptBySize: raw.signing.map((s) => ({ size: s.size, summary: summarize(s.promptMs) })),
    pairing: raw.pairing ? { ...compare(raw.pairing.tandem, raw.pairing.reference), lostOffers: raw.pairing.lostOffers } : undefined,
    signing,
    recovery: raw.recovery ? { prompt: summarize(raw.recovery.promptMs), roundTrip: summarize(raw.recovery.roundTripMs) } : undefined,
  };
  if (single) {
    figures.hops = {
      prompt: { size: single.size, hops: hopFigures(PROMPT_PATH, single.promptHops) },
      approve: raw.signing.filter((s) => s.size <= 16).map((s) => ({ size: s.size, hops: hopFigures(APPROVE_PATH, s.approveHops), referenceP50: summarize(s.referenceMs).p50 })),
    };
  }
  if (raw.idle) {
    const i = raw.idle;
    const perMinute = (n: number) => (n * 60_000) / i.windowMs;
    figures.idle = { windowMs: i.windowMs, counts: i.counts, wakeUpsPerMinute: perMinute(wakeUps(i.counts)), actionsPerMinute: perMinute(workerActions(i.counts)), socket: i.socket, log: i.log };
  }
  if (raw.memory) {
    const m = raw.memory;
    const g = m.growthPerRequest;
    figures.memory = {
      after: m.samples.at(-1)!,
      offscreenAlone: m.offscreenAlone,
      popupShare: m.popupShare,
      growthPerRequest: g,
      growing: {
        serviceWorker: g.serviceWorker > GROWTH_LIMIT_BYTES_PER_REQUEST,
        offscreen: g.offscreen > GROWTH_LIMIT_BYTES_PER_REQUEST,
        popup: g.popup > GROWTH_LIMIT_BYTES_PER_REQUEST,
      },
    };
  }
  if (raw.phones) figures.phones = phonesFigureOf(raw.phones.rounds, raw.phones.lostOffers);
  return figures;
}

function hopFigures(path: Parameters<typeof hopsOfPath>[0], samples: Hops[]): HopFigure[] {
  const complete = samples.filter((h): h is Record<string, number> => h !== null);
  return hopsOfPath(path).map(({ label, kind }) => {
    const s = summarize(complete.map((h) => h[label]!));
    return { label, kind, n: s.n, p50: s.p50, p95: s.p95 };
  });
}

const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : 'n/a');
const kb = (v: number) => `${(v / KB).toFixed(1)} KB`;
const mb = (v: number) => (Number.isFinite(v) ? `${(v / 1e6).toFixed(2)} MB` : 'n/a');
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${ms(Math.abs(v))}`;
const ratio = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a');
const p50p95 = (s: Summary) => `${ms(s.p50)} / ${ms(s.p95)}`;
const txns = (n: number) => (n === 1 ? '1 transaction' : `${n.toLocaleString('en-US')} transactions`);

export function budgetsOf(f: Figures, largeSize: number): Budget[] {
  const budgets: Budget[] = [];
  if (f.footprint) {
    const gz = f.footprint.contentScript.gzip;
    budgets.push({ figure: 'Content script footprint', budget: '≤ 16 KB gzipped (aim 8 KB)', value: `${kb(gz)} gzipped${gz <= 8 * KB ? ', aim met' : ''}`, met: gz <= 16 * KB });
  }
  if (f.timeToPrompt) budgets.push({ figure: 'Time to prompt', budget: '≤ 300 ms at p50', value: `${ms(f.timeToPrompt.p50)} p50`, met: f.timeToPrompt.p50 <= 300 });
  // Issue #17's targets, next to the earlier ones (which stay as they were).
  if (f.timeToPrompt) budgets.push({ figure: 'Time to prompt (#17)', budget: '≤ 100 ms at p50', value: `${ms(f.timeToPrompt.p50)} p50`, met: f.timeToPrompt.p50 <= 100 });
  const one = f.signing.find((s) => s.size === 1);
  if (one) budgets.push({ figure: 'Signing, 1 transaction (#17)', budget: '≤ 10 ms added at p50', value: signed(one.addedP50), met: one.addedP50 <= 10 });
  if (f.idle) budgets.push({ figure: 'Idle worker', budget: '0 wake-ups per minute', value: `${f.idle.wakeUpsPerMinute} per minute`, met: f.idle.wakeUpsPerMinute === 0 && f.idle.actionsPerMinute === 0 });
  if (f.pairing) budgets.push({ figure: 'Pairing', budget: 'Tandem/reference ≤ 1.5 at p50', value: ratio(f.pairing.ratioP50), met: f.pairing.ratioP50 <= 1.5 });
  for (const s of f.signing) {
    const limit = s.size === largeSize && s.size > 16 ? 5_000 : 5;
    budgets.push({ figure: `Signing, ${txns(s.size)}`, budget: `≤ ${limit === 5 ? '5 ms' : '5 s'} added at p50`, value: signed(s.addedP50), met: s.addedP50 <= limit });
  }
  if (f.recovery) budgets.push({ figure: 'Recovery', budget: '≤ 500 ms at p50', value: `${ms(f.recovery.prompt.p50)} p50`, met: f.recovery.prompt.p50 <= 500 });
  if (f.memory) {
    const growing = Object.entries(f.memory.growing).filter(([, g]) => g).map(([k]) => k);
    budgets.push({
      figure: 'Memory',
      budget: `no growth over the requests (trend ≤ ${GROWTH_LIMIT_BYTES_PER_REQUEST / KB} KB/request)`,
      value: growing.length ? `growing: ${growing.join(', ')}` : 'flat',
      met: growing.length === 0,
    });
  }
  return budgets;
}

export function markdown(f: Figures, budgets: Budget[], options: RunOptions, machine: MachineInfo, when: string, notes: string[]): string {
  const rows: string[][] = [];
  const met = (figure: string) => {
    const b = budgets.find((x) => x.figure === figure);
    return b ? `${b.budget}: ${b.met ? '**met**' : '**missed**'}` : '';
  };
  if (f.footprint) {
    const fp = f.footprint;
    rows.push(['Content script (every page), raw / gzipped', `${kb(fp.contentScript.raw)} / ${kb(fp.contentScript.gzip)}`, '', '', '', met('Content script footprint')]);
    rows.push(['Popup scripts, gzipped', kb(fp.popup.gzip), '', '', '', '']);
    rows.push(['Approval window scripts, gzipped', kb(fp.approvalWindow.gzip), '', '', '', '']);
  }
  if (f.timeToPrompt) rows.push([`Time to prompt, ${txns(f.timeToPrompt.size)}: call → decoded txn painted`, p50p95(f.timeToPrompt), '', '', '', met('Time to prompt')]);
  if (f.simulationShown) rows.push([`Request → simulation shown, ${txns(f.simulationShown.size)} (algod stand-in)`, p50p95(f.simulationShown), '', '', '', '']);
  for (const p of f.promptBySize.filter((x) => x.size !== f.timeToPrompt?.size)) rows.push([`Time to prompt, ${txns(p.size)}`, p50p95(p.summary), '', '', '', '']);
  const lost = f.pairing ? f.pairing.lostOffers.tandem + f.pairing.lostOffers.reference : 0;
  const lostNote = f.pairing && lost ? ` (first offer lost and paired again: Tandem ${f.pairing.lostOffers.tandem}, reference ${f.pairing.lostOffers.reference})` : '';
  if (f.pairing) rows.push([`Pairing: link ack → channel open${lostNote}`, p50p95(f.pairing.tandem), p50p95(f.pairing.reference), signed(f.pairing.addedP50), ratio(f.pairing.ratioP50), met('Pairing')]);
  for (const s of f.signing) {
    const frames = s.referenceFrames > 1 || s.tandemFrames > 1 ? ` (frames: Tandem ${s.tandemFrames}, reference ${s.referenceFrames})` : '';
    rows.push([`Signing ${txns(s.size)} after approval${s.n !== options.n ? `, N=${s.n}` : ''}${frames}`, p50p95(s.tandem), p50p95(s.reference), signed(s.addedP50), ratio(s.ratioP50), met(`Signing, ${txns(s.size)}`)]);
  }
  if (f.recovery) rows.push(['Recovery: worker killed → next prompt painted', p50p95(f.recovery.prompt), '', '', '', met('Recovery')]);
  if (f.idle) {
    const c = f.idle.counts;
    rows.push([
      `Idle worker, paired + connected, socket ${f.idle.socket}, popup and window closed: wake-ups per minute over ${Math.round(f.idle.windowMs / 1000)} s`,
      `${f.idle.wakeUpsPerMinute} (timer callbacks ${c.timerCallbacks}, alarms ${c.alarmsFired}, extension events ${c.events}, WebSocket frames received ${c.webSocketFramesReceived}); extension API calls ${c.apiCalls}, fetches ${c.fetches}, WebSockets opened ${c.webSocketsCreated}, frames sent ${c.webSocketFramesSent}`,
      '',
      '',
      '',
      met('Idle worker'),
    ]);
  }
  if (f.memory) {
    const m = f.memory;
    const g = m.growthPerRequest;
    rows.push([
      `JS heap after ${m.after.signatures} signatures (trend per request)`,
      `service worker ${mb(m.after.serviceWorker)} (${signedBytes(g.serviceWorker)}); offscreen + popup renderer ${mb(m.after.offscreen)} (${signedBytes(g.offscreen)}), popup's share ${mb(m.popupShare)}`,
      '',
      '',
      '',
      met('Memory'),
    ]);
  }
  if (f.phones) rows.push(...phonesRows(f.phones));
  const header = ['Figure', 'Tandem p50 / p95', 'Reference p50 / p95', 'Added (p50)', 'Ratio (p50)', 'Budget'];
  const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  const large = Math.max(...options.sizes);
  const runLine = `N=${options.n} per scenario (${txns(large)}: N=${options.nLarge}), after ${options.warmup} warm-up run(s) each; memory over ${options.memoryRequests} requests.`;
  const budgetLine = `Budgets met: ${budgets.filter((b) => b.met).length} of ${budgets.length}${budgets.some((b) => !b.met) ? ` (missed: ${budgets.filter((b) => !b.met).map((b) => b.figure).join('; ')})` : ''}.`;
  const targets = ['Time to prompt (#17)', 'Signing, 1 transaction (#17)'].map((b) => `${b}: ${met(b) || 'not measured'}`).join('; ');
  return [table, '', `Run ${when}. ${runLine} ${budgetLine}`, '', `Issue #17's targets: ${targets}.`, ...hopTables(f), '', `Machine: ${machineLine(machine)}.`, ...notes.map((n) => `\n${n}`)].join('\n');
}

/** The hop breakdowns as two tables (p50 / p95 of each hop, over the requests whose marks were all found). */
function hopTables(f: Figures): string[] {
  if (!f.hops) return [];
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const { prompt, approve } = f.hops;
  const sum = (hops: HopFigure[]) => hops.reduce((a, h) => a + h.p50, 0);
  const promptTable = [
    row(['Request → prompt, ' + txns(prompt.size) + ': hop ending when…', 'kind', 'p50 / p95']),
    row(['---', '---', '---']),
    ...prompt.hops.map((h) => row([h.label, h.kind, `${ms(h.p50)} / ${ms(h.p95)}`])),
    row(['sum of the p50s', '', ms(sum(prompt.hops))]),
  ];
  const approveTable = [
    row(['Approve → verified result: hop ending when…', 'kind', ...approve.map((a) => `${txns(a.size)} p50 / p95`)]),
    row(['---', '---', ...approve.map(() => '---')]),
    ...APPROVE_PATH.slice(1).map((_, i) => row([approve[0]!.hops[i]!.label, approve[0]!.hops[i]!.kind, ...approve.map((a) => `${ms(a.hops[i]!.p50)} / ${ms(a.hops[i]!.p95)}`)])),
    row(['sum of the p50s', '', ...approve.map((a) => ms(sum(a.hops)))]),
    row(['sum without the phone hop', '', ...approve.map((a) => ms(sum(a.hops.filter((h) => h.kind !== 'phone'))))]),
    row(['reference round trip (its call → its answer), p50', '', ...approve.map((a) => ms(a.referenceP50))]),
  ];
  const n = Math.min(...[prompt, ...approve].flatMap((p) => p.hops.map((h) => h.n)));
  return ['', `Hop breakdowns (N=${n} requests with every mark; a sum of p50s is not the p50 of the sums):`, '', ...promptTable, '', ...approveTable];
}

const ordinal = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

/** Memory with 1 phone and with 4 (medians over the rounds), and pairing time by the phone's place. */
function phonesRows(p: PhonesFigure): string[][] {
  const first = (pick: (m: PhonesFigure['one']) => number) => (p.rounds > 1 ? `; first round ${signedMb(pick(p.perPhoneFirstRound))}` : '');
  const mem = (label: string, pick: (m: PhonesFigure['one']) => number) => `${label} ${mb(pick(p.one))} → ${mb(pick(p.many))} (${signedMb(pick(p.perPhone))} per phone${first(pick)})`;
  const renderer = p.rendererError
    ? `extension renderer n/a (${p.rendererError})`
    : `extension renderer private (first round) ${mb(p.one.rendererPrivate)} → ${mb(p.many.rendererPrivate)} (${signedMb(p.perPhone.rendererPrivate)} per phone), PSS ${signedMb(p.perPhone.rendererPss)} per phone`;
  const rounds = p.rounds === 1 ? '1 round' : `heaps: median of ${p.rounds} rounds`;
  const g = p.growthPerRound;
  const leftover = g ? `; 1-phone reading from the first round to the last, per round (unpair all, pair again): service worker ${signedMb(g.serviceWorker)}, offscreen ${signedMb(g.offscreen)}, renderer private ${signedMb(g.rendererPrivate)}` : '';
  const lost = p.lostOffers ? ` (first offer lost and paired again: ${p.lostOffers})` : '';
  return [
    [`Memory with ${p.phones} phones: 1 phone → ${p.phones} connected (${rounds}; popup closed)`, `JS heap: ${mem('service worker', (m) => m.serviceWorker)}; ${mem('offscreen document', (m) => m.offscreen)}; ${renderer}${leftover}`, '', '', '', ''],
    [`Pairing with phones already connected: link ack → channel open, by place${lost}`, p.pairingByPlace.map((s, i) => `${ordinal(i + 1)}${i === 0 ? ' (alone)' : ''} ${p50p95(s)}`).join('; '), '', '', '', ''],
  ];
}

function signedMb(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  // A phone's share of a JS heap is tens of KB: MB with two decimals would round it away.
  const size = Math.abs(v) < 1e6 ? `${(Math.abs(v) / KB).toFixed(1)} KB` : `${(Math.abs(v) / 1e6).toFixed(2)} MB`;
  return `${v >= 0 ? '+' : '−'}${size}`;
}

function signedBytes(v: number): string {
  return `${v >= 0 ? '+' : '−'}${(Math.abs(v) / KB).toFixed(1)} KB/request`;
}
