/** The dev wallet's data signing (dev/wallet/sign-data.ts): what each behaviour signs, checks and answers. */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import nacl from 'tweetnacl';
import { generateAccount } from 'algosdk';
import { decodeFrame } from '../../../lib/liquid/frames';
import { fromBase64Lenient, toBase64Url } from '../../../lib/encoding/base64';
import { answerDataRequest, helloUrlOf, triageData } from '../../../dev/wallet/sign-data';
import type { PhoneBehaviour, PhoneContext, PhoneFault, PhoneReply } from '../../../dev/wallet/signer';

const account = generateAccount();
const HOST = 'localhost:3000';
const sha = (text: string) => createHash('sha256').update(text).digest();
const ctx = (behaviour: PhoneBehaviour, fault: PhoneFault = 'none'): PhoneContext => ({
  key: { address: account.addr.toString(), secretKey: account.sk },
  providerId: 'phone',
  behaviour,
  fault,
  newId: () => 'reply-id',
  seenIds: new Set(),
  pendingCount: 0,
});
const item = (over: Record<string, unknown> = {}) => ({
  data: Buffer.from('{"a":1}').toString('base64'),
  signer: toBase64Url(account.addr.publicKey),
  domain: HOST,
  authenticatorData: toBase64Url(sha(HOST)),
  scope: 1,
  encoding: 'base64',
  ...over,
});
const dataRequest = (over: Record<string, unknown> = {}) => ({ id: 'd-1', reference: 'arc0060:sign_data:request', params: { providerId: 'p', items: [item(over)] } });
const sent = (reply: PhoneReply) => {
  if (reply.kind !== 'send') throw new Error(`expected a frame, got ${reply.reason}`);
  const decoded = decodeFrame(reply.frame);
  if (decoded.kind !== 'envelope') throw new Error('not an envelope');
  return decoded.envelope as { requestId: string; result?: { signatures?: string[]; signature?: string }; error?: { code: number } };
};

describe('dev wallet data signing', () => {
  it('reads the site a hello names', () => {
    expect(helloUrlOf({ reference: 'biatec:hello:request', params: { metadata: { url: 'http://localhost:3000' } } })).toBe('http://localhost:3000');
    expect(helloUrlOf({ reference: 'arc0060:sign_data:request' })).toBeNull();
  });

  it('spec and biatec sign data for the hello\'s site after approval: Ed25519(SHA-256(data) ‖ SHA-256(authenticatorData))', async () => {
    for (const behaviour of ['spec', 'biatec'] as const) {
      const triage = await triageData(dataRequest(), ctx(behaviour), `http://${HOST}`);
      if (triage?.kind !== 'prompt') throw new Error(`${behaviour}: expected a prompt`);
      const envelope = sent(await answerDataRequest(triage.request, 'approve', ctx(behaviour)));
      const signature = fromBase64Lenient(envelope.result!.signatures![0]!)!;
      const payload = Buffer.concat([sha('{"a":1}'), createHash('sha256').update(sha(HOST)).digest()]);
      expect(nacl.sign.detached.verify(payload, signature, account.addr.publicKey)).toBe(true);
    }
  });

  it('refuses at once a domain other than the hello\'s site, authenticatorData of another domain, another signer', async () => {
    const cases = [dataRequest({ domain: 'evil.example', authenticatorData: toBase64Url(sha('evil.example')) }), dataRequest({ authenticatorData: toBase64Url(sha('evil.example')) }), dataRequest({ signer: toBase64Url(generateAccount().addr.publicKey) })];
    for (const request of cases) {
      const triage = await triageData(request, ctx('spec'), `http://${HOST}`);
      expect(triage?.kind === 'reply' && sent(triage.reply).error?.code).toBeGreaterThan(4000);
    }
  });

  it('signs messages over "MX" ‖ message (spec only); rejects with 4001; bad-signature flips a byte', async () => {
    const message = { id: 'm-1', reference: 'arc0027:sign_message:request', params: { providerId: 'p', message: 'hello', signer: account.addr.toString() } };
    expect(await triageData(message, ctx('biatec'), undefined)).toBeNull();
    expect(await triageData(message, ctx('reference'), undefined)).toBeNull();
    const triage = await triageData(message, ctx('spec'), undefined);
    if (triage?.kind !== 'prompt') throw new Error('expected a prompt');
    const good = fromBase64Lenient(sent(await answerDataRequest(triage.request, 'approve', ctx('spec'))).result!.signature!)!;
    expect(nacl.sign.detached.verify(Buffer.from('MXhello'), good, account.addr.publicKey)).toBe(true);
    const bad = fromBase64Lenient(sent(await answerDataRequest(triage.request, 'approve', ctx('spec', 'bad-signature'))).result!.signature!)!;
    expect(nacl.sign.detached.verify(Buffer.from('MXhello'), bad, account.addr.publicKey)).toBe(false);
    expect(sent(await answerDataRequest(triage.request, 'reject', ctx('spec'))).error?.code).toBe(4001);
  });
});
