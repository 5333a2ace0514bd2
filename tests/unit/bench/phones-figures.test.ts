import { describe, expect, it } from 'vitest';
import { perPhoneCost, phonesFigureOf, type PhonesReadingLike, type PhonesRoundLike } from '../../../bench/phones-figures';
import { parseSmapsRollup } from '../../../bench/process-memory';

const reading = (phones: number, serviceWorker: number, offscreen: number, rendererPrivate?: number): PhonesReadingLike => ({
  phones,
  serviceWorker,
  offscreen,
  renderer: rendererPrivate === undefined ? { error: 'no /proc' } : { private: rendererPrivate, pss: rendererPrivate + 1_000, rss: rendererPrivate * 4 },
});

describe('perPhoneCost', () => {
  it('spreads what the phones after the first added over them', () => {
    expect(perPhoneCost(3_000_000, 3_300_000, 4)).toBe(100_000);
    expect(perPhoneCost(1_000, 700, 4)).toBe(-100);
  });

  it('needs a second phone to say anything', () => {
    expect(() => perPhoneCost(1, 2, 1)).toThrow(/at least 2 phones/);
  });
});

describe('phonesFigureOf', () => {
  it('takes the heaps over the rounds and the renderer from the first round only', () => {
    const rounds: PhonesRoundLike[] = [
      { one: reading(1, 3_000_000, 1_000_000, 30_000_000), four: reading(4, 3_300_000, 1_030_000, 36_000_000), pairingMs: [180, 200, 210, 190] },
      { one: reading(1, 3_100_000, 1_010_000, 39_000_000), four: reading(4, 3_370_000, 1_040_000, 39_300_000), pairingMs: [170, 230, 160, 150] },
      { one: reading(1, 3_200_000, 1_020_000, 39_500_000), four: reading(4, 3_560_000, 1_050_000, 39_600_000), pairingMs: [160, 210, 170, 140] },
    ];
    const f = phonesFigureOf(rounds, 1);
    expect(f.rounds).toBe(3);
    expect(f.phones).toBe(4);
    // Per-round service worker costs 100, 90 and 120 KB: the median is 100 KB.
    expect(f.perPhone.serviceWorker).toBe(100_000);
    expect(f.perPhone.offscreen).toBe(10_000);
    expect(f.perPhoneFirstRound.serviceWorker).toBe(100_000);
    expect(f.perPhoneFirstRound.offscreen).toBe(10_000);
    expect(f.one.serviceWorker).toBe(3_100_000);
    expect(f.many.serviceWorker).toBe(3_370_000);
    // The renderer: round 1's (36 − 30 MB) / 3, not the later rounds' near-zero.
    expect(f.one.rendererPrivate).toBe(30_000_000);
    expect(f.perPhone.rendererPrivate).toBe(2_000_000);
    expect(f.perPhone.rendererPss).toBe(2_000_000);
    // The 1-phone reading grew 200 KB over 2 rounds.
    expect(f.growthPerRound?.serviceWorker).toBe(100_000);
    expect(f.pairingByPlace.map((s) => s.p50)).toEqual([170, 210, 170, 150]);
    expect(f.pairingByPlace[0]!.n).toBe(3);
    expect(f.lostOffers).toBe(1);
    expect(f.rendererError).toBeUndefined();
  });

  it('reports the renderer as unread, and no growth, from one round without /proc', () => {
    const f = phonesFigureOf([{ one: reading(1, 3_000_000, 1_000_000), four: reading(4, 3_150_000, 1_000_000), pairingMs: [200, 210, 220, 230] }], 0);
    expect(f.perPhone.serviceWorker).toBe(50_000);
    expect(Number.isNaN(f.perPhone.rendererPrivate)).toBe(true);
    expect(f.rendererError).toBe('no /proc');
    expect(f.growthPerRound).toBeUndefined();
  });

  it('refuses an empty run', () => {
    expect(() => phonesFigureOf([], 0)).toThrow(/no rounds/);
  });
});

describe('parseSmapsRollup', () => {
  const text = [
    '55d3-7fff ---p 00000000 00:00 0                          [rollup]',
    'Rss:              187220 kB',
    'Pss:               43240 kB',
    'Shared_Clean:     120000 kB',
    'Private_Clean:      1000 kB',
    'Private_Dirty:     30290 kB',
    'Swap:                 10 kB',
    'SwapPss:              10 kB',
  ].join('\n');

  it('reads Rss, Pss and private (clean + dirty + swap) in bytes', () => {
    expect(parseSmapsRollup(text)).toEqual({ rss: 187_220 * 1024, pss: 43_240 * 1024, private: (1_000 + 30_290 + 10) * 1024 });
  });

  it('fails on a missing field rather than report 0', () => {
    expect(() => parseSmapsRollup('Rss: 1 kB\n')).toThrow(/no Pss/);
  });
});
