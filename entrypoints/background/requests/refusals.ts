/**
 * Refusals per origin, rate-limited: a page that keeps sending requests Tandem refuses (no session,
 * blocked, flooding) is answered at once from memory, before any storage read or decoding, once it
 * passed a small budget of refusals in a window. Its honest requests go through again after the window.
 */
import { Arc27ErrorCode, arc27Error } from '@/lib/arc27/types';
import type { RequestStatus } from '@/lib/messaging/content-protocol';
import { failed } from './outcomes';

/** Refusals one origin may get in a window before it is refused without any work. */
export const REFUSALS_PER_WINDOW = 32;
export const REFUSAL_WINDOW_MS = 1_000;
/** Origins tracked at once; the oldest are forgotten (a page cannot grow this map without bound). */
const MAX_TRACKED = 256;

export interface RefusalLimiter {
  /** The answer for an origin over its budget, or null to go on. */
  check(origin: string): RequestStatus | null;
  /** Counts `status` against the origin when it is a refusal. */
  note(origin: string, status: RequestStatus): RequestStatus;
}

export function createRefusalLimiter(now: () => number): RefusalLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();
  const current = (origin: string) => {
    const w = windows.get(origin);
    return w && now() - w.startedAt < REFUSAL_WINDOW_MS ? w : undefined;
  };
  return {
    check(origin) {
      const w = current(origin);
      if (!w || w.count < REFUSALS_PER_WINDOW) return null;
      return failed(arc27Error(Arc27ErrorCode.Unknown, `Too many refused requests from ${origin}; try again later`));
    },
    note(origin, status) {
      if (status.state !== 'done' || status.outcome.ok) return status;
      const w = current(origin);
      if (w) w.count++;
      else {
        windows.delete(origin);
        windows.set(origin, { startedAt: now(), count: 1 });
        if (windows.size > MAX_TRACKED) windows.delete(windows.keys().next().value!);
      }
      return status;
    },
  };
}
