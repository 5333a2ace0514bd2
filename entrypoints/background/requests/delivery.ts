/**
 * Delivery: ending requests (finish), pushing each answer to its frame, keeping the badge and the
 * approval window in step with the queue, and the deadline sweep.
 */
import { t } from '@/lib/i18n';
import { Arc27ErrorCode, arc27Error, type Arc27Outcome } from '@/lib/arc27/types';
import { markHop } from '@/lib/perf/hop-marks';
import type { QueuedRequest } from '@/lib/storage/types';
import { isOpen } from '../queue';
import { jsonBytes } from './admission';
import type { RequestEdges } from './edges';

/** Answers nobody collected (the tab went away) are dropped after this long. */
export const UNCOLLECTED_ANSWER_TTL_MS = 10 * 60_000;

/** Work kept in memory per open request (decoded transactions, phone frames), dropped when it ends. */
export interface PreparedWork {
  forget(keys: readonly string[]): void;
  /** Drops the work of every request `isOpen` no longer names. */
  prune(isOpenKey: (key: string) => boolean): void;
}

/** An answered entry keeps only what delivering its answer needs, and counts what it still takes. */
export function answered(entry: QueuedRequest, outcome: Arc27Outcome): QueuedRequest {
  let next: QueuedRequest;
  if (entry.method === 'enable') next = { ...entry, outcome };
  else if (entry.method === 'sign_data') next = { ...entry, request: { ...entry.request, data: '' }, text: '', outcome };
  else if (entry.method === 'sign_message') next = { ...entry, message: '', outcome };
  else if (entry.method === 'post_transactions') next = { ...entry, stxns: [], descriptions: [], auth: [], outcome };
  else {
    const { phoneReplies: _replies, signed: _signed, ...rest } = entry;
    next = { ...rest, txns: [], descriptions: [], warnings: [], outcome };
  }
  return { ...next, reservedBytes: jsonBytes(next) };
}

export interface Delivery {
  /** Ends each open request of `keys` with its outcome and pushes the answers. */
  finish(keys: readonly string[], outcomeFor: (entry: QueuedRequest) => Arc27Outcome): Promise<void>;
  /** Badge count and approval window after the queue changed. */
  refreshUi(queue?: QueuedRequest[]): Promise<void>;
  /** Answers requests whose phone deadline passed (4002) and drops uncollected answers. */
  sweep(): Promise<void>;
}

export function createDelivery(edges: RequestEdges, prepared: PreparedWork): Delivery {
  async function refreshUi(queue?: QueuedRequest[]) {
    const open = (queue ?? (await edges.queue.read())).filter(isOpen);
    const waitingForUser = open.filter((e) => e.method === 'enable' || e.stage === 'awaiting-approval').length;
    await edges.showPendingCount(waitingForUser).catch(() => undefined);
    if (open.length === 0) await edges.approvalWindow.close();
  }

  async function deliver(entry: QueuedRequest) {
    if (!entry.outcome) return;
    // If the push does not land, the content script's next poll collects the answer.
    markHop('backgroundAnswerPushed');
    if (await edges.pushAnswer(entry.tabId, entry.frameId, entry.key, entry.outcome)) {
      await edges.queue.mutate((q) => ({ queue: q.filter((e) => e.key !== entry.key), result: undefined }));
    }
  }

  async function finish(keys: readonly string[], outcomeFor: (entry: QueuedRequest) => Arc27Outcome) {
    markHop('backgroundVerified');
    const finished = await edges.queue.mutate((q) => {
      const out: QueuedRequest[] = [];
      const queue = q.map((entry) => {
        if (!keys.includes(entry.key) || !isOpen(entry)) return entry;
        const next = answered(entry, outcomeFor(entry));
        out.push(next);
        return next;
      });
      return { queue, result: out };
    });
    prepared.forget(keys);
    // The dApps' answers first: the badge and closing the approval window (tens of ms) can wait.
    const delivered = Promise.all(finished.map(deliver));
    await refreshUi();
    await delivered;
  }

  async function sweep() {
    const now = edges.now();
    const queue = await edges.queue.read();
    const expired = queue.filter((e) => isOpen(e) && e.method !== 'enable' && e.deadlineAt !== undefined && e.deadlineAt <= now);
    const timedOut = (e: QueuedRequest) =>
      e.method !== 'enable' && e.stage === 'posting'
        ? arc27Error(Arc27ErrorCode.MethodTimedOut, t('error_post_timeout'))
        : arc27Error(Arc27ErrorCode.MethodTimedOut, e.method !== 'enable' && e.lastError ? t('error_then_timeout', e.lastError.message) : t('error_phone_timeout'));
    if (expired.length) await finish(expired.map((e) => e.key), (e) => ({ ok: false, error: timedOut(e) }));
    const stale = queue.filter((e) => !isOpen(e) && now - e.createdAt > UNCOLLECTED_ANSWER_TTL_MS).map((e) => e.key);
    if (stale.length) await edges.queue.mutate((q) => ({ queue: q.filter((e) => !stale.includes(e.key)), result: undefined }));
    // Requests that left the queue without an answer (their tab closed) need no decoded copy.
    prepared.prune((key) => queue.some((e) => e.key === key && isOpen(e)));
  }

  return { finish, refreshUi, sweep };
}
