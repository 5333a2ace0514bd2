/**
 * Data a page asks the phone to sign, as rows a prompt shows: JSON pretty-printed (one row per
 * value, nested values indented), long strings folded, every key and value made inert (safeText:
 * no bidi overrides or invisible characters). Text that is not a JSON object or array is shown as
 * lines. Pure, so the folding is unit-tested.
 */
import { safeText } from '@/lib/algorand/display-text';

/** Strings longer than this are folded to their first FOLD_KEEP characters, the whole value one click away. */
export const FOLD_AT = 96;
export const FOLD_KEEP = 64;
/** A prompt is not a document viewer: past this many rows the rest is counted, not shown. */
export const MAX_ROWS = 400;
const MAX_DEPTH = 12;

export interface DataRow {
  depth: number;
  /** The key or index, or '' for a line of plain text. */
  label: string;
  value: string;
  /** The whole value when `value` is folded. */
  full?: string;
}

function fold(depth: number, label: string, text: string): DataRow {
  const safe = safeText(text);
  const chars = Array.from(safe);
  if (chars.length <= FOLD_AT) return { depth, label, value: safe };
  return { depth, label, value: `${chars.slice(0, FOLD_KEEP).join('')}… (${chars.length} characters)`, full: safe };
}

function walk(value: unknown, depth: number, label: string, rows: DataRow[]): void {
  if (rows.length >= MAX_ROWS) return;
  if (typeof value !== 'object' || value === null) {
    rows.push(fold(depth, label, typeof value === 'string' ? JSON.stringify(value) : String(value)));
    return;
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  rows.push({ depth, label, value: Array.isArray(value) ? `[${entries.length} items]` : entries.length === 0 ? '{}' : '' });
  if (depth >= MAX_DEPTH) return;
  for (const [key, child] of entries) walk(child, depth + 1, safeText(key), rows);
}

/** The rows for `text`: JSON objects and arrays as a tree (without a root row), anything else line by line. */
export function dataRows(text: string): { rows: DataRow[]; json: boolean; hidden: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const rows: DataRow[] = [];
  const json = typeof parsed === 'object' && parsed !== null;
  if (json) walk(parsed, -1, '', rows);
  else for (const line of text.split('\n')) if (rows.length < MAX_ROWS) rows.push(fold(0, '', line));
  const shown = json ? rows.slice(1) : rows;
  const total = json ? countValues(parsed) : text.split('\n').length;
  return { rows: shown, json, hidden: Math.max(0, total - shown.length) };
}

/** The rows below `value` with no limit on their number: one per child, and each nested child's own. */
function countValues(value: unknown, depth = 0): number {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.reduce<number>((sum, child) => sum + 1 + countValues(child, depth + 1), 0);
}
