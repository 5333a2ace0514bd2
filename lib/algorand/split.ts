/**
 * Splitting a large sign request into several phone requests, each small enough for one
 * data-channel frame (255,000 bytes of CBOR, liquid-protocol.md section 5), without ever
 * splitting an atomic group: the phone must see a whole group to sign any of it.
 */
import * as algosdk from 'algosdk';
import { Arc27ErrorCode, arc27Error, type Arc27Error, type WalletTransaction } from '../arc27/types';
import { fromBase64Lenient } from '../encoding/base64';
import { groupIdOf } from './groups';
import { fail, ok, type Result } from '../result';

/** Where a chunk's transactions sit in the whole request. */
export interface ChunkRange {
  start: number;
  count: number;
}

/** Consecutive transactions sharing a group id; an ungrouped transaction is a unit of its own. */
function groupUnits(txns: readonly WalletTransaction[]): Result<WalletTransaction[][], Arc27Error> {
  const units: WalletTransaction[][] = [];
  let previous: string | null = null;
  for (let index = 0; index < txns.length; index++) {
    const entry = txns[index]!;
    const bytes = fromBase64Lenient(entry.txn);
    let groupId: string | null;
    try {
      if (bytes === null) throw new Error('not base64');
      groupId = groupIdOf(algosdk.decodeUnsignedTransaction(bytes));
    } catch {
      return fail(arc27Error(Arc27ErrorCode.InvalidInput, `txns[${index}]: not a transaction`, { index }));
    }
    if (groupId !== null && groupId === previous) units[units.length - 1]!.push(entry);
    else units.push([entry]);
    previous = groupId;
  }
  return ok(units);
}

/**
 * Packs whole groups greedily into chunks with `sizeOf(chunk) <= maxBytes`. Each unit is
 * measured once on its own; chunks are filled from those estimates and then measured for
 * real, giving back units from the end if the estimate was short (headers grow with counts).
 * So `sizeOf` runs about twice per unit, not once per prefix of the request.
 */
export function splitAtGroupBoundaries(
  txns: readonly WalletTransaction[],
  maxBytes: number,
  sizeOf: (chunk: WalletTransaction[]) => number,
): Result<WalletTransaction[][], Arc27Error> {
  const grouped = groupUnits(txns);
  if (!grouped.ok) return grouped;
  const units = grouped.value;
  const overhead = sizeOf([]);
  const estimates: number[] = [];
  let position = 0;
  for (const unit of units) {
    const size = sizeOf(unit);
    if (size > maxBytes) {
      const what = unit.length > 1 ? `group of ${unit.length} transactions` : 'transaction';
      return fail(
        arc27Error(Arc27ErrorCode.InvalidInput, `txns[${position}]: ${what} too large for one frame (${size} > ${maxBytes} bytes)`, {
          index: position,
        }),
      );
    }
    estimates.push(size - overhead);
    position += unit.length;
  }

  const chunks: WalletTransaction[][] = [];
  let first = 0;
  while (first < units.length) {
    let end = first + 1;
    let estimate = overhead + estimates[first]!;
    while (end < units.length && estimate + estimates[end]! <= maxBytes) estimate += estimates[end++]!;
    let chunk = units.slice(first, end).flat();
    while (end - first > 1 && sizeOf(chunk) > maxBytes) chunk = units.slice(first, --end).flat();
    chunks.push(chunk);
    first = end;
  }
  return ok(chunks);
}

export function chunkRanges(chunks: readonly (readonly unknown[])[]): ChunkRange[] {
  let start = 0;
  return chunks.map((chunk) => {
    const range = { start, count: chunk.length };
    start += chunk.length;
    return range;
  });
}

/**
 * Joins the phone's per-chunk `stxns` into one list for `checkPhoneReply`. A reply whose
 * length is not its chunk's is refused here, so entries can never shift onto the wrong index.
 */
export function reassemble(ranges: readonly ChunkRange[], replies: readonly unknown[]): Result<unknown[], Arc27Error> {
  if (replies.length !== ranges.length) {
    return fail(arc27Error(Arc27ErrorCode.Unknown, `expected ${ranges.length} phone replies, got ${replies.length}`));
  }
  const joined: unknown[] = [];
  for (let k = 0; k < ranges.length; k++) {
    const range = ranges[k]!;
    const reply = replies[k];
    if (range.start !== joined.length || !Array.isArray(reply) || reply.length !== range.count) {
      // The iOS SDK skips what it cannot sign, so positions no longer match: never guess them.
      const got = Array.isArray(reply) ? `${reply.length} signature${reply.length === 1 ? '' : 's'}` : 'no list of signatures';
      const part = ranges.length > 1 ? ` (part ${k + 1} of ${ranges.length} of the request)` : '';
      return fail(arc27Error(Arc27ErrorCode.Unknown, `the phone returned ${got} for ${range.count} transactions${part}`));
    }
    joined.push(...(reply as unknown[]));
  }
  return ok(joined);
}
