/**
 * Amounts as display strings in the reader's locale: exact, from bigints, never through floating
 * point. Only the separators come from `Intl` (the integer part is grouped by formatting it as a
 * bigint, which Intl.NumberFormat does exactly); the digits are the amount's own.
 */
import { t, uiLocale } from '../i18n';

export const ALGO_DECIMALS = 6;
/** The protocol's largest asset `decimals` value. */
export const MAX_ASSET_DECIMALS = 19;

interface NumberStyle {
  integer: Intl.NumberFormat;
  decimal: string;
  minus: string;
}

const styles = new Map<string, NumberStyle>();

function numberStyle(locale: string): NumberStyle {
  let style = styles.get(locale);
  if (style === undefined) {
    // Grouping as the locale groups ('auto'): Spanish leaves four-digit numbers whole (1234, 12.345).
    let integer: Intl.NumberFormat;
    try {
      integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    } catch {
      integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
    }
    const parts = new Intl.NumberFormat(integer.resolvedOptions().locale).formatToParts(-1.5);
    style = {
      integer,
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      minus: parts.find((p) => p.type === 'minusSign')?.value ?? '-',
    };
    styles.set(locale, style);
  }
  return style;
}

/**
 * `amount` base units with exactly `decimals` fraction digits ("1,234.500000" in English,
 * "1234,500000" in Spanish, which groups from five digits).
 */
export function formatUnits(amount: bigint, decimals: number, locale: string = uiLocale()): string {
  const style = numberStyle(locale);
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString();
  const sign = negative ? style.minus : '';
  if (decimals === 0) return `${sign}${style.integer.format(BigInt(digits))}`;
  const padded = digits.padStart(decimals + 1, '0');
  return `${sign}${style.integer.format(BigInt(padded.slice(0, -decimals)))}${style.decimal}${padded.slice(-decimals)}`;
}

/** A count or an id-free whole number in the reader's locale ("1,234"). */
export function formatCount(count: number | bigint, locale: string = uiLocale()): string {
  return numberStyle(locale).integer.format(count);
}

/** "1.500000 ALGO" */
export function formatAlgos(microAlgos: bigint, locale: string = uiLocale()): string {
  return `${formatUnits(microAlgos, ALGO_DECIMALS, locale)} ALGO`;
}

/** "250 of asset 31566704" when the decimals are unknown, "2.50 of asset 31566704" with 2 decimals. */
export function formatAssetAmount(amount: bigint, assetId: bigint, decimals?: number): string {
  const known = decimals !== undefined && Number.isInteger(decimals) && decimals >= 0 && decimals <= MAX_ASSET_DECIMALS;
  return t('amount_of_asset', known ? formatUnits(amount, decimals) : amount.toString(), assetId.toString());
}
