import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { TANDEM_PROVIDER_ID, type Arc27Request, type WalletTransaction } from '../../../lib/arc27/types';
import { ALICE, CAROL } from '../../fixtures/algorand/accounts';
import { TESTNET_HASH, b64, grouped, pay } from '../../fixtures/algorand/txns';
import { createQueueStore } from '../../../entrypoints/background/queue';
import { createRequests } from '../../../entrypoints/background/requests';
import { createBackground, sender } from './fakes';

const PAIRING = { server: 'http://localhost:3000', requestId: 'r-1', wallet: ALICE.addr, credId: '', pairedAt: 1, phone: null };
const enableReq: Arc27Request = { id: 'e', method: 'enable', reference: 'arc0027:enable:request', params: { providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH } };
const postReq = (stxns: string[]): Arc27Request => ({ id: 'p', method: 'post_transactions', reference: 'arc0027:post_transactions:request', params: { providerId: TANDEM_PROVIDER_ID, stxns } });
const signAndPostReq = (txns: WalletTransaction[]): Arc27Request => ({
  id: 'sp',
  method: 'sign_and_post_transactions',
  reference: 'arc0027:sign_and_post_transactions:request',
  params: { providerId: TANDEM_PROVIDER_ID, txns },
});
const signedBy = (txn: algosdk.Transaction, key = ALICE.secretKey) => algosdk.bytesToBase64(txn.signTxn(key));

async function connected() {
  const bg = createBackground({ pairing: PAIRING });
  await bg.requests.handle(sender(), 'connect', enableReq, {});
  await bg.requests.approve('connect');
  return bg;
}

/** The phone signs every transaction of the last frame with ALICE's key. */
async function phoneSigns(bg: Awaited<ReturnType<typeof connected>>) {
  const frame = bg.frames.at(-1)!;
  const txns = (frame.params as { txns: WalletTransaction[] }).txns;
  const stxns = txns.map((t) => signedBy(algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(t.txn))));
  await bg.phoneSays({ id: 'reply', reference: 'arc0027:sign_transactions:response', requestId: frame.id, result: { providerId: TANDEM_PROVIDER_ID, stxns } });
}

describe('post_transactions', () => {
  it('queues the checked transactions for consent, sends them once approved, and answers every id', async () => {
    const bg = await connected();
    const [a, b] = grouped([pay({ amount: 1n }), pay({ amount: 2n })]);
    const alone = pay({ amount: 3n });
    expect(await bg.requests.handle(sender(), 'post', postReq([signedBy(a!), signedBy(b!), signedBy(alone)]), {})).toEqual({ state: 'pending' });
    const queued = bg.queueItem.value.find((e) => e.key === 'post');
    expect(queued).toMatchObject({ method: 'post_transactions', stage: 'awaiting-approval', auth: ['signature', 'signature', 'signature'], target: { network: 'TestNet', host: 'algod.test' } });
    // Nothing leaves before the user agrees.
    expect(bg.posted).toEqual([]);
    await bg.requests.approve('post');
    expect(bg.posted).toMatchObject([{ genesisHash: TESTNET_HASH, txIds: [a!.txID(), b!.txID(), alone.txID()], batches: [{ start: 0, end: 2 }, { start: 2, end: 3 }] }]);
    expect(bg.answerOf('post')).toEqual({ ok: true, result: { providerId: TANDEM_PROVIDER_ID, txnIDs: [a!.txID(), b!.txID(), alone.txID()] } });
  });

  it('answers 4300 with successTxnIDs when part of it fails', async () => {
    const bg = await connected();
    const first = pay({ amount: 1n });
    const second = pay({ amount: 2n });
    bg.state.postResults = [{ ok: true }, { ok: false, message: 'overspend' }];
    await bg.requests.handle(sender(), 'post', postReq([signedBy(first), signedBy(second)]), {});
    await bg.requests.approve('post');
    expect(bg.answerOf('post')).toMatchObject({ ok: false, error: { code: 4300, data: { successTxnIDs: [first.txID(), null] } } });
  });

  it('refuses at once: a site that is not connected (4100), a bad signature (4200), a network without a node', async () => {
    const stranger = createBackground({ pairing: PAIRING });
    expect(await stranger.requests.handle(sender(), 'p', postReq([signedBy(pay())]), {})).toMatchObject({ state: 'done', outcome: { ok: false, error: { code: 4100 } } });
    const bg = await connected();
    expect(await bg.requests.handle(sender(), 'bad', postReq([signedBy(pay(), CAROL.secretKey).slice(0, -8) + 'AAAAAAA=']), {})).toMatchObject({ state: 'done', outcome: { ok: false } });
    const { sig } = algosdk.decodeSignedTransaction(pay().signTxn(CAROL.secretKey));
    const forged = algosdk.bytesToBase64(algosdk.encodeMsgpack(new algosdk.SignedTransaction({ txn: pay(), sig })));
    expect(await bg.requests.handle(sender(), 'forged', postReq([forged]), {})).toMatchObject({ state: 'done', outcome: { ok: false, error: { code: 4200, data: { index: 0 } } } });
    bg.state.postTarget = null;
    expect(await bg.requests.handle(sender(), 'nonode', postReq([signedBy(pay())]), {})).toMatchObject({ state: 'done', outcome: { ok: false, error: { message: 'Tandem has no algod node for TestNet: set one in Settings → Network' } } });
    expect(bg.state.windowShown).toBe(1); // the connect prompt only
  });

  it('a rejected consent sends nothing (4001)', async () => {
    const bg = await connected();
    await bg.requests.handle(sender(), 'post', postReq([signedBy(pay())]), {});
    await bg.requests.reject('post');
    expect(bg.answerOf('post')).toMatchObject({ ok: false, error: { code: 4001 } });
    expect(bg.posted).toEqual([]);
  });

  it('a worker that stopped while sending sends on after its restart, and answers once', async () => {
    const bg = await connected();
    await bg.requests.handle(sender(), 'post', postReq([signedBy(pay())]), {});
    // The stopped worker had moved the entry to 'posting' (its send never came back).
    bg.queueItem.value = bg.queueItem.value.map((e) => (e.key === 'post' && e.method === 'post_transactions' ? { ...e, stage: 'posting' as const } : e));
    // A new worker: new request modules over the same storage.
    const restarted = createRequests({ ...bg.edges, queue: createQueueStore(bg.queueItem) });
    await restarted.resume();
    expect(bg.posted).toHaveLength(1);
    expect(bg.pushed.filter((p) => p.key === 'post')).toHaveLength(1);
    expect(bg.answerOf('post')).toMatchObject({ ok: true });
  });
});

describe('sign_and_post_transactions', () => {
  it('signs on the phone, verifies, sends, and answers the ids', async () => {
    const bg = await connected();
    const txn = pay({ amount: 5n });
    expect(await bg.requests.handle(sender(), 'sp', signAndPostReq([{ txn: b64(txn) }]), {})).toEqual({ state: 'pending' });
    expect(bg.queueItem.value.find((e) => e.key === 'sp')).toMatchObject({ method: 'sign_transactions', post: { network: 'TestNet' } });
    await bg.requests.approve('sp');
    await phoneSigns(bg);
    expect(bg.posted).toHaveLength(1);
    expect(bg.posted[0]!.signed[0]).toEqual(txn.signTxn(ALICE.secretKey));
    expect(bg.answerOf('sp')).toEqual({ ok: true, result: { providerId: TANDEM_PROVIDER_ID, txnIDs: [txn.txID()] } });
  });

  it("sends the dApp's own signed entries with the phone's, and refuses an entry nobody signs (4200)", async () => {
    const bg = await connected();
    const [mine, theirs] = grouped([pay({ amount: 1n }), pay({ sender: CAROL.addr, receiver: ALICE.addr, amount: 2n })]);
    await bg.requests.handle(sender(), 'sp', signAndPostReq([{ txn: b64(mine!) }, { txn: b64(theirs!), signers: [], stxn: signedBy(theirs!, CAROL.secretKey) }]), {});
    await bg.requests.approve('sp');
    await phoneSigns(bg);
    expect(bg.answerOf('sp')).toMatchObject({ ok: true, result: { txnIDs: [mine!.txID(), theirs!.txID()] } });
    expect(bg.posted[0]!.batches).toEqual([{ start: 0, end: 2 }]);

    const bare = await bg.requests.handle(sender(), 'bare', signAndPostReq([{ txn: b64(mine!) }, { txn: b64(theirs!), signers: [] }]), {});
    expect(bare).toMatchObject({ state: 'done', outcome: { ok: false, error: { code: 4200, data: { index: 1 } } } });
  });

  it('a phone rejection sends nothing', async () => {
    const bg = await connected();
    await bg.requests.handle(sender(), 'sp', signAndPostReq([{ txn: b64(pay()) }]), {});
    await bg.requests.approve('sp');
    const frame = bg.frames.at(-1)!;
    await bg.phoneSays({ id: 'r', reference: 'arc0027:sign_transactions:response', requestId: frame.id, error: { code: 4001, message: 'no' } });
    expect(bg.answerOf('sp')).toMatchObject({ ok: false, error: { code: 4001 } });
    expect(bg.posted).toEqual([]);
  });
});
