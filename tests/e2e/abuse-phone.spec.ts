/**
 * A phone that sends malformed frames, replies to requests it was never sent, replays an old reply or
 * signs other bytes: every such frame is refused, none reaches a dApp (its answer is exactly the
 * honest one, or an error), and the channel stays up.
 */
import { randomUUID } from 'node:crypto';
import algosdk from 'algosdk';
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { storedQueue } from './support/extension-state';
import { connectDapp, pairPhone } from './support/flows';
import { approveOnPhone, bytesFrame, cborFrame, cborValueFrame, envelopeOf, pendingOnPhone, recordSentFrames, sentFrames, trySendRawFrame } from './support/hostile-phone';
import { errorOf, stxnsOf, type SignOutcome } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';

const RESPONSE = 'arc0027:sign_transactions:response';
const OTHER_ADDRESS = algosdk.encodeAddress(new Uint8Array(32).fill(0x42));

/** A syntactically valid reply from the phone. */
const reply = (requestId: string, stxns: unknown[]) => ({ id: randomUUID(), reference: RESPONSE, requestId, result: { providerId: randomUUID(), stxns } });

test.describe('a misbehaving phone', () => {
  test('malformed frames, stray replies and a replayed reply are dropped; the dApp gets the honest answer and the channel stays up', async ({ context, extensionId, server, seedSettings, worker }) => {
    await seedSettings({});
    const { address, wallet, popup } = await pairPhone(context, extensionId, server);
    await recordSentFrames(wallet);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);

    // A first request, honestly answered: its reply frame is kept for the replay.
    const first = await dapp.buildPayment(address, { note: 'first' });
    const signingFirst = dapp.signTransactions([{ txn: first }]);
    await (await ApprovalPage.find(context, extensionId)).approveSign();
    verifySignedTxn(stxnsOf((await signingFirst) as SignOutcome)[0]!, first, address);
    const firstReply = (await sentFrames(wallet)).find((f) => envelopeOf(f).reference === RESPONSE)!;
    const firstStxns = (envelopeOf(firstReply).result as { stxns: unknown[] }).stxns;

    // A second request waits on the phone while the phone misbehaves.
    await wallet.setAutoApprove(false);
    const second = await dapp.buildPayment(address, { note: 'second' });
    const signingSecond = dapp.signTransactions([{ txn: second }]);
    await (await ApprovalPage.find(context, extensionId)).approveSign();
    const pending = await pendingOnPhone(wallet);
    let settled = false;
    void signingSecond.then(() => (settled = true));

    const deep = new Uint8Array(180_000).fill(0x81);
    const hostile: [string, string][] = [
      ['text that is neither JSON nor base64url', '%%% not a frame %%%'],
      ['a frame that starts like JSON and is not', '{"requestId": '],
      ['base64url of bytes that are not CBOR', bytesFrame(new Uint8Array([0x1c, 0x1d, 0x1e, 0xff]))],
      ['CBOR that is an array, not a map', cborValueFrame([pending, firstStxns])],
      ['CBOR that is a string', cborValueFrame(pending)],
      ['a CBOR map without requestId', cborFrame({ result: { stxns: firstStxns } })],
      ['CBOR arrays nested 180,000 deep (240,000 characters)', bytesFrame(deep)],
      ['a reply of 2,048 junk entries (224,000 characters) to a request never sent', cborFrame(reply(randomUUID(), Array.from({ length: 2048 }, () => 'A'.repeat(80))))],
      ['a reply to a request never sent', cborFrame(reply(randomUUID(), firstStxns))],
      ['an error reply to a request never sent', cborFrame({ id: randomUUID(), reference: RESPONSE, requestId: randomUUID(), error: { code: 4001, message: 'no' } })],
      ['the first request\'s reply again (replay)', firstReply],
      ['a reply to the pending request labelled as a request', cborFrame({ ...reply(pending, firstStxns), reference: 'arc0027:sign_transactions:request' })],
      ['a credential frame naming another account', JSON.stringify({ type: 'credential', address: OTHER_ADDRESS, device: 'evil', origin: server.url, id: 'x', prevCounter: 0 })],
    ];
    const lengths: string[] = [];
    for (const [name, frame] of hostile) {
      expect(await trySendRawFrame(wallet, frame), name).toBeNull();
      lengths.push(`${name}: ${frame.length} chars`);
    }
    console.log(lengths.join('\n'));
    // Chromium will not even send a frame over the data channel's 256 KiB message limit.
    const oversized = await trySendRawFrame(wallet, 'A'.repeat(300_000));
    console.log(`a 300,000-character frame: ${oversized}`);
    expect(oversized).toMatch(/max-message-size|too large|exceeds/i);

    // The channel is still up on both ends and nothing reached the dApp; the phone's honest answer does.
    await expect(popup.phase()).toHaveAttribute('data-phase', 'connected');
    expect(await wallet.phase()).toBe('connected');
    expect(settled).toBe(false);
    await approveOnPhone(wallet, pending);
    verifySignedTxn(stxnsOf((await signingSecond) as SignOutcome)[0]!, second, address);
    await expect.poll(() => storedQueue(worker)).toEqual([]);

    // And the link still carries the next request.
    await wallet.setAutoApprove(true);
    const third = await dapp.buildPayment(address, { note: 'third' });
    const signingThird = dapp.signTransactions([{ txn: third }]);
    await (await ApprovalPage.find(context, extensionId)).approveSign();
    verifySignedTxn(stxnsOf((await signingThird) as SignOutcome)[0]!, third, address);
  });

  test('signatures over other bytes are refused: a replayed reply aimed at a new request, and a wrong-txn phone', async ({ context, extensionId, server, seedSettings, worker }) => {
    await seedSettings({});
    // The reference phone answers with raw 64-byte signatures: nothing but the signature to check.
    const { address, wallet, popup } = await pairPhone(context, extensionId, server, 'reference');
    await recordSentFrames(wallet);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const first = await dapp.buildPayment(address, { note: 'first' });
    const signingFirst = dapp.signTransactions([{ txn: first }]);
    await (await ApprovalPage.find(context, extensionId)).approveSign();
    const firstSigned = stxnsOf((await signingFirst) as SignOutcome)[0]!;
    verifySignedTxn(firstSigned, first, address);
    const firstReply = envelopeOf((await sentFrames(wallet)).find((f) => !f.startsWith('{') && envelopeOf(f).reference === RESPONSE)!);

    // The old signature, re-addressed to the pending request: it does not sign these bytes.
    await wallet.setAutoApprove(false);
    const second = await dapp.buildPayment(address, { note: 'second' });
    const signingSecond = dapp.signTransactions([{ txn: second }]);
    await (await ApprovalPage.find(context, extensionId)).approveSign();
    const pending = await pendingOnPhone(wallet);
    expect(await trySendRawFrame(wallet, cborFrame({ ...firstReply, id: randomUUID(), requestId: pending }))).toBeNull();
    const replayed = await signingSecond;
    const error = errorOf(replayed);
    expect(error.code).toBe(4000);
    expect(error.message).toMatch(/invalid signature for txns\[0\]/);
    expect(JSON.stringify(replayed)).not.toContain(firstSigned);

    // A phone that signs a different transaction than the one approved.
    await wallet.setAutoApprove(true);
    await wallet.setFault('wrong-txn');
    const third = await dapp.buildPayment(address, { note: 'third' });
    const signingThird = dapp.signTransactions([{ txn: third }]);
    await (await ApprovalPage.find(context, extensionId)).approveSign();
    expect(errorOf(await signingThird)).toMatchObject({ code: 4000, message: expect.stringMatching(/invalid signature for txns\[0\]/) });

    // The channel is up and an honest reply still goes through.
    await expect(popup.phase()).toHaveAttribute('data-phase', 'connected');
    await wallet.setFault('none');
    const fourth = await dapp.buildPayment(address, { note: 'fourth' });
    const signingFourth = dapp.signTransactions([{ txn: fourth }]);
    await (await ApprovalPage.find(context, extensionId)).approveSign();
    verifySignedTxn(stxnsOf((await signingFourth) as SignOutcome)[0]!, fourth, address);
    await expect.poll(() => storedQueue(worker)).toEqual([]);
  });
});
