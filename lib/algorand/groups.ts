/**
 * ARC-0001 group validation: every atomic group in a request is complete, in order and
 * consecutive, so the user never approves half of an exchange while believing it is whole
 * (ARC-0001 "Rationale for Group Validation").
 */
import algosdk from 'algosdk';
import { Arc27ErrorCode, arc27Error } from '../arc27/types';
import { toBase64 } from './base64';
import { bytesEqual } from './bytes';
import type { DecodedTxn } from './decode';
import { fail, ok, type Result } from './result';

/** The protocol's largest atomic group (consensus parameter MaxTxGroupSize, 2026). */
export const MAX_GROUP_SIZE = 16;

/** Group id as standard base64, or null for an ungrouped transaction. */
export function groupIdOf(txn: algosdk.Transaction): string | null {
  return txn.group !== undefined && txn.group.length > 0 ? toBase64(txn.group) : null;
}

function groupError(message: string, data: { index: number }) {
  return fail(arc27Error(Arc27ErrorCode.InvalidGroupId, message, data));
}

/** The group id of these transactions as the protocol computes it (each hashed without its group). */
function computedGroupId(run: readonly DecodedTxn[]): Uint8Array {
  const copies = run.map((d) => {
    const copy = algosdk.decodeUnsignedTransaction(d.bytes);
    copy.group = undefined;
    return copy;
  });
  return algosdk.computeGroupID(copies);
}

/** Checks the groups and records each grouped transaction's position on it. */
export function checkGroups(decoded: DecodedTxn[], allowMultipleGroups: boolean): Result<void> {
  const seen = new Set<string>();
  let ungrouped = 0;
  let start = 0;
  while (start < decoded.length) {
    const groupId = groupIdOf(decoded[start]!.txn);
    if (groupId === null) {
      ungrouped++;
      start++;
      continue;
    }
    let end = start;
    while (end < decoded.length && groupIdOf(decoded[end]!.txn) === groupId) end++;
    const where = { index: start };
    if (seen.has(groupId)) {
      return groupError(`txns[${start}]: the transactions of group ${groupId} are not consecutive`, where);
    }
    seen.add(groupId);
    const run = decoded.slice(start, end);
    if (run.length > MAX_GROUP_SIZE) {
      return groupError(`txns[${start}..${end - 1}]: a group holds at most ${MAX_GROUP_SIZE} transactions`, where);
    }
    if (!bytesEqual(computedGroupId(run), decoded[start]!.txn.group!)) {
      return groupError(
        `txns[${start}..${end - 1}]: group id does not match these transactions (one is missing, extra or out of order)`,
        where,
      );
    }
    run.forEach((d, k) => (d.group = { position: k + 1, size: run.length, groupId }));
    start = end;
  }
  if (!allowMultipleGroups && (seen.size > 1 || (seen.size === 1 && ungrouped > 0))) {
    return groupError('txns must be one group or ungrouped transactions only', { index: 0 });
  }
  return ok(undefined);
}
