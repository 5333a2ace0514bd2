/**
 * ARC-0027 error mapping, code by code: what Tandem throws for each code, and what a dApp using
 * AVMWebClient receives for it through the real AVMWebProvider.
 */
import { AVMWebClient, AVMWebProvider } from '@agoralabs-sh/avm-web-provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isArc27ErrorCode, toProviderError } from '../../../lib/arc27/errors';
import { Arc27ErrorCode, TANDEM_PROVIDER_ID, arc27Error } from '../../../lib/arc27/types';

const CODES = Object.values(Arc27ErrorCode);

describe('isArc27ErrorCode', () => {
  it('knows exactly the nine ARC-0027 codes', () => {
    expect([...CODES].sort()).toEqual([4000, 4001, 4002, 4003, 4004, 4100, 4200, 4201, 4300]);
    for (const code of CODES) expect(isArc27ErrorCode(code), String(code)).toBe(true);
  });

  it.each([0, 4005, 4099, 4101, 4202, 4301, 5000, -4001, 4001.5, NaN, '4001', null, undefined, { code: 4001 }])('refuses %s', (value) => {
    expect(isArc27ErrorCode(value)).toBe(false);
  });
});

describe('toProviderError for every code', () => {
  it.each(CODES)('%i keeps its code and gets a default message of its own when none is given', (code) => {
    const error = toProviderError(arc27Error(code, ''));
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code, message: error.message, providerId: TANDEM_PROVIDER_ID });
    expect(error.message).not.toBe('');
  });

  it('gives each code a different default message', () => {
    const messages = CODES.map((code) => toProviderError(arc27Error(code, '')).message);
    expect(new Set(messages).size).toBe(CODES.length);
  });
});

describe('what a dApp receives for each code', () => {
  let fakeWindow: EventTarget & { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
  const timers: ReturnType<typeof setTimeout>[] = [];

  beforeEach(() => {
    // The client arms a 180 s timer per request; track them so the run does not wait for them.
    const trackedSetTimeout = ((fn: () => void, ms?: number) => {
      const timer = setTimeout(fn, ms);
      timers.push(timer);
      return timer;
    }) as typeof setTimeout;
    fakeWindow = Object.assign(new EventTarget(), { setTimeout: trackedSetTimeout, clearTimeout });
    vi.stubGlobal('window', fakeWindow);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    for (const timer of timers.splice(0)) clearTimeout(timer);
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it.each(CODES)('%i arrives with its code, message and data', async (code) => {
    const provider = AVMWebProvider.init(TANDEM_PROVIDER_ID);
    provider.onSignTransactions(() => {
      throw toProviderError(arc27Error(code, `reason for ${code}`, { index: 3 }));
    });
    const response = new Promise<Record<string, unknown>>((resolve) =>
      fakeWindow.addEventListener('arc0027:sign_transactions:response', (event) => resolve(JSON.parse((event as CustomEvent<string>).detail)), { once: true }),
    );
    AVMWebClient.init().signTransactions({ providerId: TANDEM_PROVIDER_ID, txns: [] });
    expect((await response).error).toEqual({ code, message: `reason for ${code}`, data: { index: 3 }, providerId: TANDEM_PROVIDER_ID });
    provider.removeAllListeners();
  });
});
