/**
 * The content script's relay against a scripted background: exactly one request in the queue per
 * page request, whatever order the pushed answer and a poll arrive in.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { TANDEM_PROVIDER_ID, type Arc27Outcome, type Arc27Request } from '@/lib/arc27/types';

type Listener = (message: unknown, sender: Runtime.MessageSender) => unknown;
type Envelope = { channel: string; kind: string; payload: { key: string } };

const runtime = vi.hoisted(() => ({
  id: 'tandem-test',
  listeners: [] as ((message: unknown, sender: unknown) => unknown)[],
  background: (_message: unknown): unknown => undefined,
}));

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      get id() {
        return runtime.id;
      },
      onMessage: { addListener: (listener: Listener) => runtime.listeners.push(listener as (m: unknown, s: unknown) => unknown) },
      sendMessage: async (message: unknown) => runtime.background(message),
    },
  },
}));

const { createRelay } = await import('@/entrypoints/content/relay');

/** `disable`: `enable` would read the page's title and icon, and these tests have no document. */
const disableRequest: Arc27Request = { id: 'c0ffee00-0000-4000-8000-000000000001', method: 'disable', reference: 'arc0027:disable:request', params: { providerId: TANDEM_PROVIDER_ID } };
const answer: Arc27Outcome = { ok: false, error: { code: 4002, message: 'Your phone did not answer in time' } };

/** The background pushing an answer to the content script, as `deliver()` does. */
async function push(key: string, outcome: Arc27Outcome) {
  const sender = { id: runtime.id } as Runtime.MessageSender;
  const replies = await Promise.all(runtime.listeners.map((l) => l({ channel: 'tandem/content-push', kind: 'arc27/answer', payload: { key, outcome } }, sender)));
  return replies.find((r) => r !== undefined) as { ok: boolean; value: { delivered: boolean } };
}

beforeEach(() => {
  vi.useFakeTimers();
  runtime.listeners.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('content relay', () => {
  it('does not submit again when the answer is pushed while a poll is in flight', async () => {
    const calls: string[] = [];
    runtime.background = async (message) => {
      const { kind, payload } = message as Envelope;
      calls.push(kind);
      if (kind === 'arc27/request') return { ok: true, value: { state: 'pending' } };
      if (kind === 'arc27/poll') {
        // The deadline sweep answered: the push lands, is delivered, and the entry is dropped
        // before this poll is read, so the background no longer knows the key.
        expect((await push(payload.key, answer)).value.delivered).toBe(true);
        return { ok: true, value: { state: 'unknown' } };
      }
      return { ok: true, value: {} };
    };
    const relay = createRelay();
    const outcome = relay(disableRequest);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(await outcome).toEqual(answer);
    expect(calls.filter((kind) => kind === 'arc27/request')).toHaveLength(1);
    expect(calls.at(-1)).toBe('arc27/ack');
  });

  it('re-attaches with the same key when the background forgot the request (worker restart)', async () => {
    const keys: string[] = [];
    let polls = 0;
    runtime.background = async (message) => {
      const { kind, payload } = message as Envelope;
      if (kind === 'arc27/request') {
        keys.push(payload.key);
        return { ok: true, value: keys.length === 1 ? { state: 'pending' } : { state: 'done', outcome: { ok: true, result: { sessionIds: [] } } } };
      }
      if (kind === 'arc27/poll') return { ok: true, value: polls++ === 0 ? { state: 'unknown' } : { state: 'pending' } };
      return { ok: true, value: {} };
    };
    const relay = createRelay();
    const outcome = relay(disableRequest);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(await outcome).toEqual({ ok: true, result: { sessionIds: [] } });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });
});
