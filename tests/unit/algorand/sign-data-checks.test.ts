/**
 * ARC-0060 signData bound to the page's origin (lib/algorand/sign-data-checks.ts), the refusal of
 * data shaped like a transaction or program, and the error table for both data-signing methods.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import nacl from 'tweetnacl';
import { encodeUnsignedTransaction, generateAccount, makePaymentTxnWithSuggestedParamsFromObject } from 'algosdk';
import {
  checkDomainBinding,
  checkSignData,
  messagePayload,
  onChainShape,
  signDataPayload,
  verifyDataSignature,
  verifyMessageSignature,
} from '../../../lib/algorand/sign-data-checks';
import { DATA_ERROR_TABLE, DataRefusal, dataError, pageSignDataCode } from '../../../lib/arc27/sign-data-errors';
import type { SignDataParams } from '../../../lib/arc27/types';

const account = generateAccount();
const ADDRESS = account.addr.toString();
const ORIGIN = 'http://localhost:3000';
const HOST = 'localhost:3000';
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const sha = (text: string) => createHash('sha256').update(text).digest();

function request(over: Partial<SignDataParams> = {}): SignDataParams {
  return {
    providerId: 'p',
    data: b64(JSON.stringify({ domain: HOST, account_address: ADDRESS, nonce: '1' })),
    signer: b64(account.addr.publicKey),
    domain: HOST,
    authenticatorData: b64(sha(HOST)),
    metadata: { scope: 1, encoding: 'base64' },
    ...over,
  };
}

const payment = encodeUnsignedTransaction(
  makePaymentTxnWithSuggestedParamsFromObject({
    sender: ADDRESS,
    receiver: ADDRESS,
    amount: 1,
    suggestedParams: { fee: 1000, flatFee: true, minFee: 1000, firstValid: 1, lastValid: 2, genesisID: 'testnet-v1.0', genesisHash: new Uint8Array(32) },
  }),
);

describe('domain binding', () => {
  const cases: [string, string | undefined, string | undefined, string, DataRefusal | 'ok'][] = [
    ['the page host with its port', HOST, b64(sha(HOST)), ORIGIN, 'ok'],
    ['authenticatorData with flags and a counter after the hash', HOST, b64(Buffer.concat([sha(HOST), Buffer.from([1, 0, 0, 0, 7])])), ORIGIN, 'ok'],
    ['a https host without a port', 'dapp.example', b64(sha('dapp.example')), 'https://dapp.example', 'ok'],
    ['another site', 'wallet.example', b64(sha('wallet.example')), ORIGIN, DataRefusal.FailedDomainAuth],
    ['the hostname without the port', 'localhost', b64(sha('localhost')), ORIGIN, DataRefusal.FailedDomainAuth],
    ['the origin instead of the host', ORIGIN, b64(sha(ORIGIN)), ORIGIN, DataRefusal.FailedDomainAuth],
    ['a parent domain', 'example', b64(sha('example')), 'https://dapp.example', DataRefusal.FailedDomainAuth],
    ['authenticatorData of another domain', HOST, b64(sha('wallet.example')), ORIGIN, DataRefusal.FailedDomainAuth],
    ['authenticatorData shorter than 32 bytes', HOST, b64(sha(HOST).subarray(0, 31)), ORIGIN, DataRefusal.FailedDomainAuth],
    ['authenticatorData that is not base64', HOST, '!!', ORIGIN, DataRefusal.FailedDecoding],
    ['no domain', undefined, b64(sha(HOST)), ORIGIN, DataRefusal.MissingDomain],
    ['no authenticatorData', HOST, undefined, ORIGIN, DataRefusal.MissingAuthenticatorData],
  ];
  it.each(cases)('%s', async (_name, domain, authenticatorData, origin, expected) => {
    const checked = await checkDomainBinding(domain, authenticatorData, origin);
    expect(checked.ok ? 'ok' : checked.error.reason).toBe(expected);
  });
});

describe('checkSignData', () => {
  it('accepts a sign-in for the page, by a connected account', async () => {
    const checked = await checkSignData(request(), ORIGIN, [ADDRESS]);
    expect(checked.ok && checked.value.signer).toBe(ADDRESS);
  });
  const refusals: [string, Partial<SignDataParams>, DataRefusal][] = [
    ['scope 2', { metadata: { scope: 2, encoding: 'base64' } }, DataRefusal.InvalidScope],
    ['hex encoding', { metadata: { scope: 1, encoding: 'hex' } }, DataRefusal.FailedDecoding],
    ['data that is not base64', { data: 'not base64!' }, DataRefusal.FailedDecoding],
    ['an hdPath', { hdPath: "m/44'/283'/0'/0/0" }, DataRefusal.HdPath],
    ['plain text', { data: b64('please sign me in') }, DataRefusal.BadJson],
    ['a JSON array', { data: b64('[1,2]') }, DataRefusal.BadJson],
    ['a JSON string', { data: b64('"hi"') }, DataRefusal.BadJson],
    ['invalid UTF-8', { data: b64(new Uint8Array([0x7b, 0xff, 0x7d])) }, DataRefusal.BadJson],
    ['a transaction', { data: b64(payment) }, DataRefusal.TransactionShaped],
    ['"TX" ‖ transaction', { data: b64(Buffer.concat([Buffer.from('TX'), payment])) }, DataRefusal.TransactionShaped],
    ['a "MX" message', { data: b64('MX{"a":1}') }, DataRefusal.TransactionShaped],
    ['a "Program" logic signature', { data: b64(Buffer.concat([Buffer.from('Program'), Buffer.from([6, 0x81, 1])])) }, DataRefusal.TransactionShaped],
    ['"ProgData"', { data: b64('ProgData{}') }, DataRefusal.TransactionShaped],
    ['"appID"', { data: b64('appID12345678') }, DataRefusal.TransactionShaped],
    ['"MultisigAddr"', { data: b64('MultisigAddr') }, DataRefusal.TransactionShaped],
    ['a signer of another account', { signer: b64(generateAccount().addr.publicKey) }, DataRefusal.SignerNotPaired],
    ['a signer of 31 bytes', { signer: b64(account.addr.publicKey.subarray(0, 31)) }, DataRefusal.SignerNotPaired],
  ];
  it.each(refusals)('refuses %s', async (_name, over, reason) => {
    const checked = await checkSignData(request(over), ORIGIN, [ADDRESS]);
    expect(checked.ok ? 'ok' : checked.error.reason).toBe(reason);
  });
  it('checks where the request is for before what it is: another domain with non-JSON data is a domain refusal', async () => {
    const checked = await checkSignData(request({ domain: 'x.example', authenticatorData: b64(sha('x.example')), data: b64('hi') }), ORIGIN, [ADDRESS]);
    expect(checked.ok ? 'ok' : checked.error.reason).toBe(DataRefusal.FailedDomainAuth);
  });
  it('finds no on-chain shape in a sign-in statement', () => {
    expect(onChainShape(Buffer.from(JSON.stringify({ domain: HOST })))).toBeNull();
  });
});

describe('signatures', () => {
  it('verifies data over SHA-256(data) ‖ SHA-256(authenticatorData) and messages over "MX" ‖ message, and nothing else', async () => {
    const data = Buffer.from('{"a":1}');
    const authenticatorData = sha(HOST);
    const dataSig = nacl.sign.detached(await signDataPayload(data, authenticatorData), account.sk);
    expect(await verifyDataSignature({ data, authenticatorData, signerKey: account.addr.publicKey }, dataSig)).toBe(true);
    expect(await verifyDataSignature({ data: Buffer.from('{"a":2}'), authenticatorData, signerKey: account.addr.publicKey }, dataSig)).toBe(false);
    const messageSig = nacl.sign.detached(messagePayload('héllo'), account.sk);
    expect(await verifyMessageSignature('héllo', ADDRESS, messageSig)).toBe(true);
    expect(await verifyMessageSignature('hello', ADDRESS, messageSig)).toBe(false);
    // A signature over the bare message (no "MX") is not a message signature.
    expect(await verifyMessageSignature('héllo', ADDRESS, nacl.sign.detached(Buffer.from('héllo'), account.sk))).toBe(false);
  });
});

describe('the error table', () => {
  it('gives signData ARC-0060 / ARC-0001 codes and sign_message ARC-0027 codes', () => {
    expect(Object.fromEntries(Object.entries(DATA_ERROR_TABLE).map(([reason, row]) => [reason, [row.signData, row.signMessage]]))).toEqual({
      'invalid-input': [4300, 4200],
      'not-connected': [4100, 4100],
      'phone-cannot': [4003, 4003],
      'signer-not-paired': [4603, 4100],
      rejected: [4001, 4001],
      'timed-out': [4002, 4002],
      'invalid-scope': [4600, null],
      'failed-decoding': [4602, null],
      'missing-domain': [4607, null],
      'missing-authenticator-data': [4608, null],
      'failed-domain-auth': [4610, null],
      'bad-json': [4609, null],
      'hd-path': [4200, null],
      'transaction-shaped': [4300, null],
      'bad-signature': [4300, 4000],
    });
  });
  it('builds errors per method, and lets only known codes reach a page', () => {
    expect(dataError('sign_data', DataRefusal.FailedDomainAuth, 'm')).toEqual({ code: 4610, message: 'm' });
    expect(dataError('sign_message', DataRefusal.SignerNotPaired, 'm')).toEqual({ code: 4100, message: 'm' });
    expect(pageSignDataCode(4609)).toBe(4609);
    expect(pageSignDataCode(4001)).toBe(4001);
    expect(pageSignDataCode(4999)).toBe(4000);
    expect(pageSignDataCode('4610')).toBe(4000);
  });
});
