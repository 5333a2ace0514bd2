/**
 * A sign request whose signers are on two phones (#16 routing, requests/phone-dispatch.ts): each
 * phone is asked in turn with only its indexes to sign, the replies are merged and verified
 * together, one rejection answers the whole request, and a worker restart between the two turns
 * loses nothing.
 */
import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { TANDEM_PROVIDER_ID, type Arc27Request, type WalletTransaction } from '../../../lib/arc27/types';
import { createRequests } from '../../../entrypoints/background/requests';
import { parsePhoneReply } from '../../../lib/arc27/phone-envelope';
import type { Pairing } from '../../../lib/liquid/types';
import { ALICE, BOB, type TestAccount } from '../../fixtures/algorand/accounts';
import { TESTNET_HASH, b64, grouped, pay } from '../../fixtures/algorand/txns';
import { createBackground, sender } from './fakes';
import { verifySignedTxn } from '../../e2e/support/verify';

const PHONE_A: Pairing = { server: 'http://localhost:3000', requestId: 'r-a', wallet: ALICE.addr, credId: '', pairedAt: 1, phone: null };
const PHONE_B: Pairing = { ...PHONE_A, requestId: 'r-b', wallet: BOB.addr, pairedAt: 2 };
const enableReq: Arc27Request = { id: 'e', method: 'enable', reference: 'arc0027:enable:request', params: { providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH } };
const signReq = (txns: WalletTransaction[]): Arc27Request => ({ id: 's', method: 'sign_transactions', reference: 'arc0027:sign_transactions:request', params: { providerId: TANDEM_PROVIDER_ID, txns } });

/** Both phones paired, the site given both accounts, and a group ALICE → BOB → (dApp's own, unsigned). */
async function twoPhoneGroup() {
  const bg = createBackground({ pairings: [PHONE_A, PHONE_B] });
  await bg.requests.handle(sender(), 'connect', enableReq, {});
  await bg.requests.approve('connect', [ALICE.addr, BOB.addr]);
  const txns = grouped([pay({ sender: ALICE.addr, receiver: BOB.addr }), pay({ sender: BOB.addr, receiver: ALICE.addr }), pay({ sender: BOB.addr, receiver: ALICE.addr, amount: 7 })]);
  const request = [{ txn: b64(txns[0]!) }, { txn: b64(txns[1]!) }, { txn: b64(txns[2]!), signers: [] }];
  return { bg, request };
}

/** What a phone holding `account` answers: it signs every transaction of the frame with its key, whatever it was asked. */
function signsEverything(frame: Record<string, unknown>, account: TestAccount) {
  const txns = (frame.params as { txns: WalletTransaction[] }).txns;
  const stxns = txns.map((t) => algosdk.bytesToBase64(algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(t.txn)).signTxn(account.secretKey)));
  return { id: `reply-${String(frame.id)}`, reference: 'arc0027:sign_transactions:response', requestId: frame.id, result: { providerId: TANDEM_PROVIDER_ID, stxns } };
}
const signersOf = (frame: Record<string, unknown>) => (frame.params as { txns: WalletTransaction[] }).txns.map((t) => t.signers);

describe('a group signed by two phones', () => {
  it("asks phone A for its index, then phone B for its own, and answers with both signatures verified, taking neither phone's signature for the other's transaction", async () => {
    const { bg, request } = await twoPhoneGroup();
    await bg.requests.handle(sender(), 'k', signReq(request), {});
    await bg.requests.approve('k');
    // Phone A first, alone: B's transaction is in the group, for A to see, with nothing to sign.
    // The third (B's account, which the dApp keeps unsigned) goes to no phone (phone-request.ts).
    expect(bg.sentTo).toEqual(['r-a']);
    expect(signersOf(bg.frames[0]!)).toEqual([undefined, []]);
    await bg.phoneSays(signsEverything(bg.frames[0]!, ALICE));
    expect(bg.sentTo).toEqual(['r-a', 'r-b']);
    expect(signersOf(bg.frames[1]!)).toEqual([[], undefined]);
    expect(bg.answerOf('k')).toBeUndefined();
    await bg.phoneSays(signsEverything(bg.frames[1]!, BOB));

    const outcome = bg.answerOf('k');
    if (!outcome?.ok) throw new Error(`not signed: ${JSON.stringify(outcome)}`);
    const stxns = (outcome.result as { stxns: (string | null)[] }).stxns;
    expect(stxns[2]).toBeNull();
    // Checked independently (Node's Ed25519), each against its own account's key.
    verifySignedTxn(stxns[0]!, request[0]!.txn, ALICE.addr);
    verifySignedTxn(stxns[1]!, request[1]!.txn, BOB.addr);
    expect(bg.queueItem.value).toEqual([]);
  });

  it('one rejection (phone B) answers the whole request 4001, after phone A signed', async () => {
    const { bg, request } = await twoPhoneGroup();
    await bg.requests.handle(sender(), 'k', signReq(request), {});
    await bg.requests.approve('k');
    await bg.phoneSays(signsEverything(bg.frames[0]!, ALICE));
    await bg.phoneSays({ id: 'no', reference: 'arc0027:sign_transactions:response', requestId: bg.frames[1]!.id, error: { code: 4001, message: 'User rejected' } });
    expect(bg.answerOf('k')).toMatchObject({ ok: false, error: { code: 4001 } });
    expect(bg.queueItem.value).toEqual([]);
  });

  it("a signature from phone B that does not verify fails the request, though phone A's verified", async () => {
    const { bg, request } = await twoPhoneGroup();
    await bg.requests.handle(sender(), 'k', signReq(request), {});
    await bg.requests.approve('k');
    await bg.phoneSays(signsEverything(bg.frames[0]!, ALICE));
    // B's phone signs its transaction with the wrong key.
    await bg.phoneSays(signsEverything(bg.frames[1]!, ALICE));
    expect(bg.answerOf('k')).toMatchObject({ ok: false, error: { code: 4000, data: { index: 1 }, message: expect.stringContaining('invalid signature for txns[1]') } });
  });

  it("a worker restart between the two turns keeps phone A's signature and still asks phone B", async () => {
    const { bg, request } = await twoPhoneGroup();
    await bg.requests.handle(sender(), 'k', signReq(request), {});
    await bg.requests.approve('k');
    await bg.phoneSays(signsEverything(bg.frames[0]!, ALICE));
    expect(bg.queueItem.value[0]).toMatchObject({ leg: 1, legs: [{ pairingId: 'r-a', indexes: [0] }, { pairingId: 'r-b', indexes: [1] }] });
    // A new worker: nothing in memory, the queue as stored. B's phone answers the frame it already got.
    const restarted = createRequests(bg.edges);
    await restarted.onPhoneReply(parsePhoneReply(signsEverything(bg.frames[1]!, BOB)));
    expect(bg.answerOf('k')).toMatchObject({ ok: true });
  });
});

describe('each phone going offline and coming back', () => {
  it("phone B's return resends only what waits for phone B, and phone A's offline note leaves B's request alone", async () => {
    const { bg, request } = await twoPhoneGroup();
    await bg.requests.handle(sender(), 'k', signReq(request), {});
    await bg.requests.approve('k');
    await bg.phoneSays(signsEverything(bg.frames[0]!, ALICE));
    expect(bg.sentTo).toEqual(['r-a', 'r-b']);
    // A goes offline: the request now waits for B, so it gets no offline note.
    await bg.requests.onPhoneOffline('r-a');
    expect((bg.queueItem.value[0] as { lastError?: unknown }).lastError).toBeUndefined();
    // A coming back sends nothing (its leg is done); B coming back sends B's leg again under a fresh id.
    await bg.requests.onChannelOpen('r-a');
    expect(bg.sentTo).toEqual(['r-a', 'r-b']);
    await bg.requests.onPhoneOffline('r-b');
    expect(bg.queueItem.value[0]).toMatchObject({ lastError: { message: expect.stringMatching(/went offline/) } });
    await bg.requests.onChannelOpen('r-b');
    expect(bg.sentTo).toEqual(['r-a', 'r-b', 'r-b']);
    expect(bg.frames[2]!.id).not.toBe(bg.frames[1]!.id);
    await bg.phoneSays(signsEverything(bg.frames[2]!, BOB));
    expect(bg.answerOf('k')).toMatchObject({ ok: true });
  });
});

describe('data signing with several phones', () => {
  const messageReq = (signer: string): Arc27Request => ({ id: 'm', method: 'sign_message', reference: 'arc0027:sign_message:request', params: { message: 'hello', signer } } as unknown as Arc27Request);
  const signsMessages = { protocol: 'arc27' as const, methods: ['arc0027:sign_transactions', 'arc0027:sign_message'], accounts: [] };

  it("goes to the phone that holds the signer's key, and is sent again only when that phone comes back", async () => {
    const bg = createBackground({ pairings: [{ ...PHONE_A, phone: signsMessages }, { ...PHONE_B, phone: signsMessages }] });
    await bg.requests.handle(sender(), 'connect', enableReq, {});
    await bg.requests.approve('connect', [ALICE.addr, BOB.addr]);
    await bg.requests.handle(sender(), 'm', messageReq(BOB.addr), {});
    await bg.requests.approve('m');
    expect(bg.sentTo).toEqual(['r-b']);
    await bg.requests.onChannelOpen('r-a');
    expect(bg.sentTo).toEqual(['r-b']);
    await bg.requests.onChannelOpen('r-b');
    expect(bg.sentTo).toEqual(['r-b', 'r-b']);
  });
});
