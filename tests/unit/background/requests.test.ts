import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { TANDEM_PROVIDER_ID, type Arc27Request, type WalletTransaction } from '../../../lib/arc27/types';
import { MAX_CONNECTS_PER_TAB, MAX_OPEN_PER_ORIGIN } from '../../../entrypoints/background/requests/admission';
import { ALICE, CAROL } from '../../fixtures/algorand/accounts';
import { TESTNET_HASH, b64, grouped, pay } from '../../fixtures/algorand/txns';
import { ORIGIN, createBackground, sender } from './fakes';

const PAIRING = { server: 'http://localhost:3000', requestId: 'r-1', wallet: ALICE.addr, credId: '', pairedAt: 1, phone: null };
const enableReq = (silent = false): Arc27Request => ({
  id: 'e',
  method: 'enable',
  reference: 'arc0027:enable:request',
  params: silent ? { providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH, tandem: { silent: true } } : { providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH },
});
const signReq = (txns: WalletTransaction[]): Arc27Request => ({ id: 's', method: 'sign_transactions', reference: 'arc0027:sign_transactions:request', params: { providerId: TANDEM_PROVIDER_ID, txns } });

/** A connected site: enable, approved. */
async function connected(bg = createBackground({ pairing: PAIRING })) {
  await bg.requests.handle(sender(), 'connect', enableReq(), {});
  await bg.requests.approve('connect');
  return bg;
}

/** The phone's spec reply to the last frame sent: every transaction signed by ALICE. */
function phoneReply(frame: Record<string, unknown>) {
  const txns = (frame.params as { txns: WalletTransaction[] }).txns;
  const stxns = txns.map((t) => algosdk.bytesToBase64(algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(t.txn)).signTxn(ALICE.secretKey)));
  return { id: 'reply', reference: 'arc0027:sign_transactions:response', requestId: frame.id, result: { providerId: TANDEM_PROVIDER_ID, stxns } };
}

describe('session methods', () => {
  it('queues an enable, shows the window, and answers every waiting enable of the site with the one approval', async () => {
    const bg = createBackground({ pairing: PAIRING });
    expect(await bg.requests.handle(sender(), 'a', enableReq(), { name: 'Shop' })).toEqual({ state: 'pending' });
    expect(await bg.requests.handle(sender(), 'b', enableReq(), {})).toEqual({ state: 'pending' });
    expect(bg.state.windowShown).toBe(2);
    expect(bg.state.badge.at(-1)).toBe(2);
    await bg.requests.approve('a');
    for (const key of ['a', 'b']) expect(bg.answerOf(key)).toMatchObject({ ok: true, result: { accounts: [{ address: ALICE.addr }], genesisHash: TESTNET_HASH } });
    expect(Object.values(bg.sitesItem.value)).toMatchObject([{ origin: ORIGIN, accounts: [ALICE.addr], name: 'Shop' }]);
    // Delivered answers leave the queue; the window closes with nothing left.
    expect(bg.queueItem.value).toEqual([]);
    expect(bg.state.windowClosed).toBeGreaterThan(0);
  });

  it('answers a silent enable from the session, or 4100 without queueing or a window', async () => {
    const bg = createBackground({ pairing: PAIRING });
    const refused = await bg.requests.handle(sender(), 'quiet', enableReq(true), {});
    expect(refused).toMatchObject({ state: 'done', outcome: { ok: false, error: { code: 4100 } } });
    expect(bg.queueItem.writes).toBe(0);
    expect(bg.state.windowShown).toBe(0);
    await connected(bg);
    expect(await bg.requests.handle(sender(), 'quiet-2', enableReq(true), {})).toMatchObject({ state: 'done', outcome: { ok: true, result: { accounts: [{ address: ALICE.addr }] } } });
  });

  it('disable revokes the site and writes nothing when there was nothing to revoke', async () => {
    const bg = createBackground({ pairing: PAIRING });
    const disable: Arc27Request = { id: 'd', method: 'disable', reference: 'arc0027:disable:request', params: { providerId: TANDEM_PROVIDER_ID } };
    await bg.requests.handle(sender(), 'd0', disable, {});
    expect(bg.sitesItem.writes).toBe(0);
    await connected(bg);
    const answer = await bg.requests.handle(sender(), 'd1', disable, {});
    expect(answer).toMatchObject({ state: 'done', outcome: { ok: true, result: { sessionIds: [expect.any(String)] } } });
    expect(bg.sitesItem.value).toEqual({});
  });
});

describe('admission', () => {
  it('refuses a site with no session (4100) and a blocked site (4001) without queueing', async () => {
    const bg = createBackground({ pairing: PAIRING });
    const txn = b64(pay());
    expect(await bg.requests.handle(sender(), 's', signReq([{ txn }]), {})).toMatchObject({ outcome: { error: { code: 4100 } } });
    bg.state.blocked.push(ORIGIN);
    expect(await bg.requests.handle(sender(), 'e', enableReq(), {})).toMatchObject({ outcome: { error: { code: 4001 } } });
    expect(bg.queueItem.value).toEqual([]);
  });

  it(`refuses the ${MAX_OPEN_PER_ORIGIN + 1}th open sign request of one origin, not another origin's`, async () => {
    const bg = await connected();
    const txn = b64(pay());
    for (let i = 0; i < MAX_OPEN_PER_ORIGIN; i++) expect(await bg.requests.handle(sender(), `k${i}`, signReq([{ txn }]), {})).toEqual({ state: 'pending' });
    expect(await bg.requests.handle(sender(), 'over', signReq([{ txn }]), {})).toMatchObject({ outcome: { error: { code: 4000, message: expect.stringMatching(/Too many pending requests/) } } });
    expect(await bg.requests.handle(sender({ origin: 'https://other.example' }), 'other', enableReq(), {})).toEqual({ state: 'pending' });
  });

  it('tells a repeated key its own status and another tab nothing', async () => {
    const bg = await connected();
    const txn = b64(pay());
    await bg.requests.handle(sender(), 'k', signReq([{ txn }]), {});
    expect(await bg.requests.handle(sender(), 'k', signReq([{ txn }]), {})).toEqual({ state: 'pending' });
    expect(await bg.requests.handle(sender({ tabId: 99 }), 'k', signReq([{ txn }]), {})).toEqual({ state: 'unknown' });
    expect(await bg.requests.poll(sender({ tabId: 99 }), 'k')).toEqual({ state: 'unknown' });
  });
});

describe('phone dispatch and delivery', () => {
  it('sends an approved request to the phone and delivers the verified signature', async () => {
    const bg = await connected();
    const txn = pay();
    await bg.requests.handle(sender(), 'k', signReq([{ txn: b64(txn) }]), {});
    expect(bg.frames).toEqual([]);
    await bg.requests.approve('k');
    expect(bg.frames).toHaveLength(1);
    await bg.phoneSays(phoneReply(bg.frames[0]!));
    const answer = bg.answerOf('k');
    expect(answer).toMatchObject({ ok: true, result: { providerId: TANDEM_PROVIDER_ID } });
    const stxn = algosdk.decodeSignedTransaction(algosdk.base64ToBytes((answer as { result: { stxns: string[] } }).result.stxns[0]!));
    expect(stxn.txn.txID()).toBe(txn.txID());
  });

  it('refuses a reply signed by another key (4000-range error, no signature delivered)', async () => {
    const bg = await connected();
    await bg.requests.handle(sender(), 'k', signReq([{ txn: b64(pay()) }]), {});
    await bg.requests.approve('k');
    const frame = bg.frames[0]!;
    const txns = (frame.params as { txns: WalletTransaction[] }).txns;
    const forged = txns.map((t) => algosdk.bytesToBase64(algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(t.txn)).signTxn(CAROL.secretKey)));
    await bg.phoneSays({ requestId: frame.id, result: { stxns: forged } });
    expect(bg.answerOf('k')).toMatchObject({ ok: false });
  });

  it('drops a reply to a request that is not waiting for the phone', async () => {
    const bg = await connected();
    await bg.phoneSays({ requestId: 'never-sent', result: { stxns: [] } });
    expect(bg.pushed.filter((p) => p.key !== 'connect')).toEqual([]);
  });

  it('notes a phone that went offline, resends when the channel opens, and times out at the deadline with the note', async () => {
    const bg = await connected(createBackground({ pairing: PAIRING, settings: { requestDeadlineMs: 60_000 } }));
    bg.state.phoneOnline = false;
    await bg.requests.handle(sender(), 'k', signReq([{ txn: b64(pay()) }]), {});
    await bg.requests.approve('k');
    expect(bg.queueItem.value[0]).toMatchObject({ stage: 'awaiting-phone', lastError: { message: expect.stringMatching(/went offline/) } });
    bg.state.phoneOnline = true;
    await bg.requests.onChannelOpen(PAIRING.requestId);
    expect(bg.frames).toHaveLength(1);
    expect((bg.queueItem.value[0] as { lastError?: unknown }).lastError).toBeUndefined();
    await bg.requests.onPhoneOffline(PAIRING.requestId);
    bg.advance(59_000);
    await bg.requests.sweep();
    expect(bg.answerOf('k')).toBeUndefined();
    bg.advance(1_000);
    await bg.requests.sweep();
    expect(bg.answerOf('k')).toMatchObject({ ok: false, error: { code: 4002, message: expect.stringMatching(/went offline.*did not come back in time/) } });
  });

  it('keeps an answer the tab did not take until the content script polls and acknowledges it', async () => {
    const bg = await connected();
    bg.state.tabsTakeAnswers = false;
    await bg.requests.handle(sender(), 'k', signReq([{ txn: b64(pay()) }]), {});
    await bg.requests.reject('k');
    expect(await bg.requests.poll(sender(), 'k')).toMatchObject({ state: 'done', outcome: { ok: false, error: { code: 4001 } } });
    await bg.requests.acknowledge(sender(), 'k');
    expect(bg.queueItem.value).toEqual([]);
  });

  it('answers every open request 4001 when the window is closed, and a blocked origin\'s at once', async () => {
    const bg = await connected();
    await bg.requests.handle(sender(), 'k1', signReq([{ txn: b64(pay()) }]), {});
    await bg.requests.handle(sender({ origin: 'https://b.example' }), 'k2', enableReq(), {});
    await bg.requests.rejectOrigin(ORIGIN, 'blocked');
    expect(bg.answerOf('k1')).toMatchObject({ ok: false, error: { code: 4001, message: 'blocked' } });
    expect(bg.answerOf('k2')).toBeUndefined();
    await bg.requests.onApprovalWindowClosed();
    expect(bg.answerOf('k2')).toMatchObject({ ok: false, error: { code: 4001, message: 'You closed the Tandem approval window' } });
  });

  it('drops uncollected answers after ten minutes', async () => {
    const bg = await connected();
    bg.state.tabsTakeAnswers = false;
    await bg.requests.handle(sender(), 'k', signReq([{ txn: b64(pay()) }]), {});
    await bg.requests.reject('k');
    expect(bg.queueItem.value).toHaveLength(1);
    bg.advance(10 * 60_000 + 1);
    await bg.requests.sweep();
    expect(bg.queueItem.value).toEqual([]);
  });

  it('signs exactly what was stored and shown when two requests race with one key (security review finding 5)', async () => {
    const bg = await connected();
    const shown = pay({ amount: 1n, note: new TextEncoder().encode('to a friend') });
    const swapped = pay({ amount: 1_000_000_000n, receiver: CAROL.addr, note: new TextEncoder().encode('to the attacker') });
    const [first, second] = await Promise.all([
      bg.requests.handle(sender(), 'same', signReq([{ txn: b64(shown) }]), {}),
      bg.requests.handle(sender(), 'same', signReq([{ txn: b64(swapped) }]), {}),
    ]);
    expect(first).toEqual({ state: 'pending' });
    expect(second).toMatchObject({ state: 'done', outcome: { ok: false, error: { message: expect.stringMatching(/already waiting/) } } });
    expect(bg.queueItem.value).toHaveLength(1);
    expect(bg.queueItem.value[0]).toMatchObject({ txns: [{ txn: b64(shown) }], descriptions: [expect.objectContaining({})] });
    await bg.requests.approve('same');
    const sent = (bg.frames[0]!.params as { txns: WalletTransaction[] }).txns.map((t) => algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(t.txn)).txID());
    expect(sent).toEqual([shown.txID()]);
  });

  it("never sends the phone the user's own transaction marked not to sign; the dApp gets null there (security review finding 4)", async () => {
    const bg = await connected();
    const [own, toSign] = grouped([pay({ receiver: CAROL.addr, amount: 5_000_000n }), pay({ amount: 1n })]);
    await bg.requests.handle(sender(), 'k', signReq([{ txn: b64(own!), signers: [] }, { txn: b64(toSign!) }]), {});
    expect(bg.queueItem.value[0]).toMatchObject({ withheld: [0], descriptions: [expect.anything(), expect.anything()] });
    await bg.requests.approve('k');
    const sent = (bg.frames[0]!.params as { txns: WalletTransaction[] }).txns;
    expect(sent.map((t) => algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(t.txn)).txID())).toEqual([toSign!.txID()]);
    await bg.phoneSays(phoneReply(bg.frames[0]!));
    const answer = bg.answerOf('k') as { ok: true; result: { stxns: (string | null)[] } };
    expect(answer.ok).toBe(true);
    expect(answer.result.stxns[0]).toBeNull();
    expect(algosdk.decodeSignedTransaction(algosdk.base64ToBytes(answer.result.stxns[1]!)).txn.txID()).toBe(toSign!.txID());
  });
});

describe('connect caps (security review finding 9)', () => {
  it('caps waiting connect prompts per tab across origins (frames of many subdomains), and per top-level site', async () => {
    const bg = createBackground({ pairing: PAIRING });
    const frame = (i: number, over: object = {}) => sender({ origin: `https://s${i}.example`, frameId: 1 + i, ...over });
    for (let i = 0; i < MAX_CONNECTS_PER_TAB; i++) expect(await bg.requests.handle(frame(i), `t${i}`, enableReq(), { topOrigin: 'https://top.example' })).toEqual({ state: 'pending' });
    expect(await bg.requests.handle(frame(99), 'over', enableReq(), { topOrigin: 'https://top.example' })).toMatchObject({ outcome: { ok: false } });
    // Another tab framing the same top-level site is over that site's cap too; a tab of another site is not.
    expect(await bg.requests.handle(frame(98, { tabId: 8 }), 'site-over', enableReq(), { topOrigin: 'https://top.example' })).toMatchObject({ outcome: { ok: false } });
    expect(await bg.requests.handle(sender({ origin: 'https://elsewhere.example', tabId: 9 }), 'fine', enableReq(), {})).toEqual({ state: 'pending' });
    expect(bg.queueItem.value.find((e) => e.key === 't0')).toMatchObject({ embeddedIn: 'https://top.example' });
    expect(bg.queueItem.value.find((e) => e.key === 'fine')).not.toHaveProperty('embeddedIn', expect.anything());
  });

  it('rejects every open request with Reject all', async () => {
    const bg = createBackground({ pairing: PAIRING });
    await bg.requests.handle(sender(), 'a', enableReq(), {});
    await bg.requests.handle(sender({ origin: 'https://b.example', tabId: 3 }), 'b', enableReq(), {});
    expect(await bg.requests.rejectAll()).toBe(2);
    for (const key of ['a', 'b']) expect(bg.answerOf(key)).toMatchObject({ ok: false, error: { code: 4001 } });
  });
});

describe('what the paired phone can do', () => {
  const phoneThatSignsDataOnly = { ...PAIRING, phone: { protocol: 'arc27' as const, methods: ['arc0060:sign_data'], accounts: [] } };
  const discoverReq: Arc27Request = { id: 'd', method: 'discover', reference: 'arc0027:discover:request', params: {} };

  it('answers a method the phone did not announce with 4003 at once: no window, nothing queued, no frame', async () => {
    const bg = createBackground({ pairing: phoneThatSignsDataOnly });
    await bg.requests.handle(sender(), 'connect', enableReq(), {});
    await bg.requests.approve('connect');
    const shown = bg.state.windowShown;
    const status = await bg.requests.handle(sender(), 'k', signReq([{ txn: b64(pay()) }]), {});
    expect(status).toMatchObject({ state: 'done', outcome: { ok: false, error: { code: 4003, message: expect.stringMatching(/does not support sign_transactions/) } } });
    expect(bg.state.windowShown).toBe(shown);
    expect(bg.queueItem.value).toEqual([]);
    expect(bg.frames).toEqual([]);
  });

  it('discover lists only what the phone can do; a phone that announced nothing signs transactions', async () => {
    const limited = await createBackground({ pairing: phoneThatSignsDataOnly }).requests.handle(sender(), 'd', discoverReq, {});
    const silent = await createBackground({ pairing: PAIRING }).requests.handle(sender(), 'd', discoverReq, {});
    const methodsOf = (status: unknown) => (status as { outcome: { result: { networks: { methods: string[] }[] } } }).outcome.result.networks[0]!.methods;
    // sign_data (Tandem's ARC-0060 event) is listed when the phone signs data: the use-wallet adapter's canSignData.
    // post_transactions needs no phone; sign_and_post_transactions needs one that signs transactions.
    expect(methodsOf(limited)).toEqual(['discover', 'enable', 'disable', 'post_transactions', 'sign_data']);
    expect(methodsOf(silent)).toEqual(['discover', 'enable', 'disable', 'sign_transactions', 'post_transactions', 'sign_and_post_transactions']);
  });

  it('with several phones, discover lists the union of what they can do, and only what none can do is refused at once', async () => {
    const second = { ...PAIRING, requestId: 'r-second', phone: { protocol: 'arc27' as const, methods: ['arc0027:sign_transactions', 'arc0027:sign_message'], accounts: [] } };
    const bg = createBackground({ pairings: [phoneThatSignsDataOnly, second] });
    const methodsOf = (status: unknown) => (status as { outcome: { result: { networks: { methods: string[] }[] } } }).outcome.result.networks[0]!.methods;
    expect(methodsOf(await bg.requests.handle(sender(), 'd', discoverReq, {}))).toEqual(['discover', 'enable', 'disable', 'sign_transactions', 'sign_message', 'post_transactions', 'sign_and_post_transactions', 'sign_data']);
    const dataOnly = createBackground({ pairings: [phoneThatSignsDataOnly] });
    expect(methodsOf(await dataOnly.requests.handle(sender(), 'd', discoverReq, {}))).not.toContain('sign_message');
  });
});

describe('resending to the phone', () => {
  it('gives every resend a fresh id, and takes the reply to any id the part was sent under', async () => {
    const bg = await connected();
    const txn = pay();
    await bg.requests.handle(sender(), 'k', signReq([{ txn: b64(txn) }]), {});
    await bg.requests.approve('k');
    await bg.requests.onPhoneOffline(PAIRING.requestId);
    await bg.requests.onChannelOpen(PAIRING.requestId);
    await bg.requests.onChannelOpen(PAIRING.requestId);
    expect(bg.frames).toHaveLength(3);
    const ids = bg.frames.map((f) => f.id);
    expect(new Set(ids).size).toBe(3);
    // The phone answers the first send only (Biatec ignores the repeats it never saw as new).
    await bg.phoneSays(phoneReply(bg.frames[0]!));
    expect(bg.answerOf('k')).toMatchObject({ ok: true });
    const stxn = algosdk.decodeSignedTransaction(algosdk.base64ToBytes((bg.answerOf('k') as { result: { stxns: string[] } }).result.stxns[0]!));
    expect(stxn.txn.txID()).toBe(txn.txID());
  });

  it('a phone that skipped a transaction gets the dApp a clear error, never signatures at guessed positions', async () => {
    const bg = await connected();
    await bg.requests.handle(sender(), 'k', signReq(grouped([pay(), pay({ amount: 2 })]).map((t) => ({ txn: b64(t) }))), {});
    await bg.requests.approve('k');
    const reply = phoneReply(bg.frames[0]!);
    await bg.phoneSays({ ...reply, result: { ...reply.result, stxns: reply.result.stxns.slice(1) } });
    expect(bg.answerOf('k')).toEqual({ ok: false, error: { code: 4000, message: 'the phone returned 1 signature for 2 transactions' } });
  });
});
