/** The statuses a request handler answers the content script with. */
import { Arc27ErrorCode, arc27Error, type Arc27Error, type Arc27Outcome } from '@/lib/arc27/types';
import type { RequestStatus } from '@/lib/messaging/content-protocol';
import type { QueuedRequest } from '@/lib/storage/types';

export const done = (outcome: Arc27Outcome): RequestStatus => ({ state: 'done', outcome });
export const failed = (error: Arc27Error): RequestStatus => done({ ok: false, error });
export const rejected = (message: string): Arc27Outcome => ({ ok: false, error: arc27Error(Arc27ErrorCode.MethodCanceled, message) });

/** What a blocked site's requests are answered (4001). */
export const BLOCKED_MESSAGE = 'You blocked this site in Tandem';

export function statusOf(entry: QueuedRequest | undefined): RequestStatus {
  if (!entry) return { state: 'unknown' };
  return entry.outcome ? done(entry.outcome) : { state: 'pending' };
}
