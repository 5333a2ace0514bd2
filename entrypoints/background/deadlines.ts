/**
 * Wakes the sweep when the next request deadline (or uncollected answer's expiry) comes, instead of
 * sweeping every second: a 1 s interval reset Chrome's idle timer forever, so the worker never
 * stopped. While the worker runs, a timer fires on time; a Chrome alarm at the same instant wakes
 * a worker that was stopped meanwhile (Chrome may fire it up to ~30 s late, Chrome docs 2026, and
 * the content script, which polls while its request is open, sweeps on each poll anyway). Nothing
 * is armed while the queue holds nothing that expires.
 */
import type { QueuedRequest } from '@/lib/storage/types';
import { isOpen } from './queue';
import { UNCOLLECTED_ANSWER_TTL_MS } from './requests/delivery';

export const SWEEP_ALARM = 'tandem/sweep';

/** The part of `browser.alarms` used here; absent on Firefox, whose background page never sleeps. */
export interface Alarms {
  create(name: string, info: { when: number }): void | Promise<void>;
  clear(name: string): Promise<boolean> | Promise<void>;
}

/** When the queue next needs a sweep, or null when nothing in it expires. */
export function nextDueAt(queue: readonly QueuedRequest[]): number | null {
  let due: number | null = null;
  for (const entry of queue) {
    const at = isOpen(entry) ? (entry.method !== 'enable' ? entry.deadlineAt : undefined) : entry.createdAt + UNCOLLECTED_ANSWER_TTL_MS;
    if (at !== undefined && (due === null || at < due)) due = at;
  }
  return due;
}

export function createDeadlineTimer(options: { sweep(): Promise<void>; now(): number; alarms?: Alarms }) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let armedFor: number | null = null;

  return {
    /** Arms (or re-arms, or clears) the wake-up for `queue`. */
    schedule(queue: readonly QueuedRequest[]) {
      const due = nextDueAt(queue);
      if (due === armedFor) return;
      armedFor = due;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (due === null) {
        void options.alarms?.clear(SWEEP_ALARM);
        return;
      }
      timer = setTimeout(() => {
        timer = null;
        armedFor = null;
        void options.sweep();
      }, Math.max(0, due - options.now()));
      void options.alarms?.create(SWEEP_ALARM, { when: due });
    },
  };
}
