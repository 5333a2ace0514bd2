/**
 * The request queue in storage.session (it outlives the service worker). This module is its
 * only writer; every change goes through one serialized read-modify-write.
 */
import { queueItem } from '@/lib/storage/items';
import type { QueuedRequest } from '@/lib/storage/types';

let chain: Promise<unknown> = Promise.resolve();
/**
 * The queue as last read or written. This module is its only writer, so after the first read no
 * request needs a storage round trip to see it: under a flood of 1,000 requests those round trips
 * (two or three per request) were most of the time each refusal took.
 */
let current: QueuedRequest[] | null = null;

export function mutateQueue<T>(change: (queue: QueuedRequest[]) => { queue: QueuedRequest[]; result: T }): Promise<T> {
  const next = chain.then(async () => {
    const before = current ?? (await queueItem.getValue());
    const { queue, result } = change(before);
    if (queue !== before) await queueItem.setValue(queue);
    current = queue;
    return result;
  });
  chain = next.catch(() => undefined);
  return next;
}

/** The queue once every change asked for so far is written. */
export function readQueue(): Promise<QueuedRequest[]> {
  return mutateQueue((queue) => ({ queue, result: queue }));
}

export function findEntry(queue: QueuedRequest[], key: string): QueuedRequest | undefined {
  return queue.find((entry) => entry.key === key);
}

/** Entries still waiting for the user or the phone. */
export function isOpen(entry: QueuedRequest): boolean {
  return entry.outcome === undefined;
}

export function openFrom(queue: QueuedRequest[], origin: string): QueuedRequest[] {
  return queue.filter((entry) => entry.origin === origin && isOpen(entry));
}
