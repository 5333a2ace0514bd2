/**
 * ARC-0001 group validation: every atomic group in a request is complete, in order and
 * consecutive, so the user never approves half of an exchange while believing it is whole
 * (ARC-0001 "Rationale for Group Validation").
 */
import * as algosdk from 'algosdk';
import { Arc27ErrorCode, arc27Error, type Arc27Error } from '../arc27/types';
import { toBase64 } from '../encoding/base64';
import { bytesEqual } from './bytes';
import type { DecodedTxn } from './decode';
import { fail, ok, type Result } from '../result';

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

interface Run {
  groupId: string;
  start: number;
  end: number;
}

/** The runs of consecutive transactions sharing a group id, and the count of ungrouped ones. */
function groupRuns(decoded: readonly DecodedTxn[]): { runs: Run[]; ungrouped: number } {
  const runs: Run[] = [];
  let ungrouped = 0;
  decoded.forEach((d, index) => {
    const groupId = groupIdOf(d.txn);
    const last = runs[runs.length - 1];
    if (groupId === null) ungrouped++;
    else if (last !== undefined && last.groupId === groupId && last.end === index) last.end = index + 1;
    else runs.push({ groupId, start: index, end: index + 1 });
  });
  return { runs, ungrouped };
}

/** Checks the groups and records each grouped transaction's position on it. */
export function checkGroups(decoded: DecodedTxn[], allowMultipleGroups: boolean): Result<void, Arc27Error> {
  const { runs, ungrouped } = groupRuns(decoded);
  const seen = new Set<string>();
  for (const { groupId, start } of runs) {
    if (seen.has(groupId)) {
      return groupError(`txns[${start}]: the transactions of group ${groupId} are not consecutive`, { index: start });
    }
    seen.add(groupId);
  }
  if (!allowMultipleGroups && (runs.length > 1 || (runs.length === 1 && ungrouped > 0))) {
    return groupError('txns must be one group or ungrouped transactions only', { index: 0 });
  }
  for (const { groupId, start, end } of runs) {
    const run = decoded.slice(start, end);
    const where = `txns[${start}..${end - 1}]`;
    if (run.length > MAX_GROUP_SIZE) {
      return groupError(`${where}: a group holds at most ${MAX_GROUP_SIZE} transactions`, { index: start });
    }
    if (!bytesEqual(computedGroupId(run), run[0]!.txn.group!)) {
      const message = `${where}: group id does not match these transactions (one is missing, extra or out of order)`;
      return groupError(message, { index: start });
    }
    run.forEach((d, k) => (d.group = { position: k + 1, size: run.length, groupId }));
  }
  return ok(undefined);
}
