/** Amounts in the reader's locale: exact digits from bigints, only the separators from Intl. */
import { describe, expect, it } from 'vitest';
import { formatAlgos, formatCount, formatUnits } from '../../../lib/algorand/format';
import { formatClock } from '../../../lib/i18n/times';

describe('formatUnits', () => {
  it('keeps English as it was for small amounts, and groups thousands', () => {
    expect(formatUnits(12_500_000n, 6, 'en')).toBe('12.500000');
    expect(formatAlgos(1_000n, 'en')).toBe('0.001000 ALGO');
    expect(formatUnits(1_234_500_000n, 6, 'en')).toBe('1,234.500000');
  });

  it('writes Spanish with a decimal comma, grouping from five digits as Spanish does', () => {
    expect(formatAlgos(1_000n, 'es')).toBe('0,001000 ALGO');
    expect(formatUnits(1_234_500_000n, 6, 'es')).toBe('1234,500000');
    expect(formatUnits(12_345_678_901n, 6, 'es')).toBe('12.345,678901');
  });

  it('stays exact beyond what a float can hold', () => {
    expect(formatUnits(18_446_744_073_709_551_615n, 19, 'en')).toBe('1.8446744073709551615');
    expect(formatUnits(18_446_744_073_709_551_615n, 6, 'es')).toBe('18.446.744.073.709,551615');
    expect(formatUnits(18_446_744_073_709_551_615n, 0, 'en')).toBe('18,446,744,073,709,551,615');
  });

  it('puts the locale minus sign before a negative amount', () => {
    expect(formatUnits(-1_500n, 3, 'en')).toBe('-1.500');
    expect(formatUnits(-500n, 3, 'es')).toBe('-0,500');
  });

  it('falls back on English for a locale tag Intl refuses', () => {
    expect(formatUnits(1_234_500n, 3, 'not a locale!')).toBe('1,234.500');
  });
});

describe('counts and clocks', () => {
  it('group counts in the locale', () => {
    expect(formatCount(1024, 'en')).toBe('1,024');
    expect(formatCount(12_345, 'es')).toBe('12.345');
  });

  it('write a time of day as the locale does', () => {
    const at = Date.UTC(2026, 11, 2, 17, 5, 9);
    const utc = (locale: string) => formatClock(at - new Date(at).getTimezoneOffset() * 60_000, locale);
    expect(utc('es')).toBe('17:05:09');
    expect(utc('en-US')).toMatch(/^05:05:09\sPM$/);
  });
});
