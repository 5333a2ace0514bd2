/** Amounts as display strings: exact decimal strings from bigints, never floating point. */

export const ALGO_DECIMALS = 6;
/** The protocol's largest asset `decimals` value. */
export const MAX_ASSET_DECIMALS = 19;

/** `amount` base units as a decimal string with exactly `decimals` fraction digits. */
export function formatUnits(amount: bigint, decimals: number): string {
  const digits = amount.toString();
  if (decimals === 0) return digits;
  const padded = digits.padStart(decimals + 1, '0');
  return `${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}

/** "1.500000 ALGO" */
export function formatAlgos(microAlgos: bigint): string {
  return `${formatUnits(microAlgos, ALGO_DECIMALS)} ALGO`;
}

/** "250 of asset 31566704" when the decimals are unknown, "2.50 of asset 31566704" with 2 decimals. */
export function formatAssetAmount(amount: bigint, assetId: bigint, decimals?: number): string {
  const known = decimals !== undefined && Number.isInteger(decimals) && decimals >= 0 && decimals <= MAX_ASSET_DECIMALS;
  return `${known ? formatUnits(amount, decimals) : amount.toString()} of asset ${assetId}`;
}
