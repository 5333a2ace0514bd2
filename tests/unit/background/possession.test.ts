/**
 * Proof of possession per paired phone (entrypoints/background/possession.ts): each pairing's phone
 * signs its own challenge, answers only count from that phone, and one pairing's entry never
 * overwrites another's.
 */
import * as algosdk from 'algosdk';
import { describe, expect, it, vi } from 'vitest';
import { createPossessionCheck, CHALLENGE_DEADLINE_MS } from '../../../entrypoints/background/possession';
import type { PhoneReply } from '../../../lib/arc27/phone-envelope';
import { arc27Error, Arc27ErrorCode, type WalletTransaction } from '../../../lib/arc27/types';
import { fromBase64Strict, toBase64 } from '../../../lib/encoding/base64';
import type { Pairing } from '../../../lib/liquid/types';
import { messageError } from '../../../lib/messaging/result';
import { fail, ok } from '../../../lib/result';
import type { PairingVerification } from '../../../lib/storage/types';
import { MemoryValue } from './fakes';

const phoneA = algosdk.generateAccount();
const phoneB = algosdk.generateAccount();

const pairingOf = (requestId: string, account: algosdk.Account): Pairing => ({
  server: 'http://localhost:3000',
  requestId,
  wallet: account.addr.toString(),
  credId: `cred-${requestId}`,
  pairedAt: 1,
  phone: null,
});
const A = pairingOf('pairing-a', phoneA);
const B = pairingOf('pairing-b', phoneB);

/** The phone's signature over the challenge it was sent, as a reply to `id`. */
const signedReply = (id: string, txn: string, account: algosdk.Account): PhoneReply => ({
  kind: 'reply',
  requestId: id,
  stxns: [toBase64(algosdk.decodeUnsignedTransaction(fromBase64Strict(txn)!).signTxn(account.sk))],
});

interface Sent {
  pairingId: string;
  id: string;
  txns: WalletTransaction[];
}

function setup(options: { stored?: Record<string, PairingVerification>; online?: boolean; slowWrites?: boolean } = {}) {
  let ids = 0;
  let now = 1_000;
  const timers: (() => void)[] = [];
  const sent: Sent[] = [];
  const item = new MemoryValue<Record<string, PairingVerification>>(options.stored ?? {});
  // A storage write that takes a while, so overlapping changes would lose one another's entries.
  const setValue = item.setValue.bind(item);
  item.setValue = async (value) => {
    if (options.slowWrites) await new Promise((resolve) => setTimeout(resolve, 5));
    await setValue(value);
  };
  const possession = createPossessionCheck({
    phone: {
      sendSign: async (pairingId, id, txns) => {
        sent.push({ pairingId, id, txns });
        return options.online === false ? fail(messageError('unavailable', 'no channel')) : ok({});
      },
    },
    item,
    now: () => now,
    newId: () => `challenge-${++ids}`,
    randomBytes: (n) => new Uint8Array(n).fill(ids),
    setTimeout: (fn) => timers.push(fn),
  });
  const sentTo = (pairing: Pairing) => sent.filter((s) => s.pairingId === pairing.requestId);
  return { possession, item, sent, sentTo, timers, advance: (ms: number) => (now += ms) };
}

describe('proof of possession, one entry per pairing', () => {
  it('sends the challenge to the pairing’s own phone and records it as checking under its requestId', async () => {
    const { possession, item, sent } = setup();
    await possession.onChannelOpen(A, 'fp-a');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ pairingId: A.requestId, id: 'challenge-1' });
    expect(item.value).toEqual({ [A.requestId]: { state: 'checking', requestId: A.requestId, wallet: A.wallet, challengeId: 'challenge-1', txn: sent[0]!.txns[0]!.txn, startedAt: 1_000 } });
  });

  it('the phone’s signature over the challenge verifies the pairing', async () => {
    const { possession, item, sent } = setup();
    await possession.onChannelOpen(A, 'fp-a');
    expect(await possession.onPhoneReply(A.requestId, signedReply(sent[0]!.id, sent[0]!.txns[0]!.txn, phoneA))).toBe(true);
    expect(item.value[A.requestId]).toEqual({ state: 'verified', requestId: A.requestId, wallet: A.wallet, at: 1_000 });
  });

  it('a signature by another key leaves the pairing not verified', async () => {
    const { possession, item, sent } = setup();
    await possession.onChannelOpen(A, 'fp-a');
    expect(await possession.onPhoneReply(A.requestId, signedReply(sent[0]!.id, sent[0]!.txns[0]!.txn, phoneB))).toBe(true);
    expect(item.value[A.requestId]).toMatchObject({ state: 'not-verified', reason: { key: 'verify_wrong_signature' } });
  });

  it('a refusal, an offline phone and a silent phone each leave the pairing not verified', async () => {
    const refused = setup();
    await refused.possession.onChannelOpen(A, 'fp-a');
    const error: PhoneReply = { kind: 'error', requestId: refused.sent[0]!.id, error: arc27Error(Arc27ErrorCode.MethodCanceled, 'User rejected') };
    expect(await refused.possession.onPhoneReply(A.requestId, error)).toBe(true);
    expect(refused.item.value[A.requestId]).toMatchObject({ state: 'not-verified', reason: { key: 'verify_refused', params: ['User rejected'] } });

    const offline = setup({ online: false });
    await offline.possession.onChannelOpen(A, 'fp-a');
    expect(offline.item.value[A.requestId]).toMatchObject({ state: 'not-verified', reason: { key: 'verify_offline' } });

    const silent = setup();
    await silent.possession.onChannelOpen(A, 'fp-a');
    silent.timers.forEach((fire) => fire());
    await vi.waitFor(() => expect(silent.item.value[A.requestId]).toMatchObject({ state: 'not-verified', reason: { key: 'verify_no_answer' } }));
  });

  it('a verified pairing is not asked again on a later connection, unless forced; a stale check is', async () => {
    const { possession, sent, advance } = setup();
    await possession.onChannelOpen(A, 'fp-a');
    await possession.onChannelOpen(A, 'fp-a');
    expect(sent).toHaveLength(1); // still checking, within the deadline
    advance(CHALLENGE_DEADLINE_MS);
    await possession.onChannelOpen(A, 'fp-a');
    expect(sent).toHaveLength(2);
    await possession.onPhoneReply(A.requestId, signedReply(sent[1]!.id, sent[1]!.txns[0]!.txn, phoneA));
    await possession.onChannelOpen(A, 'fp-a');
    expect(sent).toHaveLength(2);
    await possession.onChannelOpen(A, 'fp-a', { force: true });
    expect(sent).toHaveLength(3);
  });

  it('two pairings checked at the same time both end verified, each in its own entry', async () => {
    const { possession, item, sentTo } = setup({ slowWrites: true });
    await Promise.all([possession.onChannelOpen(A, 'fp-a'), possession.onChannelOpen(B, 'fp-b')]);
    const [toA, toB] = [sentTo(A)[0]!, sentTo(B)[0]!];
    expect(toA.id).not.toBe(toB.id);
    expect(Object.keys(item.value).sort()).toEqual([A.requestId, B.requestId]);
    const answers = await Promise.all([
      possession.onPhoneReply(A.requestId, signedReply(toA.id, toA.txns[0]!.txn, phoneA)),
      possession.onPhoneReply(B.requestId, signedReply(toB.id, toB.txns[0]!.txn, phoneB)),
    ]);
    expect(answers).toEqual([true, true]);
    expect(item.value).toEqual({
      [A.requestId]: { state: 'verified', requestId: A.requestId, wallet: A.wallet, at: 1_000 },
      [B.requestId]: { state: 'verified', requestId: B.requestId, wallet: B.wallet, at: 1_000 },
    });
  });

  it('an answer to phone A’s challenge arriving from phone B is not consumed as A’s', async () => {
    const { possession, item, sentTo } = setup();
    await possession.onChannelOpen(A, 'fp-a');
    await possession.onChannelOpen(B, 'fp-b');
    const toA = sentTo(A)[0]!;
    // Even correctly signed by A's key: it did not come over A's channel.
    expect(await possession.onPhoneReply(B.requestId, signedReply(toA.id, toA.txns[0]!.txn, phoneA))).toBe(false);
    expect(item.value[A.requestId]).toMatchObject({ state: 'checking', challengeId: toA.id });
    expect(item.value[B.requestId]).toMatchObject({ state: 'checking' });
    // From A's own phone it counts.
    expect(await possession.onPhoneReply(A.requestId, signedReply(toA.id, toA.txns[0]!.txn, phoneA))).toBe(true);
    expect(item.value[A.requestId]).toMatchObject({ state: 'verified' });
  });

  it('a reply to no challenge is not consumed (it is a dApp request’s)', async () => {
    const { possession } = setup();
    await possession.onChannelOpen(A, 'fp-a');
    expect(await possession.onPhoneReply(A.requestId, { kind: 'reply', requestId: 'dapp-request', stxns: [] })).toBe(false);
    expect(await possession.onPhoneReply(A.requestId, { kind: 'invalid', reason: 'unreadable' })).toBe(false);
    expect(await possession.onPhoneReply('', { kind: 'reply', requestId: 'challenge-1', stxns: [] })).toBe(false);
  });

  it('forget(A) drops only A’s entry; B’s stays, and a late answer to A’s challenge is no longer consumed', async () => {
    const { possession, item, sentTo } = setup();
    await possession.onChannelOpen(A, 'fp-a');
    await possession.onChannelOpen(B, 'fp-b');
    const toB = sentTo(B)[0]!;
    await possession.onPhoneReply(B.requestId, signedReply(toB.id, toB.txns[0]!.txn, phoneB));
    await possession.forget(A.requestId);
    expect(item.value).toEqual({ [B.requestId]: { state: 'verified', requestId: B.requestId, wallet: B.wallet, at: 1_000 } });
    const toA = sentTo(A)[0]!;
    expect(await possession.onPhoneReply(A.requestId, signedReply(toA.id, toA.txns[0]!.txn, phoneA))).toBe(false);
    expect(Object.keys(item.value)).toEqual([B.requestId]);
  });

  it('keep drops every pairing not named, and writes nothing when none goes', async () => {
    const { possession, item } = setup();
    await possession.onChannelOpen(A, 'fp-a');
    await possession.onChannelOpen(B, 'fp-b');
    const writes = item.writes;
    await possession.keep([A.requestId, B.requestId]);
    expect(item.writes).toBe(writes);
    await possession.keep([B.requestId]);
    expect(Object.keys(item.value)).toEqual([B.requestId]);
    await possession.keep([]);
    expect(item.value).toEqual({});
  });

  it('a proof stored for a pairing is kept by requestId and wallet: the same requestId naming another account is checked again', async () => {
    const stored = { [A.requestId]: { state: 'verified', requestId: A.requestId, wallet: A.wallet, at: 5 } } as const;
    const { possession, sent, item } = setup({ stored: { ...stored } });
    await possession.onChannelOpen(A, 'fp-a');
    expect(sent).toHaveLength(0);
    const other = { ...A, wallet: phoneB.addr.toString() };
    await possession.onChannelOpen(other, 'fp-a');
    expect(sent).toHaveLength(1);
    expect(item.value[A.requestId]).toMatchObject({ state: 'checking', wallet: other.wallet });
  });
});
