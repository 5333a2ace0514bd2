import { describe, expect, it } from 'vitest';
import { isReply, messageError } from '../../../lib/messaging/result';
import { describeError, fail, ok } from '../../../lib/result';

describe('the result shape on the wire', () => {
  it('writes a value as {ok: true, value} and an error as {ok: false, error}', () => {
    expect(ok({ sdp: 'x' })).toStrictEqual({ ok: true, value: { sdp: 'x' } });
    expect(fail(messageError('timeout', 'late'))).toStrictEqual({ ok: false, error: { code: 'timeout', message: 'late' } });
  });

  it('reads back as a reply what ok and fail write, through a structured clone', () => {
    expect(isReply(structuredClone(ok(undefined)))).toBe(true);
    expect(isReply(structuredClone(ok({})))).toBe(true);
    for (const code of ['bad-request', 'forbidden', 'timeout', 'unavailable', 'failed', 'limit-reached'] as const) {
      expect(isReply(structuredClone(fail(messageError(code, 'why'))))).toBe(true);
    }
  });

  it.each([
    ['undefined (no handler answered)', undefined],
    ['null', null],
    ['a string', 'ok'],
    ['ok without a value', { ok: true }],
    ['an error code outside the closed set', { ok: false, error: { code: 'nope', message: 'x' } }],
    ['an error that is a string', { ok: false, error: 'failed' }],
    ['an ARC-0027 outcome', { ok: true, result: {} }],
  ])('does not take %s for a reply', (_, value) => {
    expect(isReply(value)).toBe(false);
  });

  it('describes what was caught by its message, or as text', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError('plain')).toBe('plain');
    expect(describeError(42)).toBe('42');
  });
});
