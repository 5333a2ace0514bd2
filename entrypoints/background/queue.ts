/**
 * The request queue in storage.session (it outlives the service worker). This module is its
 * only writer; every change goes through one serialized read-modify-write.
 */
import { queueItem } from '@/lib/storage/items';
import type { QueuedRequest } from '@/lib/storage/types';

let chain: Promise<unknown> = Promise.resolve();

export function mutateQueue<T>(change: (queue: QueuedRequest[]) => { queue: QueuedRequest[]; result: T }): Promise<T> {
  const next = chain.then(async () => {
    const before = await queueItem.getValue();
    const { queue, result } = change(before);
    if (queue !== before) await queueItem.setValue(queue);
    return result;
  });
  chain = next.catch(() => undefined);
  return next;
}

export async function readQueue(): Promise<QueuedRequest[]> {
  await chain;
  return queueItem.getValue();
}

export function findEntry(queue: QueuedRequest[], key: string): QueuedRequest | undefined {
  return queue.find((entry) => entry.key === key);
}

/** Entries still waiting for the user or the phone. */
export function isOpen(entry: QueuedRequest): boolean {
  return entry.outcome === undefined;
}
