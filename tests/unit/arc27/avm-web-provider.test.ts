/**
 * Contract tests against the real @agoralabs-sh/avm-web-provider on a fake `window` (an EventTarget
 * with Node's CustomEvent): what a dApp actually receives when a Tandem handler throws, and how the
 * library routes by providerId. If an upgrade changes any of this, these fail first.
 */
import { AVMWebClient, AVMWebProvider } from '@agoralabs-sh/avm-web-provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Arc27ProviderError, asProviderError, toProviderError, unwrapOutcome } from '../../../lib/arc27/errors';
import { parsePageRequest } from '../../../lib/arc27/page-request';
import { Arc27ErrorCode, TANDEM_PROVIDER_ID, arc27Error } from '../../../lib/arc27/types';
import { TESTNET_HASH } from './fixtures';

const OTHER_PROVIDER = '11111111-2222-4333-8444-555555555555';

let fakeWindow: EventTarget & { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };

beforeEach(() => {
  // Fake timers: the client arms a 180 s timer per request (window.setTimeout), which then never
  // fires, and `settle` needs no wall-clock wait. They are installed before the window takes them.
  vi.useFakeTimers();
  fakeWindow = Object.assign(new EventTarget(), { setTimeout, clearTimeout });
  vi.stubGlobal('window', fakeWindow);
  // The provider logs every thrown handler error with console.error; keep the test output readable.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The raw response detail (a JSON string) for the next response of `method`. */
function nextResponse(method: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    fakeWindow.addEventListener(
      `arc0027:${method}:response`,
      (event) => resolve(JSON.parse((event as CustomEvent<string>).detail) as Record<string, unknown>),
      { once: true },
    );
  });
}

function collectResponses(method: string): Record<string, unknown>[] {
  const seen: Record<string, unknown>[] = [];
  fakeWindow.addEventListener(`arc0027:${method}:response`, (event) => {
    seen.push(JSON.parse((event as CustomEvent<string>).detail) as Record<string, unknown>);
  });
  return seen;
}

/**
 * Lets queued events and handler promises settle: an async tick of the fake clock first runs every
 * pending promise callback (the requests' 180 s timers stay far off).
 */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('errors thrown by an AVMWebProvider handler', () => {
  it('reach the dApp as {code, message, data, providerId} when thrown as Arc27ProviderError', async () => {
    const provider = AVMWebProvider.init(TANDEM_PROVIDER_ID);
    provider.onEnable(() => {
      throw toProviderError(arc27Error(Arc27ErrorCode.NetworkNotSupported, 'Tandem does not serve BetaNet', { genesisHash: TESTNET_HASH }));
    });
    const client = AVMWebClient.init();
    const response = nextResponse('enable');
    const requestId = client.enable({ providerId: TANDEM_PROVIDER_ID });
    expect(await response).toMatchObject({
      requestId,
      reference: 'arc0027:enable:response',
      error: {
        code: 4004,
        message: 'Tandem does not serve BetaNet',
        data: { genesisHash: TESTNET_HASH },
        providerId: TANDEM_PROVIDER_ID,
      },
    });
    expect(Object.keys((await response).error as object).sort()).toEqual(['code', 'data', 'message', 'providerId']);
    provider.removeAllListeners();
  });

  it('lose their message when thrown as a plain Error with a code (why Arc27ProviderError exists)', async () => {
    const provider = AVMWebProvider.init(TANDEM_PROVIDER_ID);
    provider.onEnable(() => {
      throw Object.assign(new Error('this text is lost'), { code: 4001 });
    });
    const response = nextResponse('enable');
    AVMWebClient.init().enable({ providerId: TANDEM_PROVIDER_ID });
    expect((await response).error).toEqual({ code: 4001 });
    provider.removeAllListeners();
  });

  it('are lowercased and turned into 4000 when they carry no code', async () => {
    const provider = AVMWebProvider.init(TANDEM_PROVIDER_ID);
    provider.onEnable(() => {
      throw new Error('Socket Closed');
    });
    const response = nextResponse('enable');
    AVMWebClient.init().enable({ providerId: TANDEM_PROVIDER_ID });
    expect((await response).error).toEqual({ code: 4000, message: 'socket closed', name: 'UnknownError', providerId: TANDEM_PROVIDER_ID });
    provider.removeAllListeners();
  });

  it('flows from parsePageRequest through unwrapOutcome to the dApp', async () => {
    const provider = AVMWebProvider.init(TANDEM_PROVIDER_ID);
    provider.onSignTransactions((options) => {
      const parsed = parsePageRequest('sign_transactions', options);
      if (!parsed.ok) return unwrapOutcome<'sign_transactions'>(parsed);
      return { providerId: TANDEM_PROVIDER_ID, stxns: [null] };
    });
    const response = nextResponse('sign_transactions');
    AVMWebClient.init().signTransactions({ providerId: TANDEM_PROVIDER_ID, txns: [{ txn: 'not base64!' }] });
    expect((await response).error).toEqual({
      code: 4200,
      message: 'params.txns[0].txn must be a non-empty standard base64 string',
      providerId: TANDEM_PROVIDER_ID,
    });
    provider.removeAllListeners();
  });
});

describe('AVMWebProvider routing', () => {
  it('ignores requests addressed to another provider and answers untargeted ones', async () => {
    const provider = AVMWebProvider.init(TANDEM_PROVIDER_ID);
    provider.onDisable(() => ({ providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH, genesisId: 'testnet-v1.0' }));
    const seen = collectResponses('disable');
    const client = AVMWebClient.init();
    client.disable({ providerId: OTHER_PROVIDER });
    await settle();
    expect(seen).toHaveLength(0);
    const untargeted = client.disable();
    await settle();
    expect(seen.map((response) => response.requestId)).toEqual([untargeted]);
    provider.removeAllListeners();
  });

  it('gets one discover response per provider, all with the same requestId', async () => {
    const tandem = AVMWebProvider.init(TANDEM_PROVIDER_ID);
    const other = AVMWebProvider.init(OTHER_PROVIDER);
    tandem.onDiscover(() => ({ name: 'Tandem', providerId: TANDEM_PROVIDER_ID, networks: [] }));
    other.onDiscover(() => ({ name: 'Other', providerId: OTHER_PROVIDER, networks: [] }));
    const client = AVMWebClient.init();
    const results: unknown[] = [];
    client.onDiscover(({ result }) => {
      results.push(result?.name);
    });
    client.discover();
    await settle();
    expect(results.sort()).toEqual(['Other', 'Tandem']);
    tandem.removeAllListeners();
    other.removeAllListeners();
    client.removeAllListeners();
  });

  it('sends no response at all for a method that has no handler', async () => {
    const provider = AVMWebProvider.init(TANDEM_PROVIDER_ID);
    const seen = collectResponses('sign_message');
    AVMWebClient.init().signMessage({ providerId: TANDEM_PROVIDER_ID, message: 'hi' });
    await settle();
    expect(seen).toHaveLength(0);
    provider.removeAllListeners();
  });
});

describe('asProviderError and toProviderError', () => {
  it('keep an ARC-0027 code and message from anything error-like', () => {
    expect(asProviderError({ code: 4001, message: 'rejected on the phone' }).toJSON()).toEqual({
      code: 4001,
      message: 'rejected on the phone',
      providerId: TANDEM_PROVIDER_ID,
    });
  });

  it('turn unknown throwables into a generic 4000', () => {
    for (const thrown of [new Error('internal detail'), 'text', 42, null, undefined, { code: 9999, message: 'x' }]) {
      expect(JSON.parse(JSON.stringify(asProviderError(thrown)))).toEqual({
        code: 4000,
        message: 'Tandem could not handle the request',
        providerId: TANDEM_PROVIDER_ID,
      });
    }
  });

  it('survive a throwing getter on the caught value', () => {
    const hostile = {
      get code(): number {
        throw new Error('boom');
      },
    };
    expect(asProviderError(hostile).code).toBe(4000);
  });

  it('pass an existing Arc27ProviderError through', () => {
    const error = toProviderError(arc27Error(Arc27ErrorCode.MethodCanceled, 'no'));
    expect(asProviderError(error)).toBe(error);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(Arc27ProviderError);
    expect(error.name).toBe('Arc27ProviderError');
  });

  it('drop data that cannot be serialised or is too large', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const data of [{ amount: 1n }, cyclic, 'x'.repeat(10_000)]) {
      const error = toProviderError(arc27Error(Arc27ErrorCode.InvalidInput, 'bad', data));
      expect(Object.keys(JSON.parse(JSON.stringify(error)) as object).sort()).toEqual(['code', 'message', 'providerId']);
    }
  });

  it('fill in an empty message, truncate a huge one, and refuse foreign codes', () => {
    expect(toProviderError(arc27Error(Arc27ErrorCode.MethodTimedOut, '')).message).toBe('the request timed out');
    expect(toProviderError(arc27Error(Arc27ErrorCode.Unknown, 'x'.repeat(5000))).message).toHaveLength(1000);
    expect(toProviderError({ code: 1 as Arc27ErrorCode, message: 'x' }).code).toBe(4000);
  });

  it('always name Tandem as the provider', () => {
    expect(toProviderError({ ...arc27Error(Arc27ErrorCode.Unknown, 'x'), providerId: OTHER_PROVIDER }).providerId).toBe(TANDEM_PROVIDER_ID);
  });

  it('unwrapOutcome returns results', () => {
    const result = { providerId: TANDEM_PROVIDER_ID, stxns: [null] };
    expect(unwrapOutcome<'sign_transactions'>({ ok: true, result })).toBe(result);
  });
});
