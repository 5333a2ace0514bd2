import { afterEach, describe, expect, it, vi } from 'vitest';
import { SWEEP_ALARM, createDeadlineTimer, nextDueAt } from '../../../entrypoints/background/deadlines';
import { UNCOLLECTED_ANSWER_TTL_MS } from '../../../entrypoints/background/requests/delivery';
import type { QueuedRequest } from '../../../lib/storage/types';

const sign = (key: string, over: object = {}) =>
  ({ key, method: 'sign_transactions', tabId: 1, frameId: 0, origin: 'o', createdAt: 0, genesisHash: 'h', genesisId: 'g', txns: [], descriptions: [], warnings: [], stage: 'awaiting-approval', ...over }) as QueuedRequest;

describe('deadlines', () => {
  afterEach(() => vi.useRealTimers());

  it('is due at the earliest phone deadline or uncollected answer, and never for requests awaiting the user', () => {
    expect(nextDueAt([])).toBeNull();
    expect(nextDueAt([sign('a')])).toBeNull();
    expect(nextDueAt([sign('a', { stage: 'awaiting-phone', deadlineAt: 500 }), sign('b', { stage: 'awaiting-phone', deadlineAt: 300 })])).toBe(300);
    expect(nextDueAt([sign('a', { createdAt: 10, outcome: { ok: false, error: { code: 4001, message: '' } } })])).toBe(10 + UNCOLLECTED_ANSWER_TTL_MS);
  });

  it('arms one timer and one alarm for the next deadline, and clears both when nothing expires', async () => {
    vi.useFakeTimers({ now: 1_000 });
    const sweep = vi.fn(async () => undefined);
    const alarms = { create: vi.fn(), clear: vi.fn(async () => true) };
    const timer = createDeadlineTimer({ sweep, now: () => Date.now(), alarms });
    const waiting = [sign('a', { stage: 'awaiting-phone', deadlineAt: 6_000 })];
    timer.schedule(waiting);
    timer.schedule(waiting); // the same deadline: nothing re-armed
    expect(alarms.create).toHaveBeenCalledTimes(1);
    expect(alarms.create).toHaveBeenCalledWith(SWEEP_ALARM, { when: 6_000 });
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sweep).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(sweep).toHaveBeenCalledTimes(1);

    timer.schedule(waiting);
    timer.schedule([]);
    expect(alarms.clear).toHaveBeenCalledWith(SWEEP_ALARM);
    expect(vi.getTimerCount()).toBe(0);
  });
});
