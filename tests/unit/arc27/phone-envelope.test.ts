import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from '../../../lib/liquid/frames';
import { buildPhoneSignRequest, parsePhoneReply, type PhoneReply } from '../../../lib/arc27/phone-envelope';
import { TANDEM_PROVIDER_ID } from '../../../lib/arc27/types';
import { ALICE, BOB, PAYMENT, REQUEST_ID } from './fixtures';

const PHONE_ID = '0190c7d4-0000-7000-8000-00000000beef';
const SIG = 'A'.repeat(86) + '==';

describe('buildPhoneSignRequest', () => {
  it('builds the sign_transactions request envelope', () => {
    expect(buildPhoneSignRequest(REQUEST_ID, TANDEM_PROVIDER_ID, [{ txn: PAYMENT, signers: [ALICE] }])).toEqual({
      id: REQUEST_ID,
      reference: 'arc0027:sign_transactions:request',
      params: { providerId: TANDEM_PROVIDER_ID, txns: [{ txn: PAYMENT, signers: [ALICE] }] },
    });
  });

  it('leaves absent fields out so CBOR carries no undefined', () => {
    const envelope = buildPhoneSignRequest(REQUEST_ID, TANDEM_PROVIDER_ID, [
      { txn: PAYMENT, signers: undefined, authAddr: undefined, msig: undefined, stxn: undefined },
      { txn: PAYMENT, signers: [], authAddr: BOB, msig: { version: 1, threshold: 1, addrs: [ALICE] }, stxn: PAYMENT, message: 'm' },
    ]);
    expect(Object.keys(envelope.params.txns[0]!)).toEqual(['txn']);
    expect(Object.keys(envelope.params.txns[1]!)).toEqual(['txn', 'signers', 'authAddr', 'msig', 'stxn', 'message']);
    const decoded = decodeFrame(encodeFrame(envelope));
    expect(decoded).toEqual({ kind: 'envelope', envelope });
  });

  it('copies the caller arrays', () => {
    const signers = [ALICE];
    const envelope = buildPhoneSignRequest(REQUEST_ID, TANDEM_PROVIDER_ID, [{ txn: PAYMENT, signers }]);
    signers.push(BOB);
    expect(envelope.params.txns[0]!.signers).toEqual([ALICE]);
  });
});

interface Case {
  name: string;
  envelope: unknown;
  expect: PhoneReply;
}

const reply = (extra: Record<string, unknown>): Record<string, unknown> => ({
  id: PHONE_ID,
  reference: 'arc0027:sign_transactions:response',
  requestId: REQUEST_ID,
  ...extra,
});

const CASES: Case[] = [
  {
    name: 'a sign_transactions result',
    envelope: reply({ result: { providerId: PHONE_ID, stxns: [SIG, null] } }),
    expect: { kind: 'reply', requestId: REQUEST_ID, stxns: [SIG, null] },
  },
  {
    name: 'a result mislabelled as sign_message (reference library bug)',
    envelope: reply({ reference: 'arc0027:sign_message:response', result: { stxns: [SIG] } }),
    expect: { kind: 'reply', requestId: REQUEST_ID, stxns: [SIG] },
  },
  {
    name: 'a result without a reference',
    envelope: { requestId: REQUEST_ID, result: { stxns: [] } },
    expect: { kind: 'reply', requestId: REQUEST_ID, stxns: [] },
  },
  {
    name: 'a result with error: null',
    envelope: reply({ error: null, result: { stxns: [SIG] } }),
    expect: { kind: 'reply', requestId: REQUEST_ID, stxns: [SIG] },
  },
  {
    name: 'raw bytes entries are passed on for lib/algorand to judge',
    envelope: reply({ result: { stxns: [new Uint8Array([1, 2])] } }),
    expect: { kind: 'reply', requestId: REQUEST_ID, stxns: [new Uint8Array([1, 2])] },
  },
  {
    name: 'a user rejection',
    envelope: reply({ error: { code: 4001, message: 'User rejected' } }),
    expect: { kind: 'error', requestId: REQUEST_ID, error: { code: 4001, message: 'User rejected' } },
  },
  {
    name: 'an error wins over a result',
    envelope: reply({ error: { code: 4100, message: 'no key' }, result: { stxns: [SIG] } }),
    expect: { kind: 'error', requestId: REQUEST_ID, error: { code: 4100, message: 'no key' } },
  },
  {
    name: 'an error code outside ARC-0027 maps to 4000',
    envelope: reply({ error: { code: 500, message: 'crash' } }),
    expect: { kind: 'error', requestId: REQUEST_ID, error: { code: 4000, message: 'crash' } },
  },
  {
    name: 'a string code maps to 4000',
    envelope: reply({ error: { code: '4001', message: 'x' } }),
    expect: { kind: 'error', requestId: REQUEST_ID, error: { code: 4000, message: 'x' } },
  },
  {
    name: 'an error without a message gets one',
    envelope: reply({ error: { code: 4002 } }),
    expect: { kind: 'error', requestId: REQUEST_ID, error: { code: 4002, message: 'the phone reported error 4002' } },
  },
  {
    name: 'an error given as a string',
    envelope: reply({ error: 'biometrics failed' }),
    expect: { kind: 'error', requestId: REQUEST_ID, error: { code: 4000, message: 'biometrics failed' } },
  },
  {
    name: 'an error given as a number',
    envelope: reply({ error: 4001 }),
    expect: { kind: 'error', requestId: REQUEST_ID, error: { code: 4000, message: 'the phone reported an error' } },
  },
  {
    name: 'an error message is truncated to 500 characters',
    envelope: reply({ error: { code: 4001, message: 'x'.repeat(10_000), data: { secret: 1 } } }),
    expect: { kind: 'error', requestId: REQUEST_ID, error: { code: 4001, message: 'x'.repeat(500) } },
  },
  { name: 'no requestId', envelope: { id: PHONE_ID, result: { stxns: [] } }, expect: { kind: 'invalid', reason: 'reply has no usable requestId' } },
  { name: 'a numeric requestId', envelope: reply({ requestId: 7, result: { stxns: [] } }), expect: { kind: 'invalid', reason: 'reply has no usable requestId' } },
  { name: 'a 129-char requestId', envelope: reply({ requestId: 'r'.repeat(129), result: { stxns: [] } }), expect: { kind: 'invalid', reason: 'reply has no usable requestId' } },
  {
    name: 'a request echoed back',
    envelope: reply({ reference: 'arc0027:sign_transactions:request', result: { stxns: [] } }),
    expect: { kind: 'invalid', reason: 'reference is not a response', requestId: REQUEST_ID },
  },
  {
    name: 'a foreign reference',
    envelope: reply({ reference: 'liquid:ping', result: { stxns: [] } }),
    expect: { kind: 'invalid', reason: 'reference is not a response', requestId: REQUEST_ID },
  },
  { name: 'neither result nor error', envelope: reply({}), expect: { kind: 'invalid', reason: 'reply has neither result nor error', requestId: REQUEST_ID } },
  {
    name: 'stxns not an array',
    envelope: reply({ result: { stxns: 'AAAA' } }),
    expect: { kind: 'invalid', reason: 'result.stxns is not an array', requestId: REQUEST_ID },
  },
  { name: 'not an object', envelope: 'reply', expect: { kind: 'invalid', reason: 'reply is not an object' } },
  { name: 'an array', envelope: [REQUEST_ID], expect: { kind: 'invalid', reason: 'reply is not an object' } },
];

describe('parsePhoneReply', () => {
  it.each(CASES)('$name', ({ envelope, expect: expected }) => {
    expect(parsePhoneReply(envelope as Record<string, unknown>)).toEqual(expected);
  });

  it('correlates a frame decoded from CBOR', () => {
    const decoded = decodeFrame(encodeFrame(reply({ result: { providerId: PHONE_ID, stxns: [SIG] } })));
    if (decoded.kind !== 'envelope') throw new Error('expected an envelope');
    expect(parsePhoneReply(decoded.envelope)).toEqual({ kind: 'reply', requestId: REQUEST_ID, stxns: [SIG] });
  });

  it('copies stxns instead of returning the phone array', () => {
    const stxns = [SIG];
    const parsed = parsePhoneReply(reply({ result: { stxns } }));
    if (parsed.kind !== 'reply') throw new Error('expected a reply');
    expect(parsed.stxns).not.toBe(stxns);
  });

  it('refuses more than 2,048 stxns', () => {
    const parsed = parsePhoneReply(reply({ result: { stxns: new Array(2049).fill(SIG) } }));
    expect(parsed).toEqual({ kind: 'invalid', reason: 'result.stxns must hold at most 2048 items', requestId: REQUEST_ID });
  });

  it('survives getters and throwing proxies', () => {
    const withGetter = {
      requestId: REQUEST_ID,
      get result(): unknown {
        throw new Error('boom');
      },
    };
    expect(parsePhoneReply(withGetter)).toEqual({ kind: 'invalid', reason: 'reply has neither result nor error', requestId: REQUEST_ID });
    const proxy = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
      },
    );
    expect(parsePhoneReply(proxy)).toEqual({ kind: 'invalid', reason: 'reply has no usable requestId' });
    const errorGetter = {
      requestId: REQUEST_ID,
      get error(): unknown {
        throw new Error('boom');
      },
    };
    expect(parsePhoneReply(errorGetter)).toEqual({ kind: 'invalid', reason: 'error is not readable', requestId: REQUEST_ID });
  });
});
