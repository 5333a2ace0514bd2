import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDeepLink, parseDeepLink } from '../../../lib/liquid/deep-link';

const REQUEST_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('buildDeepLink', () => {
  it.each([
    ['an https server at the root of a domain', 'https://liquid.example.com', `liquid://liquid.example.com/?requestId=${REQUEST_ID}`],
    ['an https server with a trailing path', 'https://liquid.example.com/some/path', `liquid://liquid.example.com/?requestId=${REQUEST_ID}`],
    ['an https server on the default port', 'https://liquid.example.com:443', `liquid://liquid.example.com/?requestId=${REQUEST_ID}`],
    ['a local dev server, keeping its port', 'http://localhost:3000', `liquid://localhost:3000/?requestId=${REQUEST_ID}`],
  ])('writes the host only for %s', (_, server, link) => {
    expect(buildDeepLink(server, REQUEST_ID)).toBe(link);
  });

  it('escapes a requestId that is not URL-safe', () => {
    expect(buildDeepLink('https://liquid.example.com', 'a b&c')).toBe('liquid://liquid.example.com/?requestId=a%20b%26c');
  });
});

describe('parseDeepLink', () => {
  it.each([
    ['an https host', `liquid://liquid.example.com/?requestId=${REQUEST_ID}`, 'liquid.example.com', 'https://liquid.example.com'],
    ['localhost with a port, as plain http', `liquid://localhost:3000/?requestId=${REQUEST_ID}`, 'localhost:3000', 'http://localhost:3000'],
    ['no slash before the query', `liquid://liquid.example.com?requestId=${REQUEST_ID}`, 'liquid.example.com', 'https://liquid.example.com'],
    // What liquid-client's deepLink() yields for an http server (it strips only "https://").
    ['the liquid://http://host form', `liquid://http://localhost:3000/?requestId=${REQUEST_ID}`, 'localhost:3000', 'http://localhost:3000'],
    ['the liquid://http://host form for a remote host', `liquid://http://liquid.example.com/?requestId=${REQUEST_ID}`, 'liquid.example.com', 'http://liquid.example.com'],
    ['the liquid://https://host form', `liquid://https://liquid.example.com/?requestId=${REQUEST_ID}`, 'liquid.example.com', 'https://liquid.example.com'],
    // A second dev server under another loopback name (the e2e tests' wallet-b.localhost).
    ['a *.localhost host, as plain http', `liquid://wallet-b.localhost:41235/?requestId=${REQUEST_ID}`, 'wallet-b.localhost:41235', 'http://wallet-b.localhost:41235'],
    ['a host that only ends in "localhost", as https', `liquid://evil-localhost/?requestId=${REQUEST_ID}`, 'evil-localhost', 'https://evil-localhost'],
    ['surrounding whitespace from a scanner', `  liquid://localhost:3000/?requestId=${REQUEST_ID}\n`, 'localhost:3000', 'http://localhost:3000'],
    ['other query parameters', `liquid://liquid.example.com/?v=1&requestId=${REQUEST_ID}&x=y`, 'liquid.example.com', 'https://liquid.example.com'],
  ])('reads %s', (_, link, host, origin) => {
    expect(parseDeepLink(link)).toEqual({ host, requestId: REQUEST_ID, origin });
  });

  it.each([
    ['an empty string', ''],
    ['another scheme', `https://liquid.example.com/?requestId=${REQUEST_ID}`],
    ['a scheme and nothing else', 'liquid://'],
    ['no requestId', 'liquid://liquid.example.com/'],
    ['an empty requestId', 'liquid://liquid.example.com/?requestId='],
    ['another parameter only', 'liquid://liquid.example.com/?request=1'],
    ['a path before the query', `liquid://liquid.example.com/auth?requestId=${REQUEST_ID}`],
    ['credentials in the host', `liquid://user:pass@liquid.example.com/?requestId=${REQUEST_ID}`],
    ['a space in the host', `liquid://liquid example.com/?requestId=${REQUEST_ID}`],
    ['a six-digit port', `liquid://localhost:300000/?requestId=${REQUEST_ID}`],
    ['an empty host', `liquid:///?requestId=${REQUEST_ID}`],
    ['a javascript: URL', 'javascript:alert(1)//liquid://x/?requestId=1'],
    ['an ftp:// inner scheme', `liquid://ftp://liquid.example.com/?requestId=${REQUEST_ID}`],
  ])('refuses %s', (_, link) => {
    expect(parseDeepLink(link)).toBeNull();
  });

  it('reads back what buildDeepLink writes, for any requestId', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('https://liquid.example.com', 'http://localhost:3000', 'http://localhost:54321', 'https://a.b.c.example.org'),
        fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 64 })),
        (server, requestId) => {
          const parsed = parseDeepLink(buildDeepLink(server, requestId));
          expect(parsed).not.toBeNull();
          expect(parsed!.requestId).toBe(requestId);
          expect(parsed!.origin).toBe(new URL(server).origin);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        parseDeepLink(text);
        parseDeepLink(`liquid://${text}`);
      }),
      { numRuns: 500 },
    );
  });
});
