/** ARC-0027 answers' errors → use-wallet's error shape, whatever a page dispatched. */
import { describe, expect, it } from 'vitest';
import { TandemError, fromArc27Error, notInstalledError, toWalletError } from '../../../packages/use-wallet-tandem/src/errors';

class ShapedError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly data?: unknown,
  ) {
    super(message);
  }
}
const make = (message: string, code: number, data?: unknown) => new ShapedError(message, code, data);

describe('fromArc27Error', () => {
  it.each([4001, 4002, 4003, 4004, 4100, 4200, 4201, 4300])('keeps code %i, message and data', (code) => {
    const error = fromArc27Error({ code, message: `m${code}`, data: { n: 1 }, providerId: 'x' });
    expect(error).toBeInstanceOf(TandemError);
    expect(error).toMatchObject({ code, message: `m${code}`, data: { n: 1 } });
  });

  it.each([null, undefined, 'boom', 42, {}, { code: '4001' }, { code: 4001.5 }])('turns %j into 4000 with a message', (raw) => {
    const error = fromArc27Error(raw);
    expect(error.code).toBe(4000);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('gives a message when the answer had none', () => {
    expect(fromArc27Error({ code: 4001 }).message).toMatch(/code 4001/);
  });
});

describe('toWalletError', () => {
  it('builds the caller\'s error class with the ARC-0027 code', () => {
    const error = toWalletError(new TandemError('rejected', 4001, { a: 1 }), make);
    expect(error).toBeInstanceOf(ShapedError);
    expect(error).toMatchObject({ message: 'rejected', code: 4001, data: { a: 1 } });
  });

  it('maps anything else to 4000, keeping its message', () => {
    expect(toWalletError(new TypeError('bad input'), make)).toMatchObject({ code: 4000, message: 'bad input' });
    expect(toWalletError('text', make)).toMatchObject({ code: 4000, message: 'text' });
  });
});

describe('notInstalledError', () => {
  it('says Tandem is not installed and where to get it', () => {
    const error = notInstalledError('https://example.test/get');
    expect(error.message).toContain('Tandem is not installed');
    expect(error.message).toContain('https://example.test/get');
    expect(error.reason).toBe('not-installed');
  });
});
