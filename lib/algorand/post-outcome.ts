/**
 * The dApp's answer once Tandem sent signed transactions: every id when everything was confirmed,
 * else ARC-0001's 4300 with `successTxnIDs` (ARC-0007): per transaction, its id where it was
 * confirmed and null where it was not, so the dApp knows exactly what happened on the network.
 */
import { Arc27ErrorCode, TANDEM_PROVIDER_ID, arc27Error, type Arc27Outcome } from '../arc27/types';

/** What became of one batch (a group, or one ungrouped transaction) sent to the node. */
export type BatchResult = { ok: true } | { ok: false; message: string };

export interface Batch {
  start: number;
  end: number;
}

export function postOutcome(txIds: readonly string[], batches: readonly Batch[], results: readonly BatchResult[]): Arc27Outcome {
  const successTxnIDs: (string | null)[] = txIds.map(() => null);
  let firstFailure: { batch: Batch; message: string } | null = null;
  batches.forEach((batch, i) => {
    const result = results[i] ?? { ok: false, message: 'not sent' };
    if (result.ok) for (let index = batch.start; index < batch.end; index++) successTxnIDs[index] = txIds[index]!;
    else firstFailure ??= { batch, message: result.message };
  });
  if (firstFailure === null) return { ok: true, result: { providerId: TANDEM_PROVIDER_ID, txnIDs: [...txIds] } };
  const { batch, message } = firstFailure as { batch: Batch; message: string };
  const where = batch.end - batch.start === 1 ? `stxns[${batch.start}]` : `the group stxns[${batch.start}..${batch.end - 1}]`;
  const sent = successTxnIDs.filter((id) => id !== null).length;
  return {
    ok: false,
    error: arc27Error(Arc27ErrorCode.FailedToPostSomeTransactions, `${sent} of ${txIds.length} transactions were confirmed; ${where} failed: ${message}`, { successTxnIDs }),
  };
}
