/**
 * Sending signed transactions to an algod node and waiting for them: one batch (a group, or one
 * ungrouped transaction) at a time, in order, each sent only once it is known not to be on the
 * ledger yet, so a worker that restarts in the middle sends nothing twice. A batch counts as done
 * once the node reports it confirmed; a node error or the deadline counts as failed.
 */
import * as algosdk from 'algosdk';
import type { Batch, BatchResult } from '@/lib/algorand/post-outcome';

/** How long Tandem waits for a batch to be confirmed (MainNet makes a block every ~2.8 s). */
export const CONFIRM_DEADLINE_MS = 30_000;
const POLL_MS = 500;

/** A transaction as the node reports it: `/v2/transactions/pending/{txid}` (404: unknown). */
export type TxnStatus = { state: 'confirmed' } | { state: 'pending' } | { state: 'unknown' } | { state: 'rejected'; message: string };

/** The two calls sending needs: algosdk's Algodv2 in the extension, a fake in unit tests. */
export interface AlgodPoster {
  status(txId: string): Promise<TxnStatus>;
  /** `POST /v2/transactions` with the batch's signed transactions concatenated; throws with algod's message. */
  send(signed: Uint8Array): Promise<void>;
}

export interface SendDeps {
  now(): number;
  sleep(ms: number): Promise<void>;
  deadlineMs?: number;
}

async function sendBatch(node: AlgodPoster, signed: readonly Uint8Array[], txIds: readonly string[], batch: Batch, deps: SendDeps): Promise<BatchResult> {
  const last = txIds[batch.end - 1]!;
  try {
    const before = await node.status(last);
    if (before.state === 'confirmed') return { ok: true };
    if (before.state === 'unknown') await node.send(joined(signed.slice(batch.start, batch.end)));
    const until = deps.now() + (deps.deadlineMs ?? CONFIRM_DEADLINE_MS);
    for (;;) {
      const status = await node.status(last);
      if (status.state === 'confirmed') return { ok: true };
      if (status.state === 'rejected') return { ok: false, message: status.message };
      if (deps.now() >= until) return { ok: false, message: `sent, but not confirmed within ${(deps.deadlineMs ?? CONFIRM_DEADLINE_MS) / 1000} s` };
      await deps.sleep(POLL_MS);
    }
  } catch (err) {
    return { ok: false, message: algodErrorMessage(err) };
  }
}

function joined(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Sends the batches in order; a failed batch does not stop the ones after it (they may not depend on it). */
export async function sendBatches(node: AlgodPoster, signed: readonly Uint8Array[], txIds: readonly string[], batches: readonly Batch[], deps: SendDeps): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  for (const batch of batches) results.push(await sendBatch(node, signed, txIds, batch, deps));
  return results;
}

/** algod's own words when it answered with an error (`{"message": ...}`), else the error's. */
export function algodErrorMessage(err: unknown): string {
  const text = (err as { response?: { text?: unknown } }).response?.text;
  if (typeof text === 'string') {
    try {
      const { message } = JSON.parse(text) as { message?: unknown };
      if (typeof message === 'string') return message;
    } catch {
      // not JSON: the error's own message below
    }
  }
  return err instanceof Error ? err.message : String(err);
}

/** The poster over algosdk's client. */
export function algodPoster(client: algosdk.Algodv2): AlgodPoster {
  return {
    async status(txId) {
      try {
        const info = await client.pendingTransactionInformation(txId).do();
        if ((info.confirmedRound ?? 0n) > 0n) return { state: 'confirmed' };
        if (info.poolError) return { state: 'rejected', message: info.poolError };
        return { state: 'pending' };
      } catch (err) {
        if ((err as { status?: number }).status === 404) return { state: 'unknown' };
        throw err;
      }
    },
    async send(signed) {
      await client.sendRawTransaction(signed).do();
    },
  };
}
