/**
 * Relays one validated page request to the background and waits for its single answer: the
 * content script's transport for provider-handlers.ts.
 *
 * A pending runtime.sendMessage fails at once when the service worker dies, so that failure
 * is never the dApp's answer: the request carries a key chosen here, and the relay re-attaches
 * with it (the background's queue is persisted) until an answer comes, pushed or polled.
 */
import browser from 'webextension-polyfill';
import { createReceiver, request } from '@/lib/messaging/channel';
import { contentChannel, contentPushChannel, type ContentPushCatalogue, type RequestStatus } from '@/lib/messaging/content-protocol';
import type { Reply } from '@/lib/messaging/result';
import { ok } from '@/lib/result';
import { Arc27ErrorCode, arc27Error, type Arc27Outcome, type Arc27Request } from '@/lib/arc27/types';
import { markHop } from '@/lib/perf/hop-marks';
import type { BackgroundTransport } from './provider-handlers';
import { readFramePlace, readSiteMeta } from './site-meta';

const SEND_DEADLINE_MS = 10_000;
const POLL_INTERVAL_MS = 2_000;
/** No request waits longer than this, whatever happens to the background. */
const HARD_DEADLINE_MS = 30 * 60_000;

type Waiter = (outcome: Arc27Outcome) => void;

export function createRelay(): BackgroundTransport {
  const waiters = new Map<string, Waiter>();

  browser.runtime.onMessage.addListener(
    createReceiver<ContentPushCatalogue, void>(contentPushChannel, {
      authorize: (sender) => (sender.id === browser.runtime.id && !sender.tab ? undefined : null),
      handlers: {
        'arc27/answer': ({ key, outcome }): Reply<{ delivered: boolean }> => {
          markHop('contentAnswer');
          const waiter = waiters.get(key);
          if (waiter) waiter(outcome);
          return ok({ delivered: waiter !== undefined });
        },
      },
    }),
  );

  const transport = (message: unknown) => browser.runtime.sendMessage(message);

  async function submit(key: string, req: Arc27Request): Promise<RequestStatus | null> {
    // Name and icon only matter to a connect prompt; every request says where its frame sits.
    const site = req.method === 'enable' ? readSiteMeta() : readFramePlace();
    markHop('contentRelayed');
    const reply = await request(contentChannel, transport, 'arc27/request', { key, request: req, site }, SEND_DEADLINE_MS);
    if (reply.ok) return reply.value;
    // No answer (the worker died or is starting): re-attach later. Any other failure is the
    // background's last word on this request; submitting it again would fail the same way.
    if (reply.error.code === 'timeout' || reply.error.code === 'unavailable') return null;
    return { state: 'done', outcome: { ok: false, error: arc27Error(Arc27ErrorCode.Unknown, 'Tandem could not take this request') } };
  }

  async function poll(key: string): Promise<RequestStatus | null> {
    const reply = await request(contentChannel, transport, 'arc27/poll', { key }, SEND_DEADLINE_MS);
    return reply.ok ? reply.value : null;
  }

  async function awaitOutcome(key: string, req: Arc27Request): Promise<Arc27Outcome> {
    const startedAt = Date.now();
    let pushed: Arc27Outcome | null = null;
    let wake: () => void = () => undefined;
    waiters.set(key, (outcome) => {
      pushed = outcome;
      wake();
    });
    // An answer to the first submit of a fresh key was never queued (a refusal, discover, a
    // connected site's enable): there is nothing to acknowledge, and a flood of refusals would
    // otherwise cost the background a second message each.
    let queued = true;
    try {
      let status = await submit(key, req);
      if (status?.state === 'done') queued = false;
      while (Date.now() - startedAt < HARD_DEADLINE_MS) {
        if (pushed) return pushed;
        if (status?.state === 'done') return status.outcome;
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, POLL_INTERVAL_MS);
        });
        if (pushed) return pushed;
        status = await poll(key);
        // The answer may have been pushed while the poll was in flight; its entry is then gone
        // and the poll says unknown, and re-submitting would queue the request a second time.
        if (pushed) return pushed;
        // Unknown (or a dead worker): re-attach with the same key; the background dedupes.
        if (status === null || status.state === 'unknown') status = await submit(key, req);
      }
      return { ok: false, error: arc27Error(Arc27ErrorCode.MethodTimedOut, 'Tandem did not answer in time') };
    } finally {
      waiters.delete(key);
      if (queued) void request(contentChannel, transport, 'arc27/ack', { key }, SEND_DEADLINE_MS);
    }
  }

  return (request) => awaitOutcome(crypto.randomUUID(), request);
}
