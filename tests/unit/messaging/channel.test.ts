import { describe, expect, it } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createReceiver, request, type ChannelSpec } from '@/lib/messaging/channel';
import { ok } from '@/lib/result';
import { isRecord } from '@/lib/messaging/parse';
import { parseSettingsPatch } from '@/lib/messaging/popup-protocol';

type Demo = {
  'demo/echo': { request: { text: string }; response: { text: string } };
  'demo/boom': { request: Record<string, never>; response: Record<string, never> };
};

const spec: ChannelSpec<Demo> = {
  name: 'test/demo',
  parsers: {
    'demo/echo': (p) => (isRecord(p) && typeof p.text === 'string' ? { text: p.text } : null),
    'demo/boom': () => ({}),
  },
};

const trusted = { id: 'ext', url: 'chrome-extension://ext/popup.html' } as Runtime.MessageSender;
const receiver = createReceiver<Demo, string>(spec, {
  authorize: (sender) => (sender.url?.startsWith('chrome-extension://ext/') ? 'ok' : null),
  handlers: {
    'demo/echo': ({ text }, ctx) => ok({ text: `${ctx}:${text}` }),
    'demo/boom': () => {
      throw new Error('handler blew up');
    },
  },
});

describe('typed channels', () => {
  it('dispatches a parsed, authorized request to its handler', async () => {
    const reply = await receiver({ channel: 'test/demo', kind: 'demo/echo', payload: { text: 'hi' } }, trusted);
    expect(reply).toEqual({ ok: true, value: { text: 'ok:hi' } });
  });

  it('leaves messages of other channels alone', () => {
    expect(receiver({ channel: 'other', kind: 'demo/echo', payload: {} }, trusted)).toBeUndefined();
    expect(receiver('not even an object', trusted)).toBeUndefined();
  });

  it('refuses unknown kinds, malformed payloads and unauthorized senders with closed codes', async () => {
    expect(await receiver({ channel: 'test/demo', kind: 'toString', payload: {} }, trusted)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await receiver({ channel: 'test/demo', kind: 'demo/echo', payload: { text: 1 } }, trusted)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const page = { id: 'ext', url: 'https://evil.example/' } as Runtime.MessageSender;
    expect(await receiver({ channel: 'test/demo', kind: 'demo/echo', payload: { text: 'x' } }, page)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('turns a throwing handler into a failed reply instead of throwing across the boundary', async () => {
    expect(await receiver({ channel: 'test/demo', kind: 'demo/boom', payload: {} }, trusted)).toMatchObject({ ok: false, error: { code: 'failed', message: 'handler blew up' } });
  });

  it('gives every request a deadline and never throws to the caller', async () => {
    const never = () => new Promise<unknown>(() => undefined);
    expect(await request(spec, never, 'demo/echo', { text: 'x' }, 20)).toMatchObject({ ok: false, error: { code: 'timeout' } });
    const dead = () => Promise.reject(new Error('Receiving end does not exist'));
    expect(await request(spec, dead, 'demo/echo', { text: 'x' }, 20)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const silent = () => Promise.resolve(undefined);
    expect(await request(spec, silent, 'demo/echo', { text: 'x' }, 20)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const answered = (m: unknown) => Promise.resolve(receiver(m, trusted));
    expect(await request(spec, answered, 'demo/echo', { text: 'x' }, 1000)).toEqual({ ok: true, value: { text: 'ok:x' } });
  });
});

describe('settings patches', () => {
  it('accepts a server URL (normalised to its origin), ICE servers and timeouts', () => {
    expect(parseSettingsPatch({ serverUrl: 'https://liquid.example.com/path', iceServers: [{ urls: 'turn:t.example:3478', username: 'u', credential: 'c' }], requestDeadlineMs: 1000 })).toEqual({
      serverUrl: 'https://liquid.example.com',
      iceServers: [{ urls: 'turn:t.example:3478', username: 'u', credential: 'c' }],
      requestDeadlineMs: 1000,
    });
  });
  it('refuses other schemes, bad ICE URLs and nonsense numbers', () => {
    expect(parseSettingsPatch({ serverUrl: 'javascript:alert(1)' })).toBeNull();
    expect(parseSettingsPatch({ iceServers: [{ urls: 'http://x' }] })).toBeNull();
    expect(parseSettingsPatch({ requestDeadlineMs: -1 })).toBeNull();
    expect(parseSettingsPatch({ requestDeadlineMs: Number.NaN })).toBeNull();
  });
});
