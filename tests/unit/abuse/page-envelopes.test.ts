/**
 * The hostile-envelope table (tests/fixtures/abuse/page-envelopes.ts) through the real
 * AVMWebProvider on a fake window with the content script's own handlers
 * (entrypoints/content/provider-handlers.ts) over a fake background: which events get which
 * error, which the library drops before any Tandem code runs, and that none of them reaches the
 * background. The e2e spec runs the same table through Chromium, the content script and the background.
 */
import { AVMWebProvider } from '@agoralabs-sh/avm-web-provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENVELOPE_CASES } from '../../fixtures/abuse/page-envelopes';
import { registerProviderHandlers, type BackgroundTransport } from '../../../entrypoints/content/provider-handlers';
import { ARC27_METHODS, TANDEM_PROVIDER_ID, arc27Error, Arc27ErrorCode, type Arc27Outcome, type Arc27Request } from '../../../lib/arc27/types';
import { PAYMENT, REQUEST_ID } from '../arc27/fixtures';

/**
 * A page window whose listeners' rejected promises are recorded, as a browser would report them
 * (unhandled rejections in the content script); Node's EventTarget rethrows them instead.
 */
class PageWindow extends EventTarget {
  readonly rejections: unknown[] = [];

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void {
    if (typeof listener !== 'function') return super.addEventListener(type, listener, options);
    super.addEventListener(type, (event) => {
      const returned = (listener as (event: Event) => unknown)(event);
      if (returned instanceof Promise) returned.catch((reason: unknown) => this.rejections.push(reason));
    }, options);
  }
}

let fakeWindow: PageWindow;

beforeEach(() => {
  // The provider's work is promise chains; fake timers let `settle` run them without a wall-clock wait.
  vi.useFakeTimers();
  fakeWindow = new PageWindow();
  vi.stubGlobal('window', fakeWindow);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/**
 * Tandem's provider as the content script starts it, with a fake background in place of the relay:
 * it records every request that reaches it and answers `outcome` (by default a result of `{}`).
 */
function startTandemProvider(outcome: Arc27Outcome = { ok: true, result: {} as never }): Arc27Request[] {
  const transported: Arc27Request[] = [];
  const transport: BackgroundTransport = async (request) => {
    transported.push(request);
    return outcome;
  };
  registerProviderHandlers(AVMWebProvider.init(TANDEM_PROVIDER_ID), transport);
  return transported;
}

function collectResponses(): Record<string, unknown>[] {
  const seen: Record<string, unknown>[] = [];
  for (const method of ARC27_METHODS) {
    fakeWindow.addEventListener(`arc0027:${method}:response`, (event) => seen.push(JSON.parse((event as CustomEvent<string>).detail) as Record<string, unknown>));
  }
  return seen;
}

/**
 * Runs everything the dispatched events started. Their work is promise chains only (no timers,
 * no I/O), and an async tick of the fake clock first lets every pending promise callback run.
 */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('hostile page envelopes through AVMWebProvider and Tandem validation', () => {
  for (const c of ENVELOPE_CASES.filter((c) => c.build === undefined && !c.needsBackground)) {
    it(c.name, async () => {
      const transported = startTandemProvider();
      const seen = collectResponses();
      const raw = c.detail!(PAYMENT);
      const detail = c.noId ? raw : { ...(raw as object), id: 'hostile-1' };
      fakeWindow.dispatchEvent(new CustomEvent(`arc0027:${c.method}:request`, { detail }));
      await settle();
      // Every case here is refused or dropped in the page's content script, never relayed.
      expect(transported).toEqual([]);
      if ('none' in c.expect) {
        expect(seen).toEqual([]);
        return;
      }
      if ('ignored' in c.expect) throw new Error('ignored cases need the background');
      expect(seen).toHaveLength(1);
      const error = seen[0]!.error as { code: number; message: string; providerId: string };
      expect(error.code).toBe(c.expect.code);
      expect(error.providerId).toBe(TANDEM_PROVIDER_ID);
      if (c.expect.message) expect(error.message).toMatch(c.expect.message);
      if (c.expect.requestId === 'none') expect(seen[0]).not.toHaveProperty('requestId');
      else expect(seen[0]!.requestId).toEqual((detail as { id: unknown }).id);
    });
  }

  it('a null detail makes the provider\'s listener reject (TypeError) before any handler is called', async () => {
    const called = vi.fn();
    AVMWebProvider.init(TANDEM_PROVIDER_ID).onEnable(called);
    fakeWindow.dispatchEvent(new CustomEvent('arc0027:enable:request', { detail: null }));
    await settle();
    expect(called).not.toHaveBeenCalled();
    expect(fakeWindow.rejections).toHaveLength(1);
    expect(fakeWindow.rejections[0]).toBeInstanceOf(TypeError);
  });
});

describe('requests that pass validation', () => {
  it('reach the background once, validated, and its result reaches the page', async () => {
    const result = { providerId: TANDEM_PROVIDER_ID, stxns: ['c2lnbmVk'] };
    const transported = startTandemProvider({ ok: true, result } as Arc27Outcome);
    const seen = collectResponses();
    fakeWindow.dispatchEvent(new CustomEvent('arc0027:sign_transactions:request', { detail: { id: REQUEST_ID, params: { txns: [{ txn: PAYMENT }] }, extra: 'dropped' } }));
    await settle();
    expect(transported).toEqual([{ id: REQUEST_ID, method: 'sign_transactions', reference: 'arc0027:sign_transactions:request', params: { providerId: TANDEM_PROVIDER_ID, txns: [{ txn: PAYMENT }] } }]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ requestId: REQUEST_ID, reference: 'arc0027:sign_transactions:response', result });
    expect(seen[0]).not.toHaveProperty('error');
  });

  it('get the background\'s ARC-0027 error as the page\'s answer, naming Tandem', async () => {
    startTandemProvider({ ok: false, error: arc27Error(Arc27ErrorCode.MethodTimedOut, 'Your phone did not answer in time') });
    const seen = collectResponses();
    fakeWindow.dispatchEvent(new CustomEvent('arc0027:disable:request', { detail: { id: REQUEST_ID, params: {} } }));
    await settle();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.requestId).toBe(REQUEST_ID);
    expect(seen[0]!.error).toEqual({ code: 4002, message: 'Your phone did not answer in time', providerId: TANDEM_PROVIDER_ID });
  });
});
