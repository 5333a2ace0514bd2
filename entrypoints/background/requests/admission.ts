/**
 * Admission: what may enter the queue. Per-origin floods, blocked sites and the storage budget are
 * checked here; a request refused here never reaches the user.
 */
import { t } from '@/lib/i18n';
import { Arc27ErrorCode, arc27Error } from '@/lib/arc27/types';
import type { RequestStatus } from '@/lib/messaging/content-protocol';
import type { QueuedRequest } from '@/lib/storage/types';
import { findEntry, isOpen, openFrom } from '../queue';
import type { Delivery } from './delivery';
import type { RequestEdges } from './edges';
import { blockedMessage, failed } from './outcomes';

/** Open requests one origin may have at once; more are refused at once (flood protection). */
export const MAX_OPEN_PER_ORIGIN = 16;
/**
 * Connect prompts one tab, and one top-level site, may have waiting at once: a page can embed frames
 * of any number of origins (wildcard subdomains), each with its own per-origin allowance.
 */
export const MAX_CONNECTS_PER_TAB = 16;
export const MAX_CONNECTS_PER_SITE = 16;
/**
 * storage.session holds 10 MiB in Chrome (`QUOTA_BYTES`, Chromium 156) and a write past it fails: the
 * request would get no answer, and neither would any other site's until the queue drained. One
 * legitimate request of 1,024 payments with 1 KB notes is 5.3 MB of JSON once described, and Chrome
 * counted 6.4 MB for it (it adds a per-value overhead: up to 1.5 bytes per JSON byte for 1,024
 * payments with 300-byte notes). So requests are admitted against a budget of JSON bytes, half the
 * quota, that includes room for the phone's reply, and no origin may take more than its share of it.
 */
export const QUEUE_BUDGET_BYTES = 5_000_000;
export const ORIGIN_BUDGET_BYTES = 3_500_000;
/**
 * A spec phone answers with full signed transactions, each about 100 bytes longer than the
 * unsigned one (signature, keys, possibly `sgnr`).
 */
export const REPLY_OVERHEAD_PER_TXN = 128;

export const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** What an entry may grow to in storage: itself, plus the phone's reply (the signed txns) for a sign request. */
export function reservedBytes(entry: QueuedRequest): number {
  const own = jsonBytes(entry);
  if (entry.method !== 'sign_transactions') return own;
  return entry.txns.reduce((sum, t) => sum + t.txn.length + REPLY_OVERHEAD_PER_TXN, own);
}

export const tooMany = (origin: string) => failed(arc27Error(Arc27ErrorCode.Unknown, t('error_too_many_pending', origin)));
const tooLarge = () =>
  failed(arc27Error(Arc27ErrorCode.Unknown, 'Tandem cannot hold this request next to the ones already waiting; try a smaller request or try again later'));
export const blocked = () => failed(arc27Error(Arc27ErrorCode.MethodCanceled, blockedMessage()));

type Admitted = 'added' | 'exists' | 'full' | 'too-large';

/** Where `entry` stands against the queue's limits: pure, so the limits are tested on their own. */
export function admit(queue: QueuedRequest[], entry: QueuedRequest & { reservedBytes: number }): Admitted {
  if (findEntry(queue, entry.key)) return 'exists';
  if (openFrom(queue, entry.origin).length >= MAX_OPEN_PER_ORIGIN) return 'full';
  if (entry.method === 'enable') {
    const connects = queue.filter((e) => e.method === 'enable' && isOpen(e));
    const siteOf = (e: QueuedRequest) => e.embeddedIn || e.origin;
    if (connects.filter((e) => e.tabId === entry.tabId).length >= MAX_CONNECTS_PER_TAB) return 'full';
    if (connects.filter((e) => siteOf(e) === siteOf(entry)).length >= MAX_CONNECTS_PER_SITE) return 'full';
  }
  // Answers not yet collected still take room, so every entry counts.
  const reserved = (entries: QueuedRequest[]) => entries.reduce((sum, e) => sum + (e.reservedBytes ?? 0), entry.reservedBytes);
  if (reserved(queue.filter((e) => e.origin === entry.origin)) > ORIGIN_BUDGET_BYTES || reserved(queue) > QUEUE_BUDGET_BYTES) return 'too-large';
  return 'added';
}

export interface Admission {
  /** Queues a request for the user (or refuses it) and shows the approval window. */
  enqueue(request: QueuedRequest): Promise<RequestStatus>;
}

export function createAdmission(edges: RequestEdges, delivery: Pick<Delivery, 'refreshUi'>): Admission {
  async function enqueue(request: QueuedRequest): Promise<RequestStatus> {
    const entry = { ...request, reservedBytes: reservedBytes(request) };
    await edges.approvalWindow.expect();
    const admitted = await edges.queue.mutate((q) => {
      const verdict = admit(q, entry);
      return { queue: verdict === 'added' ? [...q, entry] : q, result: verdict };
    });
    if (admitted === 'full') return tooMany(entry.origin);
    if (admitted === 'too-large') return tooLarge();
    // Two requests raced with one key (content scripts pick unique keys: only a compromised renderer
    // does this). The first one is what the user sees and the phone signs; this one is refused.
    if (admitted === 'exists') return failed(arc27Error(Arc27ErrorCode.Unknown, 'Another request with this key is already waiting'));
    // The site was blocked while this request was being checked: refuse it like its others.
    if ((await edges.blockedOrigins()).includes(entry.origin)) {
      await edges.queue.mutate((q) => ({ queue: q.filter((e) => e.key !== entry.key), result: undefined }));
      await delivery.refreshUi();
      return blocked();
    }
    await delivery.refreshUi();
    await edges.approvalWindow.show().catch((err) => console.error('[tandem] could not open the approval window', err));
    return { state: 'pending' };
  }

  return { enqueue };
}
