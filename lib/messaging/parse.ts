/** Small structural checks for message payloads: return the typed value or null. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function emptyPayload(value: unknown): Record<string, never> | null {
  return value === undefined || isRecord(value) ? {} : null;
}

export function stringField(record: Record<string, unknown>, key: string, maxLength = 4096): string | null {
  const value = record[key];
  return typeof value === 'string' && value.length <= maxLength ? value : null;
}

export function optionalString(record: Record<string, unknown>, key: string, maxLength = 4096): string | undefined | null {
  const value = record[key];
  if (value === undefined) return undefined;
  return typeof value === 'string' && value.length <= maxLength ? value : null;
}

/** Parses `{key: string}`-shaped payloads. */
export function keyPayload(value: unknown): { key: string } | null {
  if (!isRecord(value)) return null;
  const key = stringField(value, 'key', 128);
  return key === null ? null : { key };
}
