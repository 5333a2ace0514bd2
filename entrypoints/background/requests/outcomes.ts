/** The statuses a request handler answers the content script with. */
import { t } from '@/lib/i18n';
import { Arc27ErrorCode, arc27Error, type Arc27Error, type Arc27Outcome } from '@/lib/arc27/types';
import type { RequestStatus } from '@/lib/messaging/content-protocol';
import type { QueuedRequest } from '@/lib/storage/types';

export const done = (outcome: Arc27Outcome): RequestStatus => ({ state: 'done', outcome });
export const failed = (error: Arc27Error): RequestStatus => done({ ok: false, error });
export const rejected = (message: string): Arc27Outcome => ({ ok: false, error: arc27Error(Arc27ErrorCode.MethodCanceled, message) });

/**
 * What a blocked site's requests are answered (4001). Errors a person may read (in the dApp or in
 * the prompt) are worded when they are made, in the browser's UI language: the message the dApp
 * gets is a plain string (ARC-0027), and a language cannot change within the browser session that
 * storage.session (where a request's lastError waits) lives in.
 */
export const blockedMessage = () => t('error_blocked');

export function statusOf(entry: QueuedRequest | undefined): RequestStatus {
  if (!entry) return { state: 'unknown' };
  return entry.outcome ? done(entry.outcome) : { state: 'pending' };
}
