/**
 * The content relay when the background fails a request instead of answering it (a handler that
 * threw, e.g. a storage.session write over its quota): the page gets one 4000 at once, and the relay
 * does not re-submit the same doomed request every 2 s for half an hour. A background that is merely
 * gone (a dying worker) is still waited for.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { TANDEM_PROVIDER_ID, type Arc27Request } from '@/lib/arc27/types';

type Listener = (message: unknown, sender: Runtime.MessageSender) => unknown;

const runtime = vi.hoisted(() => ({
  listeners: [] as unknown[],
  background: (_message: unknown): unknown => undefined,
}));

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      id: 'tandem-test',
      onMessage: { addListener: (listener: Listener) => runtime.listeners.push(listener) },
      sendMessage: async (message: unknown) => runtime.background(message),
    },
  },
}));

const { createRelay } = await import('@/entrypoints/content/relay');

const disableRequest: Arc27Request = { id: 'c0ffee00-0000-4000-8000-000000000002', method: 'disable', reference: 'arc0027:disable:request', params: { providerId: TANDEM_PROVIDER_ID } };

function scriptBackground(requestReplies: unknown[]) {
  const kinds: string[] = [];
  runtime.background = async (message) => {
    const { kind } = message as { kind: string };
    kinds.push(kind);
    if (kind === 'arc27/request') return requestReplies.length > 1 ? requestReplies.shift() : requestReplies[0];
    if (kind === 'arc27/poll') return { ok: true, value: { state: 'unknown' } };
    return { ok: true, value: {} };
  };
  return kinds;
}

beforeEach(() => {
  vi.useFakeTimers();
  runtime.listeners.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('content relay, background failures', () => {
  for (const code of ['failed', 'bad-request', 'forbidden'] as const) {
    it(`answers 4000 at once when the background replies '${code}'`, async () => {
      const kinds = scriptBackground([{ ok: false, error: { code, message: 'QUOTA_BYTES quota exceeded' } }]);
      const outcome = createRelay()(disableRequest);
      await vi.advanceTimersByTimeAsync(10);
      const answer = await outcome;
      expect(answer).toEqual({ ok: false, error: { code: 4000, message: 'Tandem could not take this request' } });
      // The background's internal message is not the page's business.
      expect(JSON.stringify(answer)).not.toMatch(/quota/i);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(kinds.filter((k) => k === 'arc27/request')).toHaveLength(1);
      expect(kinds).not.toContain('arc27/poll');
    });
  }

  it('keeps waiting (re-attaching) while the background is unavailable, then takes its answer', async () => {
    const kinds = scriptBackground([
      { ok: false, error: { code: 'unavailable', message: 'Could not establish connection. Receiving end does not exist.' } },
      { ok: false, error: { code: 'unavailable', message: 'Could not establish connection. Receiving end does not exist.' } },
      { ok: true, value: { state: 'done', outcome: { ok: true, result: { sessionIds: [] } } } },
    ]);
    const outcome = createRelay()(disableRequest);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await outcome).toEqual({ ok: true, result: { sessionIds: [] } });
    expect(kinds.filter((k) => k === 'arc27/request')).toHaveLength(3);
  });
});
