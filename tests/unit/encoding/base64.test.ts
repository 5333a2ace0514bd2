import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Lenient, fromBase64Loose, fromBase64Strict, toBase64, toBase64Url } from '../../../lib/encoding/base64';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('toBase64', () => {
  it('writes standard padded base64, as Buffer does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(toBase64(data)).toBe(Buffer.from(data).toString('base64'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('toBase64Url', () => {
  it('writes base64url without padding, as Buffer does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(toBase64Url(data)).toBe(Buffer.from(data).toString('base64url'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('fromBase64Strict (dApp input)', () => {
  it('reads back everything toBase64 writes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(fromBase64Strict(toBase64(data))).toEqual(data);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['URL-safe characters', '-_8='],
    ['missing padding', 'AQ'],
    ['too much padding', 'AQ==='],
    ['padding in the middle', 'AQ==AQ=='],
    ['whitespace', 'AQ== '],
    ['a line break', 'AQID\nBA=='],
    ['an impossible length', 'AQIDB'],
    ['non-zero unused bits', 'AR=='],
    ['non-ASCII', 'AQ\u00e9='],
    ['a data URL', 'data:;base64,AQ=='],
  ])('refuses %s', (_, text) => {
    expect(fromBase64Strict(text)).toBeNull();
  });

  it('reads the empty string as no bytes', () => {
    expect(fromBase64Strict('')).toEqual(new Uint8Array());
  });
});

describe('fromBase64Lenient (phone input)', () => {
  it('reads standard and URL-safe, padded and unpadded', () => {
    const data = bytes(0xfb, 0xff, 0xbf, 0x01);
    for (const text of ['+/+/AQ==', '+/+/AQ', '-_-_AQ==', '-_-_AQ']) expect(fromBase64Lenient(text)).toEqual(data);
  });

  it('reads what Kotlin Base64.UrlSafe writes (padded base64url) for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        const padded = Buffer.from(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
        expect(fromBase64Lenient(padded)).toEqual(data);
        expect(fromBase64Lenient(Buffer.from(data).toString('base64url'))).toEqual(data);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a mix of both alphabets', '+_8A'],
    ['a mix the other way round', '-/8A'],
    ['wrong padding', 'AQI=='],
    ['whitespace', ' AQ'],
    ['an impossible length', 'A'],
    ['non-zero unused bits', 'AR'],
    ['a stray character', 'AQ*D'],
  ])('refuses %s', (_, text) => {
    expect(fromBase64Lenient(text)).toBeNull();
  });

  it('accepts exactly one spelling per alphabet and padding choice (no malleability)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9+/_=-]{0,12}$/), (text) => {
        const decoded = fromBase64Lenient(text);
        if (decoded === null) return;
        const standard = Buffer.from(decoded).toString('base64');
        const spellings = [standard, standard.replace(/=+$/, '')].flatMap((s) => [
          s,
          s.replace(/\+/g, '-').replace(/\//g, '_'),
        ]);
        expect(spellings).toContain(text);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('fromBase64Loose (whole frames)', () => {
  it('reads back everything toBase64Url and toBase64 write, and their padded and unpadded forms', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const standard = toBase64(data);
        const url = toBase64Url(data);
        for (const text of [url, standard, standard.replace(/=+$/, ''), Buffer.from(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')]) {
          expect(fromBase64Loose(text)).toEqual(data);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads everything fromBase64Lenient reads, to the same bytes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9+/_=-]{0,12}$/), (text) => {
        const lenient = fromBase64Lenient(text);
        if (lenient !== null) expect(fromBase64Loose(text)).toEqual(lenient);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a mix of both alphabets', '+_8A', bytes(0xfb, 0xff, 0x00)],
    ['a mix the other way round', '-/8A', bytes(0xfb, 0xff, 0x00)],
    ['padding on a length that needs none', 'AQID=', bytes(1, 2, 3)],
    ['more padding than a length needs', 'AQ====', bytes(1)],
    ['padding alone', '=', bytes()],
    ['non-zero unused bits (dropped)', 'AR', bytes(1)],
    ['the empty string', '', bytes()],
  ])('accepts %s', (_, text, expected) => {
    expect(fromBase64Loose(text)).toEqual(expected);
  });

  it.each([
    ['an impossible length', 'A'],
    ['an impossible length after the padding is dropped', 'AQIDB=='],
    ['whitespace', ' AQ'],
    ['a line break', 'AQID\nBA'],
    ['padding in the middle', 'AQ==AQ'],
    ['a stray character', 'AQ*D'],
    ['non-ASCII', 'AQ\u00e9'],
  ])('refuses %s', (_, text) => {
    expect(fromBase64Loose(text)).toBeNull();
  });
});
