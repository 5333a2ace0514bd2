/**
 * The phones scenario's figures (#16), from its raw rounds: memory with 1 and with 4 phones, the
 * cost of each phone after the first, and pairing times by the phone's place in the order.
 * Pure, so it is unit-tested (tests/unit/bench/phones-figures.test.ts).
 */
import { summarize, type Summary } from './stats';

export interface PhonesReadingLike {
  phones: number;
  serviceWorker: number;
  offscreen: number;
  renderer: { private: number; pss: number; rss: number } | { error: string };
}

export interface PhonesRoundLike {
  one: PhonesReadingLike;
  four: PhonesReadingLike;
  pairingMs: number[];
}

/** The figures each reading gives; NaN where the renderer could not be read. */
export interface MemoryFigures {
  serviceWorker: number;
  offscreen: number;
  rendererPrivate: number;
  rendererPss: number;
}

export interface PhonesFigure {
  rounds: number;
  phones: number;
  /**
   * JS heaps: medians over the rounds. The renderer's /proc figures: the first round's only, since
   * its allocators keep freed pages, so a later round starts from the last round's high-water mark.
   */
  one: MemoryFigures;
  many: MemoryFigures;
  /** (many − one) / (phones − 1), per round, then as above; bytes. */
  perPhone: MemoryFigures;
  /**
   * The first round's per-phone cost alone: its heaps also hold what runs for the first time then
   * (bytecode and feedback of the paths that add a phone count in the V8 heap), later rounds' do not.
   */
  perPhoneFirstRound: MemoryFigures;
  /**
   * How much the 1-phone reading grew per round after the first (each round ends with `phones`
   * paired and starts by unpairing them all): what pairing and unpairing leaves behind. Absent with one round.
   */
  growthPerRound?: MemoryFigures;
  /** Link ack → channel open by place: [0] the first phone (alone), [k] the (k+1)th with k connected. */
  pairingByPlace: Summary[];
  lostOffers: number;
  rendererError?: string;
}

/** What each phone after the first adds: (reading with `phones` − reading with 1) / (phones − 1). */
export function perPhoneCost(one: number, many: number, phones: number): number {
  if (phones < 2) throw new Error(`per-phone cost needs at least 2 phones, got ${phones}`);
  return (many - one) / (phones - 1);
}

export function memoryOf(r: PhonesReadingLike): MemoryFigures {
  const renderer = 'error' in r.renderer ? { private: Number.NaN, pss: Number.NaN } : r.renderer;
  return { serviceWorker: r.serviceWorker, offscreen: r.offscreen, rendererPrivate: renderer.private, rendererPss: renderer.pss };
}

/** The heaps' median (nearest rank, as the other figures) over the rounds; the renderer's first round. */
function acrossRounds(readings: MemoryFigures[]): MemoryFigures {
  const p50 = (pick: (m: MemoryFigures) => number) => {
    const values = readings.map(pick).filter(Number.isFinite);
    return values.length ? summarize(values).p50 : Number.NaN;
  };
  const first = readings[0]!;
  return { serviceWorker: p50((m) => m.serviceWorker), offscreen: p50((m) => m.offscreen), rendererPrivate: first.rendererPrivate, rendererPss: first.rendererPss };
}

function mapFigures(a: MemoryFigures, b: MemoryFigures, f: (a: number, b: number) => number): MemoryFigures {
  return { serviceWorker: f(a.serviceWorker, b.serviceWorker), offscreen: f(a.offscreen, b.offscreen), rendererPrivate: f(a.rendererPrivate, b.rendererPrivate), rendererPss: f(a.rendererPss, b.rendererPss) };
}

export function phonesFigureOf(rounds: PhonesRoundLike[], lostOffers: number): PhonesFigure {
  if (rounds.length === 0) throw new Error('the phones scenario has no rounds');
  const phones = rounds[0]!.four.phones;
  const ones = rounds.map((r) => memoryOf(r.one));
  const manys = rounds.map((r) => memoryOf(r.four));
  const costs = ones.map((one, i) => mapFigures(one, manys[i]!, (a, b) => perPhoneCost(a, b, phones)));
  const places = Math.max(...rounds.map((r) => r.pairingMs.length));
  const pairingByPlace = Array.from({ length: places }, (_, i) => summarize(rounds.map((r) => r.pairingMs[i]).filter((v): v is number => v !== undefined)));
  const errors = rounds.flatMap((r) => [r.one.renderer, r.four.renderer]).filter((x): x is { error: string } => 'error' in x);
  return {
    rounds: rounds.length,
    phones,
    one: acrossRounds(ones),
    many: acrossRounds(manys),
    perPhone: acrossRounds(costs),
    perPhoneFirstRound: costs[0]!,
    ...(rounds.length > 1 ? { growthPerRound: mapFigures(ones[0]!, ones.at(-1)!, (a, b) => (b - a) / (rounds.length - 1)) } : {}),
    pairingByPlace,
    lostOffers,
    ...(errors.length ? { rendererError: errors[0]!.error } : {}),
  };
}
