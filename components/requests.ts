import type { QueuedRequest } from '@/lib/storage/types';

export function isOpenRequest(entry: QueuedRequest): boolean {
  return entry.outcome === undefined;
}
