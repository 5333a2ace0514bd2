/**
 * The hostile-envelope table (tests/fixtures/abuse/page-envelopes.ts) through the real
 * AVMWebProvider on a fake window with Tandem's validation as the handler, as the content script
 * wires it: which events get which error, and which the library drops before any Tandem code runs.
 * The e2e spec runs the same table through Chromium, the content script and the background.
 */
import { AVMWebProvider } from '@agoralabs-sh/avm-web-provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENVELOPE_CASES } from '../../fixtures/abuse/page-envelopes';
import { toProviderError } from '../../../lib/arc27/errors';
import { parsePageRequest } from '../../../lib/arc27/page-request';
import { ARC27_METHODS, TANDEM_PROVIDER_ID, type Arc27Method } from '../../../lib/arc27/types';
import { PAYMENT } from '../arc27/fixtures';

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
  fakeWindow = new PageWindow();
  vi.stubGlobal('window', fakeWindow);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Tandem's content script, minus the relay: validate, then refuse or answer `{}`. */
function startTandemProvider() {
  const provider = AVMWebProvider.init(TANDEM_PROVIDER_ID);
  // Like the content script: the handler takes the page's object as it is; an accepted request's
  // result does not matter here.
  const handle = (method: Arc27Method) => async (message: unknown) => {
    const parsed = parsePageRequest(method, message);
    if (!parsed.ok) throw toProviderError(parsed.error);
    return {} as never;
  };
  provider.onDiscover(handle('discover'));
  provider.onEnable(handle('enable'));
  provider.onDisable(handle('disable'));
  provider.onSignTransactions(handle('sign_transactions'));
  provider.onSignMessage(handle('sign_message'));
  provider.onPostTransactions(handle('post_transactions'));
  provider.onSignAndPostTransactions(handle('sign_and_post_transactions'));
}

function collectResponses(): Record<string, unknown>[] {
  const seen: Record<string, unknown>[] = [];
  for (const method of ARC27_METHODS) {
    fakeWindow.addEventListener(`arc0027:${method}:response`, (event) => seen.push(JSON.parse((event as CustomEvent<string>).detail) as Record<string, unknown>));
  }
  return seen;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('hostile page envelopes through AVMWebProvider and Tandem validation', () => {
  for (const c of ENVELOPE_CASES.filter((c) => c.build === undefined && !c.needsBackground)) {
    it(c.name, async () => {
      startTandemProvider();
      const seen = collectResponses();
      const raw = c.detail!(PAYMENT);
      const detail = c.noId ? raw : { ...(raw as object), id: 'hostile-1' };
      fakeWindow.dispatchEvent(new CustomEvent(`arc0027:${c.method}:request`, { detail }));
      await settle();
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
