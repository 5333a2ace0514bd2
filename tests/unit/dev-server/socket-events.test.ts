/**
 * Conformance: the extension's Socket.IO catalogue (lib/liquid/socket-events.ts) against the dev
 * server, which keeps its own names on purpose. Every catalogue event is spoken here by name only, as
 * the extension and a phone would; a renamed or reshaped event on either side fails this test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_EVENTS, type SocketPayloads } from '../../../lib/liquid/socket-events';
import { SoftLiquidWallet } from '../../support/soft-authenticator.ts';
import { EventLog, closeAllSockets, connectSocket, openSession, roundTrip, startTestServer, withTimeout, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => closeAllSockets());
afterAll(async () => {
  await server.stop();
});

describe('the extension catalogue against the dev server', () => {
  it('links, relays the phone offer and candidates to the extension, and the answers back to the phone', async () => {
    const spoken = new Set<string>();
    const requestId = randomUUID();
    const extension = await connectSocket(server.url, { cookie: await openSession(server.url) });
    const incoming = new EventLog(extension, [SOCKET_EVENTS.offerDescription, SOCKET_EVENTS.offerCandidate]);

    const link: SocketPayloads['link'] = { requestId };
    const ack = new Promise<unknown>((resolve) => extension.emit(SOCKET_EVENTS.link, link, resolve));
    spoken.add(SOCKET_EVENTS.link);
    await roundTrip(extension);
    const phone = new SoftLiquidWallet(server.url);
    expect((await phone.attest({ requestId })).status).toBe(201);
    const acked = (await withTimeout(ack, 'link ack')) as SocketPayloads['linkAck'];
    expect(acked.data).toMatchObject({ requestId, wallet: expect.any(String) });

    const phoneSocket = await connectSocket(server.url, { cookie: phone.jar.header() });
    const outgoing = new EventLog(phoneSocket, [SOCKET_EVENTS.answerDescription, SOCKET_EVENTS.answerCandidate]);
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    phoneSocket.emit(SOCKET_EVENTS.offerDescription, { sdp: 'v=0 offer', type: 'offer' });
    phoneSocket.emit(SOCKET_EVENTS.offerCandidate, candidate);
    spoken.add(SOCKET_EVENTS.offerDescription).add(SOCKET_EVENTS.offerCandidate);
    expect(await incoming.next(SOCKET_EVENTS.offerDescription)).toEqual({ sdp: 'v=0 offer', type: 'offer' });
    expect(await incoming.next(SOCKET_EVENTS.offerCandidate)).toEqual(candidate);

    const answer: SocketPayloads['answerDescription'] = 'v=0 answer';
    const mine: SocketPayloads['answerCandidate'] = { ...candidate, sdpMid: '1' };
    extension.emit(SOCKET_EVENTS.answerDescription, answer);
    extension.emit(SOCKET_EVENTS.answerCandidate, mine);
    spoken.add(SOCKET_EVENTS.answerDescription).add(SOCKET_EVENTS.answerCandidate);
    expect(await outgoing.next(SOCKET_EVENTS.answerDescription)).toBe(answer);
    expect(await outgoing.next(SOCKET_EVENTS.answerCandidate)).toEqual(mine);

    // Every event of the catalogue was spoken above.
    expect([...spoken].sort()).toEqual(Object.values(SOCKET_EVENTS).sort());
  });
});
