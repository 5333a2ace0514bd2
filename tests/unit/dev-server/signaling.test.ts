import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SoftLiquidWallet } from '../../support/soft-authenticator.ts';
import {
  closeAllSockets,
  connectSocket,
  createSocket,
  EventLog,
  expectConnectError,
  openSession,
  readSession,
  roundTrip,
  startTestServer,
  withTimeout,
  type TestServer,
} from './harness.ts';

const SIGNALS = ['offer-description', 'offer-candidate', 'answer-description', 'answer-candidate'] as const;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(() => {
  closeAllSockets();
});

afterAll(async () => {
  await server.stop();
});

interface LinkAck {
  data: { requestId: string | number; wallet: string; credId: string };
}

/**
 * Emits `link` and makes sure the server is waiting before returning. The pending ack is wrapped in an object:
 * an async function returning a bare promise would wait for it.
 */
async function startLink(socket: Socket, requestId: unknown): Promise<{ ack: Promise<LinkAck> }> {
  const ack = new Promise<LinkAck>((resolve) => socket.emit('link', { requestId }, resolve));
  await roundTrip(socket);
  return { ack };
}

/** The extension's side: a session, a socket on it, and a link the wallet resolves by attesting. */
async function linkedPair(requestId: string = randomUUID()) {
  const extensionCookie = await openSession(server.url);
  const extension = await connectSocket(server.url, { cookie: extensionCookie });
  const { ack } = await startLink(extension, requestId);
  const wallet = new SoftLiquidWallet(server.url);
  const attested = await wallet.attest({ requestId });
  expect(attested.status).toBe(201);
  await withTimeout(ack, 'link ack');
  const walletSocket = await connectSocket(server.url, { cookie: wallet.jar.header() });
  return { extension, extensionCookie, wallet, walletSocket };
}

describe('link', () => {
  it('acks {data: {requestId, wallet, credId}} when the wallet attests with the requestId', async () => {
    const cookie = await openSession(server.url);
    const extension = await connectSocket(server.url, { cookie });
    const requestId = randomUUID();
    const { ack } = await startLink(extension, requestId);

    const wallet = new SoftLiquidWallet(server.url);
    const attested = await wallet.attest({ requestId });
    expect(attested.status).toBe(201);

    expect(await withTimeout(ack, 'link ack')).toEqual({
      data: { requestId, wallet: wallet.address, credId: attested.credId },
    });
    // The extension's own session now holds the wallet.
    expect((await readSession(server.url, cookie)).session.wallet).toBe(wallet.address);
  });

  it('is resolved by a returning wallet’s assertion too', async () => {
    const wallet = new SoftLiquidWallet(server.url);
    expect((await wallet.attest()).status).toBe(201);

    const extension = await connectSocket(server.url, { cookie: await openSession(server.url) });
    const requestId = randomUUID();
    const { ack } = await startLink(extension, requestId);
    expect((await wallet.assert(undefined, { requestId })).status).toBe(201);
    expect(await withTimeout(ack, 'link ack')).toEqual({
      data: { requestId, wallet: wallet.address, credId: wallet.credId },
    });
  });

  it('ignores an auth for a different requestId', async () => {
    const extension = await connectSocket(server.url, { cookie: await openSession(server.url) });
    const requestId = randomUUID();
    const { ack } = await startLink(extension, requestId);

    const stranger = new SoftLiquidWallet(server.url);
    expect((await stranger.attest({ requestId: randomUUID() })).status).toBe(201);
    expect((await stranger.attest({ requestId: requestId.toUpperCase() })).status).toBe(201);
    const expected = new SoftLiquidWallet(server.url);
    const attested = await expected.attest({ requestId });

    // Had an earlier auth resolved the link, the ack would name the stranger.
    expect(await withTimeout(ack, 'link ack')).toEqual({
      data: { requestId, wallet: expected.address, credId: attested.credId },
    });
  });

  it('matches the requestId by type as well as value', async () => {
    const extension = await connectSocket(server.url, { cookie: await openSession(server.url) });
    const { ack } = await startLink(extension, 4711);

    const asString = new SoftLiquidWallet(server.url);
    expect((await asString.attest({ requestId: '4711' })).status).toBe(201);
    const asNumber = new SoftLiquidWallet(server.url);
    const attested = await asNumber.attest({ requestId: 4711 });

    expect(await withTimeout(ack, 'link ack')).toEqual({
      data: { requestId: 4711, wallet: asNumber.address, credId: attested.credId },
    });
  });

  it('survives malformed link payloads', async () => {
    const extension = await connectSocket(server.url, { cookie: await openSession(server.url) });
    extension.emit('link');
    extension.emit('link', null);
    extension.emit('link', 'garbage');
    extension.emit('link', { requestId: { nested: true } }, () => undefined);
    extension.emit('link', { requestId: Number.NaN });
    await roundTrip(extension);
    expect(extension.connected).toBe(true);

    const requestId = randomUUID();
    const { ack } = await startLink(extension, requestId);
    const wallet = new SoftLiquidWallet(server.url);
    await wallet.attest({ requestId });
    expect((await withTimeout(ack, 'link ack')).data.wallet).toBe(wallet.address);
  });

  it('forgets a link whose socket disconnected', async () => {
    const cookie = await openSession(server.url);
    const extension = await connectSocket(server.url, { cookie });
    const requestId = randomUUID();
    await startLink(extension, requestId);
    const closed = new Promise((resolve) => extension.once('disconnect', resolve));
    extension.disconnect();
    await withTimeout(closed, 'disconnect');
    // Causality through loopback: the close was sent before these requests, so the server has handled it.
    const wallet = new SoftLiquidWallet(server.url);
    expect((await wallet.attest({ requestId })).status).toBe(201);
    expect((await readSession(server.url, cookie)).session.wallet).toBeUndefined();
  });
});

describe('relay', () => {
  it('routes wallet offers to the linked extension (and the sender) and answers back to the wallet', async () => {
    const { extension, walletSocket } = await linkedPair();
    const extensionLog = new EventLog(extension, SIGNALS);
    const walletLog = new EventLog(walletSocket, SIGNALS);

    walletSocket.emit('offer-description', 'v=0 offer');
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    walletSocket.emit('offer-candidate', candidate);
    expect(await extensionLog.next('offer-description')).toBe('v=0 offer');
    expect(await extensionLog.next('offer-candidate')).toEqual(candidate);
    expect(await walletLog.next('offer-description')).toBe('v=0 offer');
    expect(await walletLog.next('offer-candidate')).toEqual(candidate);

    extension.emit('answer-description', 'v=0 answer');
    extension.emit('answer-candidate', { ...candidate, sdpMid: '1' });
    expect(await walletLog.next('answer-description')).toBe('v=0 answer');
    expect(await walletLog.next('answer-candidate')).toEqual({ ...candidate, sdpMid: '1' });
    expect(await extensionLog.next('answer-description')).toBe('v=0 answer');
  });

  it('relays object descriptions unchanged and keeps the order of one sender', async () => {
    const { extension, walletSocket } = await linkedPair();
    const extensionLog = new EventLog(extension, SIGNALS);
    const description = { type: 'offer', sdp: 'v=0 ios' };
    walletSocket.emit('offer-description', description);
    for (let i = 0; i < 20; i++) walletSocket.emit('offer-candidate', { candidate: `c${i}`, sdpMid: '0', sdpMLineIndex: 0 });
    expect(await extensionLog.next('offer-description')).toEqual(description);
    for (let i = 0; i < 20; i++) {
      expect(await extensionLog.next('offer-candidate')).toEqual({ candidate: `c${i}`, sdpMid: '0', sdpMLineIndex: 0 });
    }
  });

  it('lets a socket opened later with a linked session join the room on connect', async () => {
    const { extensionCookie, walletSocket } = await linkedPair();
    const reopened = await connectSocket(server.url, { cookie: extensionCookie });
    const log = new EventLog(reopened, SIGNALS);
    walletSocket.emit('offer-description', 'fresh offer');
    expect(await log.next('offer-description')).toBe('fresh offer');
  });

  it('drops events from a session without a wallet and keeps it out of the room', async () => {
    const { extension, walletSocket } = await linkedPair();
    const outsider = await connectSocket(server.url, { cookie: await openSession(server.url) });
    const extensionLog = new EventLog(extension, SIGNALS);
    const walletLog = new EventLog(walletSocket, SIGNALS);
    const outsiderLog = new EventLog(outsider, SIGNALS);

    for (const event of SIGNALS) outsider.emit(event, `intruder ${event}`);
    await roundTrip(outsider);
    walletSocket.emit('offer-description', 'marker');
    extension.emit('answer-description', 'marker');

    // Each socket's first event is the marker: nothing from the outsider got there first.
    expect(await extensionLog.next('offer-description')).toBe('marker');
    expect(await walletLog.next('offer-description')).toBe('marker');
    expect(await walletLog.next('answer-description')).toBe('marker');
    expect(await extensionLog.next('answer-description')).toBe('marker');
    await roundTrip(extension);
    await roundTrip(walletSocket);
    for (const event of SIGNALS) {
      expect(extensionLog.pending(event)).toEqual([]);
      expect(walletLog.pending(event)).toEqual([]);
    }
    // Anything relayed to the room before this round trip would have reached the outsider by now.
    await roundTrip(outsider);
    for (const event of SIGNALS) expect(outsiderLog.pending(event)).toEqual([]);
  });
});

describe('handshake', () => {
  it.each([
    ['no cookie', undefined],
    ['a forged cookie', 'connect.sid=s%3Aforged-session-id.forged-signature'],
    ['a cookie that is not a session cookie', 'theme=dark'],
  ])('refuses a websocket handshake with %s and keeps serving', async (_case, cookie) => {
    const refused = createSocket(server.url, cookie ? { cookie } : {});
    const error = await expectConnectError(refused);
    expect(error.message).toBe('unauthorized');

    const response = await fetch(`${server.url}/auth/session`);
    expect(response.status).toBe(200);
    await response.body?.cancel();
    const accepted = await connectSocket(server.url, { cookie: await openSession(server.url) });
    expect(accepted.connected).toBe(true);
  });

  it('refuses the session cookie of another server instance', async () => {
    const other = await startTestServer();
    try {
      const foreignCookie = await openSession(other.url);
      const error = await expectConnectError(createSocket(server.url, { cookie: foreignCookie }));
      expect(error.message).toBe('unauthorized');
    } finally {
      await other.stop();
    }
  });

  it('refuses a polling handshake without a cookie', async () => {
    const error = await expectConnectError(createSocket(server.url, { transports: ['polling'] }));
    expect(error.message).toBe('unauthorized');
  });

  it('keeps the polling handshake’s session after the upgrade to websocket (the extension transport)', async () => {
    const cookie = await openSession(server.url);
    // Cookie on the polling requests only, as from the extension's fetch transport: the upgrade carries none.
    const extension = await connectSocket(server.url, { pollingCookie: cookie, transports: ['polling', 'websocket'] });
    const engine = extension.io.engine;
    await withTimeout(
      new Promise<void>((resolve) => {
        if (engine.transport.name === 'websocket') resolve();
        else engine.once('upgrade', () => resolve());
      }),
      'upgrade to websocket',
    );
    expect(engine.transport.name).toBe('websocket');

    const requestId = randomUUID();
    const { ack } = await startLink(extension, requestId);
    const wallet = new SoftLiquidWallet(server.url);
    const attested = await wallet.attest({ requestId });
    expect(await withTimeout(ack, 'link ack')).toEqual({
      data: { requestId, wallet: wallet.address, credId: attested.credId },
    });
    expect((await readSession(server.url, cookie)).session.wallet).toBe(wallet.address);

    const walletSocket = await connectSocket(server.url, { cookie: wallet.jar.header() });
    const log = new EventLog(extension, SIGNALS);
    walletSocket.emit('offer-description', 'offer over the upgraded socket');
    expect(await log.next('offer-description')).toBe('offer over the upgraded socket');
  });
});
