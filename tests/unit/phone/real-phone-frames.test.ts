/**
 * Every frame shape of liquid-protocol.md §8, as each real phone sends it, through the classifier
 * and the signature check Tandem runs on it.
 */
import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { decodeWalletTransactions } from '../../../lib/algorand/decode';
import { checkPhoneReply } from '../../../lib/algorand/signatures';
import { toBase64Url } from '../../../lib/encoding/base64';
import { decodeFrame } from '../../../lib/liquid/frames';
import { connectionsErrorCode, isConnectionsEnvelope, parseConnectionsReply } from '../../../lib/phone/connections';
import { phoneCanServe, readAnnouncedMethods } from '../../../lib/phone/methods';
import { classifyPhoneEnvelope } from '../../../lib/phone/replies';
import { ALICE, BOB, rawSign } from '../../fixtures/algorand/accounts';
import { b64, grouped, pay } from '../../fixtures/algorand/txns';

const unpadded = (bytes: Uint8Array) => toBase64Url(bytes).replace(/=+$/, '');

describe('envelope detection', () => {
  it('a JSON frame with v: 1 is the connections envelope; ARC-0027 envelopes (CBOR or JSON) are not', () => {
    const json = decodeFrame(JSON.stringify({ v: 1, kind: 'response', id: 'a', result: {} }));
    expect(json.kind === 'envelope' && isConnectionsEnvelope(json.envelope)).toBe(true);
    expect(isConnectionsEnvelope({ v: '1', kind: 'response' })).toBe(false);
    expect(isConnectionsEnvelope({ v: 2 })).toBe(false);
    expect(isConnectionsEnvelope({ id: 'a', reference: 'arc0027:sign_transactions:response', requestId: 'r' })).toBe(false);
  });

  it("the iOS SDK's ping is its own kind, not an invalid frame", () => {
    expect(decodeFrame('ping')).toEqual({ kind: 'ping' });
    expect(decodeFrame('pong').kind).toBe('invalid');
  });
});

describe('iOS reference SDK', () => {
  it('raw signatures in unpadded base64url are accepted', async () => {
    const txns = grouped([pay(), pay({ amount: 3 })]);
    const decoded = decodeWalletTransactions(txns.map((t) => ({ txn: b64(t) })));
    if (!decoded.ok) throw new Error('fixture');
    const stxns = txns.map((t) => unpadded(rawSign(t.toByte(), ALICE)));
    const envelope = { id: 'B3F1C2D4-0000-4000-8000-000000000000', reference: 'arc0027:sign_transactions:response', requestId: 'r', result: { providerId: 'ios', stxns } };
    const reply = classifyPhoneEnvelope(envelope);
    expect(reply).toMatchObject({ kind: 'reply', requestId: 'r' });
    const checked = await checkPhoneReply(decoded.value, reply.kind === 'reply' ? reply.stxns : null);
    expect(checked.ok).toBe(true);
  });

  it('a shorter stxns (a skipped transaction) is an error naming the counts', async () => {
    const txns = grouped([pay(), pay({ amount: 3 })]);
    const decoded = decodeWalletTransactions(txns.map((t) => ({ txn: b64(t) })));
    if (!decoded.ok) throw new Error('fixture');
    const checked = await checkPhoneReply(decoded.value, [unpadded(rawSign(txns[1]!.toByte(), ALICE))]);
    expect(checked).toMatchObject({ ok: false, error: { message: 'the phone returned 1 signature for 2 transactions' } });
  });
});

describe('Biatec Wallet', () => {
  it('the hello reply gives its methods; a reply without methods announces nothing', () => {
    expect(classifyPhoneEnvelope({ id: 'p', requestId: 'h', reference: 'biatec:hello:response', result: { providerId: 'b', wallet: ALICE.addr, name: 'Biatec Wallet', version: '1', methods: ['arc0027:sign_transactions', 'arc0060:sign_data'] } })).toEqual({
      kind: 'hello',
      requestId: 'h',
      wallet: ALICE.addr,
      name: 'Biatec Wallet',
      methods: ['arc0027:sign_transactions', 'arc0060:sign_data'],
    });
    expect(classifyPhoneEnvelope({ id: 'p', requestId: 'h', reference: 'biatec:hello:response', result: {} })).toMatchObject({ kind: 'hello', methods: null });
  });

  it('full signed transactions (unpadded base64url) and null are accepted; what it signed at a signers: [] position is replaced by null', async () => {
    const [mine, foreign] = grouped([pay(), pay({ sender: BOB.addr })]);
    const decoded = decodeWalletTransactions([{ txn: b64(mine!) }, { txn: b64(foreign!), signers: [] }]);
    if (!decoded.ok) throw new Error('fixture');
    const signedMine = unpadded(mine!.signTxn(ALICE.secretKey));
    const signedForeign = unpadded(foreign!.signTxn(BOB.secretKey));
    const checked = await checkPhoneReply(decoded.value, [signedMine, signedForeign]);
    expect(checked.ok && checked.value[1]).toBeNull();
    expect(checked.ok && algosdk.decodeSignedTransaction(algosdk.base64ToBytes(checked.value[0]!)).txn.txID()).toBe(mine!.txID());
  });

  it.each([
    [4001, 4001],
    [4100, 4100],
    [4200, 4200],
    [4000, 4000],
    [4003, 4003],
  ])('error %i reaches the dApp as %i', (phoneCode, dappCode) => {
    const reply = classifyPhoneEnvelope({ id: 'p', requestId: 'r', reference: 'arc0027:sign_transactions:response', error: { code: phoneCode, message: 'm', providerId: 'b' } });
    expect(reply).toEqual({ kind: 'error', requestId: 'r', error: { code: dappCode, message: 'm' } });
  });
});

describe('connections envelope', () => {
  it('connect names several accounts and the wallet', () => {
    expect(parseConnectionsReply({ v: 1, kind: 'response', id: 'c', result: { domains: { accounts: [{ address: ALICE.addr, name: 'A' }, { address: BOB.addr, name: 'B' }, { address: 'short' }] }, metadata: { name: 'Wallet', icon: 'x' } } })).toEqual({
      kind: 'connected',
      requestId: 'c',
      accounts: [{ address: ALICE.addr, name: 'A' }, { address: BOB.addr, name: 'B' }],
      methods: null,
      name: 'Wallet',
    });
    expect(parseConnectionsReply({ v: 1, kind: 'response', id: 'c', result: { domains: { accounts: [] } } })).toMatchObject({ kind: 'invalid' });
  });

  it('sign_transactions answers with standard base64 signed transactions or null', () => {
    expect(parseConnectionsReply({ v: 1, kind: 'response', id: 's', result: { stxns: ['AAAA', null] } })).toEqual({ kind: 'reply', requestId: 's', stxns: ['AAAA', null] });
  });

  it.each([
    ['rejected', 4001],
    ['method_not_found', 4003],
    ['handler_error', 4000],
    ['timeout', 4002],
    ['transport_closed', 4000],
    ['anything else', 4000],
  ])('string error code %s maps to %i', (code, expected) => {
    expect(connectionsErrorCode(code)).toBe(expected);
    expect(parseConnectionsReply({ v: 1, kind: 'response', id: 's', error: { code, message: 'why' } })).toEqual({ kind: 'error', requestId: 's', error: { code: expected, message: 'why' } });
  });

  it('a request echoed back or a frame without id is unusable', () => {
    expect(parseConnectionsReply({ v: 1, kind: 'request', id: 's', method: 'x' })).toMatchObject({ kind: 'invalid' });
    expect(parseConnectionsReply({ v: 1, kind: 'response', result: {} })).toMatchObject({ kind: 'invalid' });
  });
});

describe('capabilities', () => {
  it('a phone that said nothing signs transactions only', () => {
    expect(phoneCanServe(null, 'sign_transactions')).toBe(true);
    expect(phoneCanServe(null, 'sign_message')).toBe(false);
    expect(phoneCanServe(null, 'sign_data')).toBe(false);
    expect(phoneCanServe(null, 'discover')).toBe(true);
    expect(phoneCanServe(['arc0060:sign_data'], 'sign_data')).toBe(true);
    expect(phoneCanServe(['arc0060:sign_data'], 'sign_and_post_transactions')).toBe(false);
  });

  it('keeps announced methods bounded and clean', () => {
    expect(readAnnouncedMethods('arc0027:sign_transactions')).toBeNull();
    expect(readAnnouncedMethods(['a', 'a', 7, '', 'x'.repeat(65)])).toEqual(['a']);
    expect(readAnnouncedMethods(Array.from({ length: 100 }, (_, i) => `m${i}`))).toHaveLength(32);
  });
});
