import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDeepLink } from '../../../lib/liquid/deep-link';
import { MAX_LINK_REFRESHES } from '../../../lib/liquid/signaling';
import { messageError } from '../../../lib/messaging/result';
import { fail } from '../../../lib/result';
import { OTHER_WALLET, SERVER, WALLET, createHarness, flush, type Harness } from './signaling-fakes';

const OFFER = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n(offer)';
const CANDIDATE = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };

/** Starts pairing and lets the session fetch, the socket connect and the `link` emit happen. */
async function startPairing(h: Harness): Promise<string> {
  const requestId = await h.signaling.startPairing();
  await flush();
  return requestId;
}

/** Pairs all the way to an open channel. */
async function pairAndConnect(h: Harness): Promise<string> {
  const requestId = await startPairing(h);
  h.socket().ackLink(requestId);
  await flush();
  h.socket().fire('offer-description', OFFER);
  await flush();
  await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'open' } });
  await flush();
  expect(h.state().phase).toBe('connected');
  // The live channel needs no server: the socket is closed once the account is known.
  expect(h.state().socket).toBe('offline');
  expect(h.socket().connected).toBe(false);
  return requestId;
}

describe('signaling: pairing', () => {
  it('fetches the session before opening the socket, then shows the QR and emits link', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    expect(h.server.sessions).toBe(1);
    expect(h.sockets).toHaveLength(1);
    expect(h.socket().linkedRequestIds()).toEqual([requestId]);
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId, link: buildDeepLink(SERVER, requestId), socket: 'connected' });
    expect(h.state().linkExpiresAt).toBe(h.clock.now() + h.settings.linkTimeoutMs);
  });

  it('arms the offer listeners together with link, so an offer that beats the link ack is answered', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    expect(h.socket().hasListener('offer-description')).toBe(true);
    expect(h.socket().hasListener('offer-candidate')).toBe(true);

    h.socket().fire('offer-description', OFFER);
    await flush();
    expect(h.peer.offers).toEqual([OFFER]);
    expect(h.socket().sent('answer-description')).toEqual([`answer to ${OFFER}`]);
    expect(h.state().phase).toBe('connecting');

    h.socket().ackLink(requestId);
    await flush();
    expect(h.stored.pairing).toMatchObject({ server: SERVER, requestId, wallet: WALLET, credId: 'cred-1' });
    expect(h.state()).toMatchObject({ phase: 'connecting', wallet: WALLET });

    await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'open' } });
    await flush();
    expect(h.state()).toMatchObject({ phase: 'connected', wallet: WALLET });
  });

  it.each([
    ['a bare SDP string (Android, liquid-client)', OFFER],
    ['an {sdp, type} object (iOS)', { sdp: OFFER, type: 'offer' }],
    ['an {sdp} object without a type', { sdp: OFFER }],
  ])('accepts the offer as %s', async (_, payload) => {
    const h = createHarness();
    const requestId = await startPairing(h);
    h.socket().ackLink(requestId);
    await flush();
    expect(h.state().phase).toBe('linked');
    h.socket().fire('offer-description', payload);
    await flush();
    expect(h.peer.offers).toEqual([OFFER]);
    expect(h.socket().sent('answer-description')).toEqual([`answer to ${OFFER}`]);
    expect(h.state().phase).toBe('connecting');
  });

  it.each([
    ['an answer object', { sdp: OFFER, type: 'answer' }],
    ['a number', 42],
    ['null', null],
    ['an object without sdp', { type: 'offer' }],
  ])('ignores %s as an offer', async (_, payload) => {
    const h = createHarness();
    await startPairing(h);
    h.socket().fire('offer-description', payload);
    await flush();
    expect(h.peer.offers).toEqual([]);
    expect(h.state().phase).toBe('waiting-for-scan');
  });

  it('answers an offer once: repeats and the echo of its own answer are ignored', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    h.socket().ackLink(requestId);
    await flush();
    h.socket().fire('offer-description', OFFER);
    await flush();
    // The server relays to everyone in the wallet's room, the sender included.
    h.socket().fire('offer-description', OFFER);
    h.socket().fire('offer-description', { sdp: OFFER, type: 'offer' });
    h.socket().fire('answer-description', `answer to ${OFFER}`);
    await flush();
    expect(h.peer.offers).toEqual([OFFER]);
    expect(h.socket().sent('answer-description')).toHaveLength(1);
  });

  it('forwards candidates both ways and drops malformed remote ones', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    // A candidate may come before the offer: the peer host buffers it until the remote description is set.
    h.socket().fire('offer-candidate', CANDIDATE);
    h.socket().fire('offer-candidate', { candidate: 42 });
    h.socket().fire('offer-candidate', 'candidate:1 1 udp');
    h.socket().ackLink(requestId);
    h.socket().fire('offer-description', OFFER);
    await flush();
    h.socket().fire('offer-candidate', { ...CANDIDATE, candidate: `${CANDIDATE.candidate} (2)` });
    await flush();
    expect(h.peer.candidates).toEqual([CANDIDATE, { ...CANDIDATE, candidate: `${CANDIDATE.candidate} (2)` }]);

    const local = { candidate: 'candidate:2 1 udp 2122260223 127.0.0.1 50001 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    await h.signaling.handlePeerEvent({ kind: 'peer/local-candidate', payload: { candidate: local } });
    expect(h.socket().sent('answer-candidate')).toEqual([local]);
  });

  it.each([
    ['another requestId', (id: string) => ({ data: { requestId: `${id}-other`, wallet: WALLET, credId: 'c' } })],
    ['no wallet', (id: string) => ({ data: { requestId: id, credId: 'c' } })],
    ['no data', () => ({ requestId: 'x', wallet: WALLET })],
    ['null', () => null],
    ['a string', () => 'ok'],
  ])('ignores a link ack with %s', async (_, reply) => {
    const h = createHarness();
    const requestId = await startPairing(h);
    h.socket().ackLink(requestId, reply(requestId));
    await flush();
    expect(h.stored.pairing).toBeNull();
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId });
    expect(h.state().wallet).toBeUndefined();
  });

  it('records when the link was acked and when the channel opened, and forgets both on a re-scan', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    await h.clock.advance(1_000);
    const ackAt = h.clock.now();
    h.socket().ackLink(requestId);
    await flush();
    expect(h.state()).toMatchObject({ phase: 'linked', linkedAt: ackAt });
    h.socket().fire('offer-description', OFFER);
    await flush();
    await h.clock.advance(50);
    await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'open' } });
    await flush();
    expect(h.state()).toMatchObject({ phase: 'connected', linkedAt: ackAt, connectedAt: ackAt + 50 });
    await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'closed' } });
    await flush();
    expect(h.state().phase).toBe('phone-offline');
    expect(h.state().linkedAt).toBeUndefined();
    expect(h.state().connectedAt).toBeUndefined();
  });

  it('opens only one socket and one link when the popup asks to pair twice', async () => {
    const h = createHarness();
    const first = await startPairing(h);
    const second = await h.signaling.startPairing();
    await flush();
    expect(second).toBe(first);
    expect(h.sockets).toHaveLength(1);
    expect(h.socket().linkedRequestIds()).toEqual([first]);
  });
});

describe('signaling: cancel', () => {
  it('returns to unpaired and closes the socket when cancelled before the scan', async () => {
    const h = createHarness();
    await startPairing(h);
    await h.signaling.cancelPairing();
    await flush();
    expect(h.state()).toMatchObject({ phase: 'unpaired' });
    expect(h.state().link).toBeUndefined();
    expect(h.socket().connected).toBe(false);
    await h.clock.advance(h.settings.linkTimeoutMs);
    expect(h.state().phase).toBe('unpaired');
  });

  it('forgets a phone that linked but never connected when cancelled, instead of a phone-offline with no QR', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    h.socket().ackLink(requestId);
    await flush();
    expect(h.state().phase).toBe('linked');
    await h.signaling.cancelPairing();
    await flush();
    expect(h.stored.pairing).toBeNull();
    expect(h.state()).toMatchObject({ phase: 'unpaired' });
    expect(h.state().wallet).toBeUndefined();

    const next = await startPairing(h);
    expect(next).not.toBe(requestId);
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId: next });
  });
});

describe('signaling: deadlines', () => {
  it('replaces an unscanned QR with a fresh requestId, on its own server session, when it expires, and ignores a late ack for the old one', async () => {
    const h = createHarness();
    const first = await startPairing(h);
    await h.clock.advance(h.settings.linkTimeoutMs);
    const second = h.state().requestId!;
    expect(second).not.toBe(first);
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', link: buildDeepLink(SERVER, second) });
    expect(h.state().linkExpiresAt).toBe(h.clock.now() + h.settings.linkTimeoutMs);
    // Each requestId has its own server session: the fresh QR links on a new socket, the old one is dropped.
    expect(h.sockets.map((s) => s.linkedRequestIds())).toEqual([[first], [second]]);
    expect(h.sockets[0]!.connected).toBe(false);
    expect(h.sessionSteps.filter((step) => step.startsWith('fetch'))).toEqual([`fetch ${first}`, `fetch ${second}`]);
    expect(h.sessionSteps).toContain(`forget ${first}`);

    h.sockets[0]!.ackLink(first);
    await flush();
    expect(h.stored.pairing).toBeNull();
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId: second });
  });

  it(`gives up with link-timeout after ${MAX_LINK_REFRESHES} fresh QR codes`, async () => {
    const h = createHarness();
    await startPairing(h);
    for (let i = 0; i < MAX_LINK_REFRESHES; i++) {
      await h.clock.advance(h.settings.linkTimeoutMs);
      expect(h.state().phase).toBe('waiting-for-scan');
    }
    const linked = () => h.sockets.flatMap((s) => s.linkedRequestIds());
    expect(new Set(linked()).size).toBe(MAX_LINK_REFRESHES + 1);
    await h.clock.advance(h.settings.linkTimeoutMs);
    expect(h.state()).toMatchObject({ phase: 'failed', failure: { reason: 'link-timeout' } });

    // Nothing more happens on its own; a retry starts afresh.
    await h.clock.advance(10 * h.settings.linkTimeoutMs);
    expect(linked()).toHaveLength(MAX_LINK_REFRESHES + 1);
    const fresh = await h.signaling.startPairing({ fresh: true });
    await flush();
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId: fresh });
    expect(h.state().failure).toBeUndefined();
  });

  it('asks for a re-scan of the same QR when the phone linked but no offer came', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    h.socket().ackLink(requestId);
    await flush();
    expect(h.state()).toMatchObject({ phase: 'linked', wallet: WALLET });

    await h.clock.advance(h.settings.offerTimeoutMs);
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId, link: buildDeepLink(SERVER, requestId), failure: { reason: 'no-offer' } });
    expect(h.socket().linkedRequestIds()).toEqual([requestId, requestId]);

    // The re-scan delivers the offer this time.
    h.socket().ackLink(requestId);
    await flush();
    h.socket().fire('offer-description', OFFER);
    await flush();
    await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'open' } });
    expect(h.state().phase).toBe('connected');
    expect(h.state().failure).toBeUndefined();
  });

  it('still answers an offer that comes after it asked for a re-scan (a slow phone, not a lost offer)', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    h.socket().ackLink(requestId);
    await flush();
    await h.clock.advance(h.settings.offerTimeoutMs);
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', failure: { reason: 'no-offer' } });

    h.socket().fire('offer-description', OFFER);
    await flush();
    expect(h.state()).toMatchObject({ phase: 'connecting' });
    expect(h.state().failure).toBeUndefined();
    await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'open' } });
    expect(h.state().phase).toBe('connected');
  });

  it('fails with channel-failed when the channel does not open in time', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    h.socket().ackLink(requestId);
    h.socket().fire('offer-description', OFFER);
    await flush();
    await h.clock.advance(h.settings.channelOpenTimeoutMs);
    expect(h.state()).toMatchObject({ phase: 'failed', failure: { reason: 'channel-failed' } });
  });
});

describe('signaling: recovery', () => {
  it('shows phone offline with the same requestId and re-emits link when the phone closes the channel', async () => {
    const h = createHarness();
    const requestId = await pairAndConnect(h);
    await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'closed', reason: 'the phone closed the channel' } });
    await flush();
    expect(h.state()).toMatchObject({ phase: 'phone-offline', requestId, link: buildDeepLink(SERVER, requestId), wallet: WALLET });
    // The re-scan opens a new socket (with the session fetched first) and links the same requestId.
    expect(h.sockets).toHaveLength(2);
    expect(h.server.sessions).toBe(2);
    expect(h.socket().linkedRequestIds()).toEqual([requestId]);

    // The phone re-scans the same QR: a new offer (even the same SDP text) is answered.
    h.socket().ackLink(requestId);
    await flush();
    h.socket().fire('offer-description', OFFER);
    await flush();
    expect(h.peer.offers).toEqual([OFFER, OFFER]);
    await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'open' } });
    expect(h.state()).toMatchObject({ phase: 'connected', requestId, wallet: WALLET });
  });

  it('reports server-unreachable when the server goes away mid-pairing, and resumes the same QR when it is back', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    const socket = h.socket();
    socket.drop();
    await flush();
    expect(h.state()).toMatchObject({ phase: 'failed', failure: { reason: 'server-unreachable' }, socket: 'reconnecting' });
    socket.refuse('xhr poll error');
    await flush();
    expect(h.state()).toMatchObject({ phase: 'failed', failure: { reason: 'server-unreachable' }, requestId });

    socket.accept();
    await flush();
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId, socket: 'connected' });
    expect(h.state().failure).toBeUndefined();
    expect(socket.linkedRequestIds()).toEqual([requestId, requestId]);

    socket.ackLink(requestId);
    await flush();
    expect(h.state().phase).toBe('linked');
  });

  it('gets a new session when a restarted server refuses the old one', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    const socket = h.socket();
    socket.drop();
    socket.refuse('unauthorized');
    await flush();
    expect(h.server.sessions).toBe(2);
    expect(socket.connected).toBe(true);
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId });
    expect(socket.linkedRequestIds()).toEqual([requestId, requestId]);
  });

  it('reports server-unreachable when the first connection is refused, and resumes once the server answers', async () => {
    const h = createHarness({ newSocket: (s) => (s.acceptConnect = false) });
    const requestId = await h.signaling.startPairing();
    await flush();
    expect(h.state().phase).toBe('starting');
    h.socket().refuse('xhr poll error');
    await flush();
    expect(h.state()).toMatchObject({ phase: 'failed', failure: { reason: 'server-unreachable' }, requestId });
    // Worded from the message catalogue (so in the browser's language), with the server and the reason.
    const english = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;
    expect(h.state().failure?.message).toBe(english.failure_unreachable_retrying!.message.replace('$SERVER$', SERVER).replace('$REASON$', 'xhr poll error'));

    h.socket().accept();
    await flush();
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId });
    expect(h.state().failure).toBeUndefined();
    expect(h.socket().linkedRequestIds()).toEqual([requestId]);
  });

  it('resumes by itself when the server answers only after the connect deadline', async () => {
    const h = createHarness({ newSocket: (s) => (s.acceptConnect = false) });
    const requestId = await h.signaling.startPairing();
    await flush();
    await h.clock.advance(10_000);
    expect(h.state()).toMatchObject({ phase: 'failed', failure: { reason: 'server-unreachable' }, requestId });

    h.socket().accept();
    await flush();
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId });
    expect(h.socket().linkedRequestIds()).toEqual([requestId]);
  });

  it('reports server-unreachable when the session fetch fails, and a retry works once the server is back', async () => {
    const h = createHarness();
    h.server.down = true;
    const requestId = await startPairing(h);
    expect(h.state()).toMatchObject({ phase: 'failed', failure: { reason: 'server-unreachable' }, requestId, link: buildDeepLink(SERVER, requestId) });

    h.server.down = false;
    const retried = await h.signaling.startPairing({ fresh: true });
    await flush();
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId: retried });
    expect(h.socket().linkedRequestIds()).toEqual([retried]);
  });

  it('shows phone offline with the same QR when the peer host answers a check without an open channel', async () => {
    const h = createHarness();
    const requestId = await pairAndConnect(h);
    h.peer.channel = 'none'; // what a recreated offscreen document (or none at all) reports
    await h.signaling.checkPeer();
    await flush();
    expect(h.state()).toMatchObject({ phase: 'phone-offline', requestId, link: buildDeepLink(SERVER, requestId), wallet: WALLET });
    expect(h.sockets).toHaveLength(2);
    expect(h.socket().linkedRequestIds()).toEqual([requestId]);
  });

  it('stays connected when the peer host reports the channel open, or does not answer a check', async () => {
    const h = createHarness();
    await pairAndConnect(h);
    h.peer.channel = 'open';
    await h.signaling.checkPeer();
    expect(h.state().phase).toBe('connected');
    h.peer.status = async () => fail(messageError('timeout', 'tandem/peer/peer/status timed out'));
    await h.signaling.checkPeer();
    expect(h.state().phase).toBe('connected');
  });

  it('keeps the live channel after a worker restart without opening a socket, whether or not the server is up', async () => {
    const first = createHarness();
    const requestId = await pairAndConnect(first);

    for (const down of [false, true]) {
      const h = createHarness({ pairing: first.stored.pairing!, state: first.stored.state });
      h.peer.channel = 'open';
      h.server.down = down;
      await h.signaling.restore();
      await flush();
      await h.clock.advance(60_000);
      expect(h.state()).toMatchObject({ phase: 'connected', socket: 'offline', requestId, wallet: WALLET });
      expect(h.state().failure).toBeUndefined();
      expect(h.sockets).toHaveLength(0);
      expect(h.server.sessions).toBe(0);
    }
  });

  it('closes the socket once a late link ack names the account of a channel already open', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    h.socket().fire('offer-description', OFFER);
    await flush();
    await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'open' } });
    await flush();
    // No account yet: the socket stays for the ack.
    expect(h.state()).toMatchObject({ phase: 'connected', socket: 'connected' });
    h.socket().ackLink(requestId);
    await flush();
    expect(h.state()).toMatchObject({ phase: 'connected', socket: 'offline', wallet: WALLET });
    expect(h.stored.pairing).toMatchObject({ requestId, wallet: WALLET });
  });

  it('retries the server by itself for a re-scan QR after a worker restart, and re-arms the QR once it answers', async () => {
    const first = createHarness();
    const requestId = await pairAndConnect(first);

    const h = createHarness({ pairing: first.stored.pairing!, state: first.stored.state });
    h.peer.channel = 'closed';
    h.server.down = true;
    await h.signaling.restore();
    await flush();
    expect(h.state()).toMatchObject({ phase: 'failed', failure: { reason: 'server-unreachable' }, socket: 'reconnecting', link: buildDeepLink(SERVER, requestId) });
    await h.clock.advance(3_000);
    expect(h.sockets).toHaveLength(0);

    h.server.down = false;
    await h.clock.advance(4_000);
    expect(h.state()).toMatchObject({ phase: 'phone-offline', socket: 'connected', requestId });
    expect(h.state().failure).toBeUndefined();
    expect(h.socket().linkedRequestIds()).toEqual([requestId]);
  });

  it('shows the re-scan QR after a worker restart when the channel died with it', async () => {
    const first = createHarness();
    const requestId = await pairAndConnect(first);

    const h = createHarness({ pairing: first.stored.pairing!, state: first.stored.state });
    h.peer.channel = 'closed';
    await h.signaling.restore();
    await flush();
    expect(h.state()).toMatchObject({ phase: 'phone-offline', requestId, link: buildDeepLink(SERVER, requestId) });
    expect(h.socket().linkedRequestIds()).toEqual([requestId]);
  });

  it('resumes an unscanned QR with the same requestId after a worker restart', async () => {
    const first = createHarness();
    const requestId = await startPairing(first);

    const h = createHarness({ state: first.stored.state });
    await h.signaling.restore();
    await flush();
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId, link: buildDeepLink(SERVER, requestId) });
    expect(h.socket().linkedRequestIds()).toEqual([requestId]);
  });

  it('unpairs: closes the channel, forgets the pairing and the socket', async () => {
    const h = createHarness();
    await pairAndConnect(h);
    await h.signaling.unpair();
    await flush();
    expect(h.peer.closeCalls).toBe(1);
    expect(h.stored.pairing).toBeNull();
    expect(h.state()).toEqual({ phase: 'unpaired', socket: 'offline', updatedAt: h.clock.now() });
    expect(h.socket().connected).toBe(false);

    const next = await startPairing(h);
    expect(h.sockets).toHaveLength(2);
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId: next });
  });
});

describe('signaling: who may take the pairing (security review)', () => {
  /** Paired and connected, then the phone went away: the re-scan QR is armed on a new socket. */
  async function rescanArmed() {
    const h = createHarness();
    const requestId = await pairAndConnect(h);
    await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'closed', reason: 'phone gone' } });
    await flush();
    expect(h.state()).toMatchObject({ phase: 'phone-offline', requestId });
    return { h, requestId };
  }

  it('refuses a re-scan by another account: pairing unchanged, server session cleared, a fresh socket, and the paired phone still reconnects', async () => {
    const { h, requestId } = await rescanArmed();
    const hijacked = h.socket();
    const sockets = h.sockets.length;
    hijacked.ackLink(requestId, { data: { requestId, wallet: OTHER_WALLET, credId: 'theirs' } });
    await flush();
    expect(h.stored.pairing).toMatchObject({ wallet: WALLET, requestId });
    expect(h.state()).toMatchObject({ phase: 'phone-offline', wallet: WALLET, failure: { reason: 'wrong-account' } });
    expect(h.state().failure?.message).toContain(OTHER_WALLET.slice(0, 6));
    expect(h.server.logouts).toBe(1);
    expect(hijacked.connected).toBe(false);
    expect(h.sockets).toHaveLength(sockets + 1);
    expect(h.socket().linkedRequestIds()).toEqual([requestId]);

    // The other phone's offer reaches the dropped socket: never answered.
    hijacked.fire('offer-description', OFFER);
    await flush();
    expect(h.peer.offers).toEqual([OFFER]);

    // The paired phone re-scans the same QR and reconnects.
    h.socket().ackLink(requestId);
    await flush();
    h.socket().fire('offer-description', `${OFFER} again`);
    await flush();
    expect(h.peer.offers).toEqual([OFFER, `${OFFER} again`]);
    await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'open' } });
    expect(h.state()).toMatchObject({ phase: 'connected', wallet: WALLET });
    expect(h.state().failure).toBeUndefined();
  });

  it('holds a re-scan offer that beat the ack until the ack names the paired account, and drops it otherwise', async () => {
    const { h, requestId } = await rescanArmed();
    h.socket().fire('offer-description', 'held offer');
    await flush();
    expect(h.peer.offers).toEqual([OFFER]);
    h.socket().ackLink(requestId);
    await flush();
    expect(h.peer.offers).toEqual([OFFER, 'held offer']);

    const second = await rescanArmed();
    second.h.socket().fire('offer-description', 'intruder offer');
    await flush();
    second.h.socket().ackLink(second.requestId, { data: { requestId: second.requestId, wallet: OTHER_WALLET } });
    await flush();
    expect(second.h.peer.offers).toEqual([OFFER]);
  });

  it('ignores a link ack whose account is not an Algorand address', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    h.socket().ackLink(requestId, { data: { requestId, wallet: 'ATTACKER-WALLET-0000', credId: 'x' } });
    await flush();
    expect(h.stored.pairing).toBeNull();
    expect(h.state().phase).toBe('waiting-for-scan');
  });

  it('ignores offers while the phone is connected, garbage or valid, and keeps the channel', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    // The offer beat the ack, so this socket is still open while the channel is up.
    h.socket().fire('offer-description', OFFER);
    await flush();
    await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'open' } });
    expect(h.state().phase).toBe('connected');
    h.socket().fire('offer-description', 'garbage that is no SDP');
    h.socket().fire('offer-description', { sdp: 'v=0 a valid offer from another socket', type: 'offer' });
    await flush();
    expect(h.peer.offers).toEqual([OFFER]);
    expect(h.state().phase).toBe('connected');
    h.socket().ackLink(requestId);
    await flush();
    expect(h.state()).toMatchObject({ phase: 'connected', wallet: WALLET });
  });
});

describe('signaling: one server session per pairing', () => {
  it('names the attempt’s requestId for the session fetch and the socket, and the pairing’s for the logout on unpair, then forgets it', async () => {
    const h = createHarness();
    const requestId = await pairAndConnect(h);
    expect(h.sessionSteps).toEqual([`fetch ${requestId}`, `open ${requestId}`]);
    await h.signaling.unpair();
    await flush();
    expect(h.sessionSteps.slice(2)).toEqual([`logout ${requestId}`, `forget ${requestId}`]);
  });

  it('re-scans of a pairing handshake with the pairing’s own session', async () => {
    const h = createHarness();
    const requestId = await pairAndConnect(h);
    await h.signaling.handlePeerEvent({ kind: 'peer/channel', payload: { state: 'closed', reason: 'the phone closed the channel' } });
    await flush();
    expect(h.state().phase).toBe('phone-offline');
    expect(h.sessionSteps).toEqual([`fetch ${requestId}`, `open ${requestId}`, `fetch ${requestId}`, `open ${requestId}`]);
  });

  it('forgets a cancelled attempt’s session, and a fresh attempt’s replaces an unscanned one’s', async () => {
    const h = createHarness();
    const first = await startPairing(h);
    const second = await h.signaling.startPairing({ fresh: true });
    await flush();
    expect(h.sessionSteps).toEqual([`fetch ${first}`, `open ${first}`, `forget ${first}`, `fetch ${second}`, `open ${second}`]);
    await h.signaling.cancelPairing();
    await flush();
    expect(h.sessionSteps.at(-1)).toBe(`forget ${second}`);
  });

  it('a new pairing forgets the session of the pairing it replaces, and keeps its own', async () => {
    const h = createHarness();
    const old = await pairAndConnect(h);
    const next = await h.signaling.startPairing({ fresh: true });
    await flush();
    h.socket().ackLink(next);
    await flush();
    expect(h.stored.pairing?.requestId).toBe(next);
    expect(h.sessionSteps).toContain(`forget ${old}`);
    expect(h.sessionSteps).not.toContain(`forget ${next}`);
  });

  it('reconnects a lost socket by itself, through its session, with a backoff; never after the server or Tandem dropped it', async () => {
    const h = createHarness();
    const requestId = await startPairing(h);
    const socket = h.socket();
    socket.acceptConnect = false;
    const calls = socket.connectCalls;
    socket.drop('transport close');
    await h.clock.advance(499);
    expect(socket.connectCalls).toBe(calls);
    await h.clock.advance(1);
    expect(socket.connectCalls).toBe(calls + 1);
    socket.refuse('websocket error');
    await h.clock.advance(999);
    expect(socket.connectCalls).toBe(calls + 1);
    await h.clock.advance(1);
    expect(socket.connectCalls).toBe(calls + 2);
    socket.accept();
    await flush();
    expect(h.state()).toMatchObject({ phase: 'waiting-for-scan', requestId, socket: 'connected' });
    expect(socket.linkedRequestIds()).toEqual([requestId, requestId]);
    expect(h.sockets).toHaveLength(1);

    // The backoff starts over after a connection; a server's disconnect is final, as in socket.io.
    socket.drop('io server disconnect');
    await h.clock.advance(60_000);
    expect(socket.connectCalls).toBe(calls + 2);
  });

  it('stops reconnecting a socket once it is closed', async () => {
    const h = createHarness();
    await startPairing(h);
    const socket = h.socket();
    socket.acceptConnect = false;
    const calls = socket.connectCalls;
    socket.drop('transport close');
    await h.signaling.cancelPairing();
    await h.clock.advance(60_000);
    expect(socket.connectCalls).toBe(calls);
  });
});
