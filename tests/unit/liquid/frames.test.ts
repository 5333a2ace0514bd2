import { encode } from 'cbor-x';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, frameCborSize } from '../../../lib/liquid/frames';

const request = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  reference: 'arc0027:sign_transactions:request',
  params: { providerId: '0190a1b2-0000-7000-8000-000000000001', txns: [{ txn: 'iaNhbXTNA-iDZmVlzQPo', signers: [] }] },
};

const reply = {
  id: '0190a1b2-0000-7000-8000-0000000000ff',
  reference: 'arc0027:sign_transactions:response',
  requestId: request.id,
  result: { providerId: 'phone', stxns: ['AAEC', null] },
};

/** CBOR bytes as the Kotlin wallet writes them: standard or URL alphabet, padded. */
function padded(bytes: Uint8Array, alphabet: 'base64' | 'base64url'): string {
  const body = Buffer.from(bytes).toString(alphabet).replace(/=+$/, '');
  return body + '='.repeat((4 - (body.length % 4)) % 4);
}

describe('encodeFrame', () => {
  it('writes base64url without padding', () => {
    const frame = encodeFrame(request);
    expect(frame).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(frame, 'base64url')).toEqual(Buffer.from(encode(request)));
  });

  it('measures the CBOR it writes', () => {
    expect(frameCborSize(request)).toBe(Buffer.from(encodeFrame(request), 'base64url').length);
  });
});

describe('decodeFrame', () => {
  it.each([
    ['an unpadded base64url frame (as Tandem writes)', Buffer.from(encode(reply)).toString('base64url')],
    ['a padded base64url frame (as the Kotlin wallet writes)', padded(encode(reply), 'base64url')],
    ['a padded standard base64 frame', padded(encode(reply), 'base64')],
    ['an unpadded standard base64 frame', Buffer.from(encode(reply)).toString('base64').replace(/=+$/, '')],
    ['a frame with surrounding whitespace', ` ${encodeFrame(reply)}\n`],
  ])('reads %s', (_, frame) => {
    expect(decodeFrame(frame)).toEqual({ kind: 'envelope', envelope: reply });
  });

  it('reads back every envelope encodeFrame writes', () => {
    const envelope = fc.record({
      id: fc.uuid(),
      reference: fc.constantFrom('arc0027:sign_transactions:request', 'arc0027:sign_transactions:response'),
      requestId: fc.option(fc.uuid(), { nil: undefined }),
      params: fc.record({
        providerId: fc.uuid(),
        txns: fc.array(fc.record({ txn: fc.base64String({ maxLength: 80 }), signers: fc.option(fc.array(fc.string()), { nil: undefined }) }, { requiredKeys: ['txn'] }), {
          maxLength: 16,
        }),
      }),
      error: fc.option(fc.record({ code: fc.integer({ min: 4000, max: 4300 }), message: fc.string() }), { nil: undefined }),
    }, { requiredKeys: ['id', 'reference', 'params'] });
    fc.assert(
      fc.property(envelope, (value) => {
        expect(decodeFrame(encodeFrame(value))).toEqual({ kind: 'envelope', envelope: value });
      }),
      { numRuns: 300 },
    );
  });

  it("reads the reference wallet's JSON credential first frame", () => {
    const credential = { type: 'credential', address: 'ADDR', device: 'Pixel', origin: 'https://liquid.example.com', id: 'cred', prevCounter: 0 };
    expect(decodeFrame(JSON.stringify(credential))).toEqual({ kind: 'credential', credential });
  });

  it('reads a JSON object that is not a credential as an envelope', () => {
    expect(decodeFrame(JSON.stringify(reply))).toEqual({ kind: 'envelope', envelope: reply });
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an object', { frame: 'x' }],
    ['binary data', new Uint8Array([1, 2, 3])],
    ['an empty string', ''],
    ['whitespace', '   '],
    ['characters outside base64', 'not a frame!'],
    ['an impossible base64 length', 'AAAAA'],
    ['non-ASCII text', 'AQ\u00e9='],
    ['base64 of bytes that are not CBOR', Buffer.from([0xff, 0xff, 0xff]).toString('base64url')],
    ['a CBOR string instead of a map', encodeFrame('hello' as unknown as object)],
    ['a CBOR array instead of a map', encodeFrame([1, 2, 3])],
    ['a CBOR byte string instead of a map', encodeFrame(new Uint8Array([1, 2, 3]))],
    ['a CBOR number', Buffer.from(encode(7)).toString('base64url')],
    ['truncated CBOR', encodeFrame(reply).slice(0, 20)],
    ['text that starts with { but is not JSON', '{"type": "credential",'],
    ['a JSON array', '[{"type":"credential"}]'],
    ['JSON with only a brace at the start', '{garbage}'],
    ['a map holding a CBOR date (tag 1)', Buffer.from('a16565727266f6c100', 'hex').toString('base64url')],
    ['a CBOR set (tag 258)', Buffer.from('d9010280', 'hex').toString('base64url')],
    ['an unknown tag around a map', Buffer.from('c6a0', 'hex').toString('base64url')],
    ['a map that contains itself (tags 28/29)', Buffer.from('d81ca16173d81d00', 'hex').toString('base64url')],
  ])('refuses %s without throwing', (_, frame) => {
    const decoded = decodeFrame(frame);
    expect(decoded.kind).toBe('invalid');
    expect((decoded as { reason: string }).reason).toBeTruthy();
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.base64String({ maxLength: 300 }), fc.json()), (text) => {
        expect(['envelope', 'credential', 'invalid']).toContain(decodeFrame(text).kind);
      }),
      { numRuns: 1000 },
    );
  });
});
