/**
 * The phone session (entrypoints/background/phone-session.ts): which opener each phone gets, what
 * is learnt from its answer, and in which envelope requests then go out.
 */
import { describe, expect, it } from 'vitest';
import { createPhoneSession, HELLO_WAIT_MS } from '../../../entrypoints/background/phone-session';
import { decodeFrame } from '../../../lib/liquid/frames';
import type { Pairing } from '../../../lib/liquid/types';
import type { PhoneProfile, PhoneProtocol } from '../../../lib/phone/profile';
import { ok } from '../../../lib/result';
import { ALICE, BOB } from '../../fixtures/algorand/accounts';

const PAIRING: Pairing = { server: 'https://liquid.example', requestId: 'r-1', wallet: ALICE.addr, credId: '', pairedAt: 1, phone: null };

function setup(options: { phone?: PhoneProfile | null; known?: PhoneProtocol | null } = {}) {
  let pairing: Pairing | null = { ...PAIRING, phone: options.phone ?? null };
  let ids = 0;
  const sent: string[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const session = createPhoneSession({
    send: async (frame) => (sent.push(frame), ok({})),
    pairing: async () => pairing,
    saveProfile: async (requestId, phone) => {
      if (pairing?.requestId === requestId) pairing = { ...pairing, phone };
    },
    knownProtocol: () => options.known ?? null,
    newId: () => `id-${++ids}`,
    setTimeout: (fn, ms) => {
      const timer = { fn, ms };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      const at = timers.indexOf(handle as (typeof timers)[number]);
      if (at >= 0) timers.splice(at, 1);
    },
  });
  /** Lets queued promise callbacks run. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const fireTimers = async () => {
    for (const timer of timers.splice(0)) timer.fn();
    await settle();
  };
  const decoded = (i: number) => {
    const frame = decodeFrame(sent[i]);
    return frame.kind === 'envelope' ? frame.envelope : null;
  };
  return { session, sent, settle, fireTimers, decoded, pairing: () => pairing, timers };
}

describe('the opener', () => {
  it('an ARC-0027 phone gets the hello and nothing else; its answer becomes the pairing record', async () => {
    const s = setup({ known: 'arc27' });
    await s.session.onChannelOpen();
    expect(s.sent).toHaveLength(1);
    expect(s.decoded(0)).toMatchObject({ id: 'id-1', reference: 'biatec:hello:request', params: { metadata: { name: 'Tandem', url: expect.stringMatching(/^https:\/\//) } } });
    const consumed = await s.session.onPhoneFrame({ id: 'p', requestId: 'id-1', reference: 'biatec:hello:response', result: { wallet: ALICE.addr, name: 'Biatec Wallet', methods: ['arc0027:sign_transactions', 'arc0060:sign_data'] } });
    expect(consumed).toBeNull();
    expect(s.pairing()?.phone).toEqual({ protocol: 'arc27', methods: ['arc0027:sign_transactions', 'arc0060:sign_data'], accounts: [], name: 'Biatec Wallet' });
  });

  it('a connections phone gets connect, requests wait for its answer, and it brings every account', async () => {
    const s = setup({ known: 'connections' });
    const opened = s.session.onChannelOpen();
    await s.settle();
    expect(JSON.parse(s.sent[0]!)).toEqual({ v: 1, kind: 'request', id: 'id-1', method: 'connect', params: { metadata: { name: 'Tandem', url: expect.any(String) } } });
    await s.session.onPhoneFrame({ v: 1, kind: 'response', id: 'id-1', result: { domains: { accounts: [{ address: ALICE.addr, name: 'Main' }, { address: BOB.addr }] }, metadata: { name: 'Pera' } } });
    await opened;
    expect(s.pairing()?.phone).toEqual({ protocol: 'connections', methods: null, accounts: [{ address: ALICE.addr, name: 'Main' }, { address: BOB.addr }], name: 'Pera' });
    await s.session.sendSign('sign-1', [{ txn: 'AAAA' }, { txn: 'BBBB', signers: [] }]);
    expect(JSON.parse(s.sent[1]!)).toEqual({ v: 1, kind: 'request', id: 'sign-1', method: 'sign_transactions', params: { txns: ['AAAA', 'BBBB'], indexesToSign: [0] } });
  });

  it('an unknown phone: the hello first, connect only once the hello went unanswered, never both at once', async () => {
    const s = setup();
    const opened = s.session.onChannelOpen();
    await s.settle();
    expect(s.sent).toHaveLength(1);
    expect(s.timers.map((t) => t.ms)).toEqual([HELLO_WAIT_MS]);
    await s.fireTimers();
    expect(s.sent).toHaveLength(2);
    expect(JSON.parse(s.sent[1]!)).toMatchObject({ v: 1, method: 'connect' });
    await s.fireTimers();
    await opened;
    // Neither answered: the reference phones. Next time, no detection.
    expect(s.pairing()?.phone).toEqual({ protocol: 'arc27', methods: null, accounts: [] });
    await s.session.sendSign('sign-1', [{ txn: 'AAAA' }]);
    expect(s.decoded(2)).toMatchObject({ id: 'sign-1', reference: 'arc0027:sign_transactions:request' });
  });

  it('an unknown phone that answers the hello is not sent connect', async () => {
    const s = setup();
    const opened = s.session.onChannelOpen();
    await s.settle();
    await s.session.onPhoneFrame({ id: 'p', requestId: 'id-1', reference: 'biatec:hello:response', result: { methods: ['arc0027:sign_transactions'] } });
    await opened;
    // The wait's timer is gone with the answer: nothing wakes an idle worker later.
    expect(s.timers).toEqual([]);
    expect(s.sent).toHaveLength(1);
    expect(s.pairing()?.phone?.protocol).toBe('arc27');
  });

  it('a spec phone refusing the hello (4003) is an ARC-0027 phone that announced nothing; the refusal is not a request reply', async () => {
    const s = setup();
    const opened = s.session.onChannelOpen();
    await s.settle();
    const consumed = await s.session.onPhoneFrame({ id: 'p', requestId: 'id-1', reference: 'biatec:hello:response', error: { code: 4003, message: 'unknown' } });
    await opened;
    expect(consumed).toBeNull();
    expect(s.sent).toHaveLength(1);
    expect(s.pairing()?.phone).toEqual({ protocol: 'arc27', methods: null, accounts: [] });
  });

  it('a channel that closes during detection teaches nothing', async () => {
    const s = setup();
    const opened = s.session.onChannelOpen();
    await s.settle();
    s.session.onChannelClosed();
    await opened;
    await s.fireTimers();
    expect(s.sent).toHaveLength(1);
    expect(s.pairing()?.phone).toBeNull();
  });

  it('a phone known from an earlier channel gets its own opener without detection', async () => {
    const s = setup({ phone: { protocol: 'connections', methods: null, accounts: [] } });
    const opened = s.session.onChannelOpen();
    await s.settle();
    expect(JSON.parse(s.sent[0]!)).toMatchObject({ method: 'connect' });
    await s.fireTimers();
    await opened;
  });

  it('passes request replies through in one shape, from either envelope', async () => {
    const s = setup();
    expect(await s.session.onPhoneFrame({ id: 'x', requestId: 'sign-1', reference: 'arc0027:sign_transactions:response', result: { stxns: [null] } })).toEqual({ kind: 'reply', requestId: 'sign-1', stxns: [null] });
    expect(await s.session.onPhoneFrame({ v: 1, kind: 'response', id: 'sign-2', error: { code: 'rejected', message: 'no' } })).toEqual({ kind: 'error', requestId: 'sign-2', error: { code: 4001, message: 'no' } });
  });
});
