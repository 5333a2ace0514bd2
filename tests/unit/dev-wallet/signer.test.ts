import { describe, expect, it } from 'vitest';
import nacl from 'tweetnacl';
import {
  Address,
  decodeSignedTransaction,
  encodeUnsignedTransaction,
  generateAccount,
  makePaymentTxnWithSuggestedParamsFromObject,
  type Transaction,
} from 'algosdk';
import { decodeFrame } from '../../../lib/liquid/frames';
import { fromBase64Loose, toBase64Url } from '../../../lib/encoding/base64';
import { answerConnections, secondKey, triageConnections } from '../../../dev/wallet/connections-phone';
import {
  GARBAGE_FRAME,
  HELLO_REQUEST,
  HELLO_RESPONSE,
  SIGN_TXNS_REQUEST,
  SIGN_TXNS_RESPONSE,
  WRONG_TXN_NOTE,
  answerSignRequest,
  describeTxn,
  triage,
  type PhoneBehaviour,
  type PhoneContext,
  type PhoneFault,
  type PhoneReply,
  type SignRequest,
} from '../../../dev/wallet/signer';

const phone = generateAccount();
const other = generateAccount();
const PHONE_ADDRESS = phone.addr.toString();
const PHONE_PROVIDER = '0199a000-0000-7000-8000-00000000beef';

function payment(sender: Address, amount: number): Transaction {
  return makePaymentTxnWithSuggestedParamsFromObject({
    sender,
    receiver: other.addr,
    amount,
    suggestedParams: { fee: 1000, minFee: 1000, flatFee: true, firstValid: 10, lastValid: 1010, genesisHash: new Uint8Array(32).fill(7), genesisID: 'dev-v1' },
  });
}

function b64(txn: Transaction, url = true): string {
  const bytes = encodeUnsignedTransaction(txn);
  return url ? toBase64Url(bytes) : Buffer.from(bytes).toString('base64');
}

function ctx(behaviour: PhoneBehaviour, fault: PhoneFault = 'none', pendingCount = 0): PhoneContext {
  let n = 0;
  return {
    key: { address: PHONE_ADDRESS, secretKey: phone.sk },
    providerId: PHONE_PROVIDER,
    behaviour,
    fault,
    newId: () => `reply-${++n}`,
    seenIds: new Set(),
    pendingCount,
  };
}

function request(txns: SignRequest['txns'], id = 'req-1'): Record<string, unknown> {
  return { id, reference: SIGN_TXNS_REQUEST, params: { providerId: 'extension-provider', txns } };
}

/** Triage must prompt; then answer with the given decision. */
function promptAndAnswer(envelope: Record<string, unknown>, decision: 'approve' | 'reject', c: PhoneContext): PhoneReply {
  const t = triage(envelope, c);
  if (t.kind !== 'prompt') throw new Error(`expected a prompt, got ${JSON.stringify(t)}`);
  return answerSignRequest(t.request, decision, c);
}

function sentEnvelope(reply: PhoneReply): Record<string, unknown> {
  if (reply.kind !== 'send') throw new Error(`expected a frame, got ${JSON.stringify(reply)}`);
  const decoded = decodeFrame(reply.frame);
  if (decoded.kind !== 'envelope') throw new Error(`frame did not decode: ${JSON.stringify(decoded)}`);
  return decoded.envelope;
}

function stxnsOf(reply: PhoneReply): (string | null)[] {
  const envelope = sentEnvelope(reply);
  expect(envelope.reference).toBe(SIGN_TXNS_RESPONSE);
  expect(envelope.requestId).toBe('req-1');
  const result = envelope.result as { providerId: string; stxns: (string | null)[] };
  expect(result.providerId).toBe(PHONE_PROVIDER);
  return result.stxns;
}

function verifies(txn: Transaction, sig: Uint8Array, signer: Address = phone.addr): boolean {
  return nacl.sign.detached.verify(txn.bytesToSign(), sig, signer.publicKey);
}

describe('reference phone', () => {
  it('replies with padded base64url raw signatures over TX‖txn, one per txn', () => {
    const txns = [payment(phone.addr, 1), payment(phone.addr, 2)];
    const reply = promptAndAnswer(request(txns.map((t) => ({ txn: b64(t) }))), 'approve', ctx('reference'));
    const stxns = stxnsOf(reply);
    expect(stxns).toHaveLength(2);
    stxns.forEach((entry, i) => {
      expect(entry).toMatch(/^[A-Za-z0-9_-]+={2}$/);
      const sig = fromBase64Loose(entry!)!;
      expect(sig).toHaveLength(64);
      expect(verifies(txns[i]!, sig)).toBe(true);
    });
    expect(reply.kind === 'send' && reply.signed).toBe(2);
  });

  it('signs every txn, ignoring signers: [] and a foreign authAddr', () => {
    const txns = [payment(phone.addr, 1), payment(other.addr, 2)];
    const wtxns = [{ txn: b64(txns[0]!), signers: [] }, { txn: b64(txns[1]!, false), authAddr: other.addr.toString() }];
    const stxns = stxnsOf(promptAndAnswer(request(wtxns), 'approve', ctx('reference')));
    expect(stxns.every((s) => typeof s === 'string')).toBe(true);
    expect(verifies(txns[0]!, fromBase64Loose(stxns[0]!)!)).toBe(true);
    expect(verifies(txns[1]!, fromBase64Loose(stxns[1]!)!)).toBe(true);
  });

  it('sends nothing on reject', () => {
    const reply = promptAndAnswer(request([{ txn: b64(payment(phone.addr, 1)) }]), 'reject', ctx('reference'));
    expect(reply.kind).toBe('silent');
  });

  it('ignores requests with an unknown reference', () => {
    const t = triage({ id: 'x', reference: 'arc0027:sign_message:request', params: {} }, ctx('reference'));
    expect(t).toMatchObject({ kind: 'reply', reply: { kind: 'silent' } });
  });

  it('sends nothing when a txn does not decode', () => {
    const reply = promptAndAnswer(request([{ txn: 'AAAA' }]), 'approve', ctx('reference'));
    expect(reply.kind).toBe('silent');
  });
});

describe('spec phone', () => {
  it('replies with signed transactions that carry the requested txn and a valid signature', () => {
    const txns = [payment(phone.addr, 5), payment(phone.addr, 6)];
    const reply = promptAndAnswer(request(txns.map((t) => ({ txn: b64(t, false) }))), 'approve', ctx('spec'));
    const stxns = stxnsOf(reply);
    stxns.forEach((entry, i) => {
      expect(entry).toMatch(/^[A-Za-z0-9_-]+$/);
      const stxn = decodeSignedTransaction(fromBase64Loose(entry!)!);
      expect(stxn.txn.txID()).toBe(txns[i]!.txID());
      expect(stxn.sgnr).toBeUndefined();
      expect(verifies(stxn.txn, stxn.sig!)).toBe(true);
    });
  });

  it('returns null where signers is empty and signs the rest', () => {
    const txns = [payment(other.addr, 1), payment(phone.addr, 2)];
    const reply = promptAndAnswer(request([{ txn: b64(txns[0]!), signers: [] }, { txn: b64(txns[1]!) }]), 'approve', ctx('spec'));
    const stxns = stxnsOf(reply);
    expect(stxns[0]).toBeNull();
    const stxn = decodeSignedTransaction(fromBase64Loose(stxns[1]!)!);
    expect(verifies(stxn.txn, stxn.sig!)).toBe(true);
    expect(reply.kind === 'send' && reply.signed).toBe(1);
  });

  it('signs for a rekeyed sender when authAddr is its own address, with sgnr', () => {
    const txn = payment(other.addr, 9);
    const stxns = stxnsOf(promptAndAnswer(request([{ txn: b64(txn), authAddr: PHONE_ADDRESS }]), 'approve', ctx('spec')));
    const stxn = decodeSignedTransaction(fromBase64Loose(stxns[0]!)!);
    expect(stxn.sgnr?.toString()).toBe(PHONE_ADDRESS);
    expect(stxn.txn.sender.toString()).toBe(other.addr.toString());
    expect(verifies(stxn.txn, stxn.sig!)).toBe(true);
  });

  it('answers 4100 at once for a foreign authAddr or a foreign sender', () => {
    for (const wtxn of [
      { txn: b64(payment(phone.addr, 1)), authAddr: other.addr.toString() },
      { txn: b64(payment(other.addr, 1)) },
    ]) {
      const t = triage(request([wtxn]), ctx('spec'));
      if (t.kind !== 'reply') throw new Error('expected an immediate reply');
      const envelope = sentEnvelope(t.reply);
      expect(envelope.requestId).toBe('req-1');
      expect(envelope.error).toMatchObject({ code: 4100, providerId: PHONE_PROVIDER });
      expect(envelope.result).toBeUndefined();
    }
  });

  it('replies 4001 on reject', () => {
    const envelope = sentEnvelope(promptAndAnswer(request([{ txn: b64(payment(phone.addr, 1)) }]), 'reject', ctx('spec')));
    expect(envelope).toMatchObject({ reference: SIGN_TXNS_RESPONSE, requestId: 'req-1', error: { code: 4001 } });
    expect(typeof (envelope.error as { message: unknown }).message).toBe('string');
  });

  it('replies 4003 to an unknown reference, naming the matching response', () => {
    const t = triage({ id: 'm-1', reference: 'arc0027:sign_message:request', params: {} }, ctx('spec'));
    if (t.kind !== 'reply') throw new Error('expected an immediate reply');
    expect(sentEnvelope(t.reply)).toMatchObject({ reference: 'arc0027:sign_message:response', requestId: 'm-1', error: { code: 4003 } });
  });

  it('replies 4200 to malformed params and to a txn that does not decode', () => {
    for (const envelope of [request([]), request([{ txn: 'AAAA' }]), { id: 'req-1', reference: SIGN_TXNS_REQUEST }]) {
      const t = triage(envelope, ctx('spec'));
      if (t.kind !== 'reply') throw new Error('expected an immediate reply');
      expect(sentEnvelope(t.reply)).toMatchObject({ requestId: 'req-1', error: { code: 4200 } });
    }
  });

  it('stays silent for an envelope without id', () => {
    expect(triage({ reference: SIGN_TXNS_REQUEST, params: { txns: [] } }, ctx('spec'))).toMatchObject({ kind: 'reply', reply: { kind: 'silent' } });
  });
});

describe('faults', () => {
  const txn = payment(phone.addr, 3);
  const envelope = request([{ txn: b64(txn) }]);

  it('silent: never replies, neither to approve nor reject nor errors', () => {
    for (const behaviour of ['reference', 'spec'] as const) {
      expect(promptAndAnswer(envelope, 'approve', ctx(behaviour, 'silent')).kind).toBe('silent');
      expect(promptAndAnswer(envelope, 'reject', ctx(behaviour, 'silent')).kind).toBe('silent');
    }
    const t = triage({ id: 'x', reference: 'arc0027:enable:request' }, ctx('spec', 'silent'));
    expect(t).toMatchObject({ kind: 'reply', reply: { kind: 'silent' } });
  });

  it('bad-signature: the signature no longer verifies', () => {
    const ref = stxnsOf(promptAndAnswer(envelope, 'approve', ctx('reference', 'bad-signature')));
    expect(verifies(txn, fromBase64Loose(ref[0]!)!)).toBe(false);
    const spec = stxnsOf(promptAndAnswer(envelope, 'approve', ctx('spec', 'bad-signature')));
    const stxn = decodeSignedTransaction(fromBase64Loose(spec[0]!)!);
    expect(stxn.txn.txID()).toBe(txn.txID());
    expect(verifies(stxn.txn, stxn.sig!)).toBe(false);
  });

  it('wrong-txn: a valid signature, but over a different transaction', () => {
    const ref = stxnsOf(promptAndAnswer(envelope, 'approve', ctx('reference', 'wrong-txn')));
    expect(verifies(txn, fromBase64Loose(ref[0]!)!)).toBe(false);
    const spec = stxnsOf(promptAndAnswer(envelope, 'approve', ctx('spec', 'wrong-txn')));
    const stxn = decodeSignedTransaction(fromBase64Loose(spec[0]!)!);
    expect(stxn.txn.txID()).not.toBe(txn.txID());
    expect(new TextDecoder().decode(stxn.txn.note)).toBe(WRONG_TXN_NOTE);
    expect(verifies(stxn.txn, stxn.sig!)).toBe(true);
  });

  it('garbage-frame: replies with a frame that does not decode', () => {
    for (const behaviour of ['reference', 'spec'] as const) {
      const reply = promptAndAnswer(envelope, 'approve', ctx(behaviour, 'garbage-frame'));
      expect(reply).toMatchObject({ kind: 'send', frame: GARBAGE_FRAME });
      expect(decodeFrame(GARBAGE_FRAME).kind).toBe('invalid');
    }
  });
});

describe('describeTxn', () => {
  it('summarises a payment and survives garbage', () => {
    expect(describeTxn({ txn: b64(payment(phone.addr, 42)) })).toEqual({
      type: 'pay',
      sender: PHONE_ADDRESS,
      receiver: other.addr.toString(),
      amount: '42 µAlgo',
    });
    expect(describeTxn({ txn: '%%%' })).toMatchObject({ type: '?', error: expect.any(String) });
  });
});

const hello = (url: string, id = 'hello-1') => ({ id, reference: HELLO_REQUEST, params: { providerId: 'tandem', metadata: { name: 'Tandem', description: '', url, icons: [] } } });

describe('ios phone', () => {
  it('replies with unpadded base64url raw signatures, stays silent on reject and on the hello', () => {
    const txns = [payment(phone.addr, 1), payment(phone.addr, 2)];
    const stxns = stxnsOf(promptAndAnswer(request(txns.map((t) => ({ txn: b64(t) }))), 'approve', ctx('ios')));
    expect(stxns).toHaveLength(2);
    stxns.forEach((entry, i) => {
      expect(entry).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(verifies(txns[i]!, fromBase64Loose(entry!)!)).toBe(true);
    });
    expect(promptAndAnswer(request([{ txn: b64(txns[0]!) }]), 'reject', ctx('ios')).kind).toBe('silent');
    expect(triage(hello('https://tandem.wallet'), ctx('ios'))).toMatchObject({ kind: 'reply', reply: { kind: 'silent' } });
  });

  it('skip-txn: leaves the first transaction out, so stxns is shorter than the request', () => {
    const txns = [payment(phone.addr, 1), payment(phone.addr, 2)];
    const stxns = stxnsOf(promptAndAnswer(request(txns.map((t) => ({ txn: b64(t) }))), 'approve', ctx('ios', 'skip-txn')));
    expect(stxns).toHaveLength(1);
    expect(verifies(txns[1]!, fromBase64Loose(stxns[0]!)!)).toBe(true);
  });
});

describe('biatec phone', () => {
  it('answers the hello with its methods, https URLs only (and http://localhost for development)', () => {
    const reply = triage(hello('https://tandem.wallet'), ctx('biatec'));
    expect(reply.kind === 'reply' && sentEnvelope(reply.reply)).toMatchObject({ reference: HELLO_RESPONSE, requestId: 'hello-1', result: { wallet: PHONE_ADDRESS, methods: ['arc0027:sign_transactions', 'arc0060:sign_data'] } });
    const local = triage(hello('http://localhost:5173'), ctx('biatec'));
    expect(local.kind === 'reply' && sentEnvelope(local.reply)).toMatchObject({ result: { methods: expect.any(Array) } });
    const plain = triage(hello('http://dapp.example'), ctx('biatec'));
    expect(plain.kind === 'reply' && sentEnvelope(plain.reply)).toMatchObject({ error: { code: 4200 } });
  });

  it('full signed transactions, null where its key does not sign; it signs an own signers: [] position', () => {
    const mine = payment(phone.addr, 1);
    const foreign = payment(other.addr, 2);
    const own = payment(phone.addr, 3);
    const stxns = stxnsOf(promptAndAnswer(request([{ txn: b64(mine) }, { txn: b64(foreign), signers: [] }, { txn: b64(own), signers: [] }]), 'approve', ctx('biatec')));
    expect(stxns[1]).toBeNull();
    expect(stxns[0]).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSignedTransaction(fromBase64Loose(stxns[0]!)!).txn.txID()).toBe(mine.txID());
    expect(decodeSignedTransaction(fromBase64Loose(stxns[2]!)!).txn.txID()).toBe(own.txID());
  });

  it('never answers a request id twice', () => {
    const c = ctx('biatec');
    const envelope = request([{ txn: b64(payment(phone.addr, 1)) }]);
    expect(triage(envelope, c).kind).toBe('prompt');
    expect(triage(envelope, c)).toMatchObject({ kind: 'reply', reply: { kind: 'silent' } });
  });

  it.each([
    ['a rejection', 4001],
    ['a foreign sender', 4100],
    ['no transactions', 4200],
    ['17 transactions', 4200],
    ['51 waiting requests', 4000],
    ['another reference', 4003],
  ])('%s gets %i', (what, code) => {
    const c = ctx('biatec', 'none', what === '51 waiting requests' ? 51 : 0);
    let reply: PhoneReply;
    if (what === 'a rejection') reply = promptAndAnswer(request([{ txn: b64(payment(phone.addr, 1)) }]), 'reject', c);
    else {
      const envelope =
        what === 'a foreign sender' ? request([{ txn: b64(payment(other.addr, 1)) }])
        : what === 'no transactions' ? request([])
        : what === '17 transactions' ? request(Array.from({ length: 17 }, (_, i) => ({ txn: b64(payment(phone.addr, i + 1)) })))
        : what === '51 waiting requests' ? request([{ txn: b64(payment(phone.addr, 1)) }])
        : { id: 'req-1', reference: 'arc0027:sign_message:request', params: {} };
      const t = triage(envelope, c);
      if (t.kind !== 'reply') throw new Error('expected an answer at once');
      reply = t.reply;
    }
    const envelope = sentEnvelope(reply);
    expect(envelope).toMatchObject({ requestId: 'req-1', error: { code } });
    if (what === 'another reference') expect(envelope.reference).toBe('arc0027:sign_message:response');
  });
});

describe('spec phone and the hello', () => {
  it('answers the hello with everything it can do; the reference phone ignores it', () => {
    const reply = triage(hello('https://tandem.wallet'), ctx('spec'));
    expect(reply.kind === 'reply' && sentEnvelope(reply.reply)).toMatchObject({ reference: HELLO_RESPONSE, result: { methods: expect.arrayContaining(['arc0027:sign_transactions']) } });
    expect(triage(hello('https://tandem.wallet'), ctx('reference'))).toMatchObject({ kind: 'reply', reply: { kind: 'silent' } });
  });

  it('ARC-0027 phones ignore a connections frame', () => {
    for (const b of ['reference', 'spec', 'ios', 'biatec'] as const) {
      expect(triage({ v: 1, kind: 'request', id: 'c', method: 'connect', params: {} }, ctx(b))).toMatchObject({ kind: 'reply', reply: { kind: 'silent' } });
    }
  });
});

describe('connections phone', () => {
  const json = (reply: PhoneReply) => {
    if (reply.kind !== 'send') throw new Error('expected a frame');
    return JSON.parse(reply.frame) as Record<string, unknown>;
  };

  it('connect brings two accounts; sign_transactions signs for either, std base64, null outside indexesToSign', () => {
    const c = ctx('connections');
    const connected = triageConnections({ v: 1, kind: 'request', id: 'c1', method: 'connect', params: { metadata: { name: 'Tandem', url: 'https://tandem.wallet' } } }, c);
    const accounts = connected.kind === 'reply' ? (json(connected.reply).result as { domains: { accounts: { address: string }[] } }).domains.accounts : [];
    expect(accounts.map((a) => a.address)).toEqual([PHONE_ADDRESS, secondKey(c.key).address]);
    const second = Address.fromString(accounts[1]!.address);
    const txns = [payment(phone.addr, 1), payment(second, 2), payment(other.addr, 3)];
    const t = triageConnections({ v: 1, kind: 'request', id: 's1', method: 'sign_transactions', params: { txns: txns.map((x) => b64(x, false)), indexesToSign: [0, 1] } }, c);
    if (t.kind !== 'prompt') throw new Error('expected a prompt');
    const answer = json(answerConnections(t.request, 'approve', c));
    const stxns = (answer.result as { stxns: (string | null)[] }).stxns;
    expect(stxns[2]).toBeNull();
    expect(stxns[0]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decodeSignedTransaction(Buffer.from(stxns[1]!, 'base64')).txn.txID()).toBe(txns[1]!.txID());
  });

  it('string error codes: rejected, method_not_found; CBOR frames are ignored', () => {
    const c = ctx('connections');
    const t = triageConnections({ v: 1, kind: 'request', id: 's1', method: 'sign_transactions', params: { txns: [b64(payment(phone.addr, 1), false)] } }, c);
    if (t.kind !== 'prompt') throw new Error('expected a prompt');
    expect(json(answerConnections(t.request, 'reject', c))).toEqual({ v: 1, kind: 'response', id: 's1', error: { code: 'rejected', message: expect.any(String) } });
    const unknown = triageConnections({ v: 1, kind: 'request', id: 'x', method: 'sign_data', params: {} }, c);
    expect(unknown.kind === 'reply' && json(unknown.reply)).toMatchObject({ error: { code: 'method_not_found' } });
    expect(triageConnections(hello('https://tandem.wallet'), c)).toMatchObject({ kind: 'reply', reply: { kind: 'silent' } });
  });
});
