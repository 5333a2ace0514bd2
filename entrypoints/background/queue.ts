/**
 * The request queue in storage.session (it outlives the service worker). The store is its only
 * writer; every change goes through one serialized read-modify-write.
 */
import { markHop } from '@/lib/perf/hop-marks';
import type { QueuedRequest } from '@/lib/storage/types';
import type { QueueStore } from './requests/edges';

/** The part of a WXT storage item the store uses (a fake in unit tests). */
export interface StoredValue<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

/** `onWrite` hears every queue written (the deadline timer follows it). */
export function createQueueStore(item: StoredValue<QueuedRequest[]>, onWrite?: (queue: QueuedRequest[]) => void): QueueStore {
  let chain: Promise<unknown> = Promise.resolve();
  /**
   * The queue as last read or written. The store is its only writer, so after the first read no
   * request needs a storage round trip to see it: under a flood of 1,000 requests those round trips
   * (two or three per request) were most of the time each refusal took.
   */
  let current: QueuedRequest[] | null = null;

  function mutate<T>(change: (queue: QueuedRequest[]) => { queue: QueuedRequest[]; result: T }): Promise<T> {
    const next = chain.then(async () => {
      const before = current ?? (await item.getValue());
      const { queue, result } = change(before);
      if (queue !== before) {
        await item.setValue(queue);
        markHop('backgroundQueued');
      }
      if (queue !== current) onWrite?.(queue);
      current = queue;
      return result;
    });
    chain = next.catch(() => undefined);
    return next;
  }

  return {
    mutate,
    /**
     * Like `mutate`, but resolves as soon as the change is decided, against the in-memory queue,
     * while its write to storage.session goes on (later changes and reads still wait for it). For a
     * step that must not wait for that write and is harmless to repeat should the worker die before
     * the write lands: sending an approved request to the phone (the phone would be asked again, for
     * the same bytes). The write took 2 to 700 ms in front of the phone (1 to 1,024 transactions).
     */
    decide<T>(change: (queue: QueuedRequest[]) => { queue: QueuedRequest[]; result: T }): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        mutate((queue) => {
          const changed = change(queue);
          resolve(changed.result);
          return changed;
        }).catch(reject);
      });
    },
    /** The queue once every change asked for so far is written. */
    read: () => mutate((queue) => ({ queue, result: queue })),
  };
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
