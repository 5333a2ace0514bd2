/**
 * The peer host's links, one per peerId, driven through the 'tandem/peer' handlers as the
 * offscreen document and Firefox's background page run them, over fake RTCPeerConnections.
 */
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../lib/liquid/frames';
import type { PeerCatalogue, PeerEvent } from '../../../lib/messaging/peer-protocol';
import type { Reply } from '../../../lib/messaging/result';
import { createPeerHandlers } from '../../../lib/peer/peer-handlers';
import { MAX_PEERS, createPeerLinks } from '../../../lib/peer/peer-links';
import { fakeConnections, type FakeDataChannel } from './fake-rtc';

const reply = { id: '0190a1b2-0000-7000-8000-0000000000ff', reference: 'arc0027:sign_transactions:response', requestId: 'r', result: { stxns: [] } };

function peerHost() {
  const connections = fakeConnections();
  const events: PeerEvent[] = [];
  const handlers = createPeerHandlers(createPeerLinks({ createPeerConnection: connections.create, emit: (event) => events.push(event), log: () => undefined }));
  const call = <K extends keyof PeerCatalogue>(kind: K, payload: PeerCatalogue[K]['request']) =>
    Promise.resolve((handlers[kind] as (p: PeerCatalogue[K]['request'], ctx: void) => Reply<PeerCatalogue[K]['response']> | Promise<Reply<PeerCatalogue[K]['response']>>)(payload));
  /** The phone `peerId` offers, and its `liquid` channel opens. */
  const connect = async (peerId: string): Promise<FakeDataChannel> => {
    const answer = await call('peer/accept-offer', { peerId, sdp: `offer of ${peerId}`, iceServers: [] });
    expect(answer).toEqual({ ok: true, value: { sdp: `answer to offer of ${peerId}` } });
    return connections.made.at(-1)!.openChannel();
  };
  const eventsOf = (peerId: string) => events.filter((e) => e.kind !== 'peer/ready' && e.payload.peerId === peerId);
  return { connections, events, call, connect, eventsOf };
}

describe('the peer host holds one link per peerId', () => {
  it('opens two phones independently, each with its own connection and status', async () => {
    const host = peerHost();
    await host.connect('phone-a');
    await host.connect('phone-b');

    expect(host.connections.made).toHaveLength(2);
    expect(host.connections.made.map((c) => c.closed)).toEqual([false, false]);
    expect(await host.call('peer/status', { peerId: 'phone-a' })).toMatchObject({ ok: true, value: { channel: 'open', connection: 'connected' } });
    expect(await host.call('peer/status', { peerId: 'phone-b' })).toMatchObject({ ok: true, value: { channel: 'open', connection: 'connected' } });
    const statuses = await host.call('peer/statuses', {});
    expect(statuses.ok && statuses.value.peers.map((p) => [p.peerId, p.status.channel])).toEqual([
      ['phone-a', 'open'],
      ['phone-b', 'open'],
    ]);
  });

  it('answers no channel and no connection for an id it does not hold', async () => {
    const host = peerHost();
    await host.connect('phone-a');
    expect(await host.call('peer/status', { peerId: 'phone-z' })).toEqual({ ok: true, value: { channel: 'none', connection: 'none' } });
  });

  it('sends a frame to the phone it names and to no other', async () => {
    const host = peerHost();
    const a = await host.connect('phone-a');
    const b = await host.connect('phone-b');

    expect(await host.call('peer/send', { peerId: 'phone-a', frame: 'for a' })).toEqual({ ok: true, value: {} });
    expect(await host.call('peer/send', { peerId: 'phone-b', frame: 'for b' })).toEqual({ ok: true, value: {} });

    expect(a.sent).toEqual(['for a']);
    expect(b.sent).toEqual(['for b']);
  });

  it('refuses a frame for an id it does not hold', async () => {
    const host = peerHost();
    const a = await host.connect('phone-a');
    expect(await host.call('peer/send', { peerId: 'phone-b', frame: 'lost' })).toEqual({ ok: false, error: { code: 'unavailable', message: 'the phone channel is not open' } });
    expect(a.sent).toEqual([]);
  });

  it("names the peer in every event: its channel, its local candidates and its phone's frames", async () => {
    const host = peerHost();
    await host.connect('phone-a');
    const b = await host.connect('phone-b');
    host.connections.made[0]!.gather('candidate:a');
    b.receive(encodeFrame(reply));

    expect(host.eventsOf('phone-a')).toEqual([
      { kind: 'peer/channel', payload: { peerId: 'phone-a', state: 'connecting' } },
      { kind: 'peer/channel', payload: { peerId: 'phone-a', state: 'open' } },
      { kind: 'peer/local-candidate', payload: { peerId: 'phone-a', candidate: { candidate: 'candidate:a', sdpMid: '0', sdpMLineIndex: 0 } } },
    ]);
    expect(host.eventsOf('phone-b')).toEqual([
      { kind: 'peer/channel', payload: { peerId: 'phone-b', state: 'connecting' } },
      { kind: 'peer/channel', payload: { peerId: 'phone-b', state: 'open' } },
      { kind: 'peer/frame', payload: { peerId: 'phone-b', kind: 'envelope', value: reply } },
    ]);
    expect(host.events).toHaveLength(6);
  });

  it('closes one phone and forgets it, leaving the other open', async () => {
    const host = peerHost();
    await host.connect('phone-a');
    const b = await host.connect('phone-b');

    expect(await host.call('peer/close', { peerId: 'phone-a' })).toEqual({ ok: true, value: {} });

    expect(host.connections.made.map((c) => c.closed)).toEqual([true, false]);
    expect(host.events.at(-1)).toEqual({ kind: 'peer/channel', payload: { peerId: 'phone-a', state: 'closed', reason: 'closed by Tandem' } });
    expect(host.eventsOf('phone-b').some((e) => e.kind === 'peer/channel' && e.payload.state === 'closed')).toBe(false);
    expect(await host.call('peer/status', { peerId: 'phone-a' })).toEqual({ ok: true, value: { channel: 'none', connection: 'none' } });
    expect(await host.call('peer/status', { peerId: 'phone-b' })).toMatchObject({ ok: true, value: { channel: 'open' } });
    expect(await host.call('peer/send', { peerId: 'phone-b', frame: 'still here' })).toEqual({ ok: true, value: {} });
    expect(b.sent).toEqual(['still here']);
    const statuses = await host.call('peer/statuses', {});
    expect(statuses.ok && statuses.value.peers.map((p) => p.peerId)).toEqual(['phone-b']);
  });

  it("replaces only that phone's connection on its new offer, with the candidates that came before it", async () => {
    const host = peerHost();
    await host.connect('phone-a');
    await host.connect('phone-b');
    await host.call('peer/add-candidate', { peerId: 'phone-a', candidate: { candidate: 'early' } });

    expect(await host.call('peer/accept-offer', { peerId: 'phone-a', sdp: 'second offer', iceServers: [] })).toEqual({ ok: true, value: { sdp: 'answer to second offer' } });

    const [firstA, b, secondA] = host.connections.made;
    expect([firstA!.closed, b!.closed, secondA!.closed]).toEqual([true, false, false]);
    expect(secondA!.remoteSdp).toBe('second offer');
    expect(await host.call('peer/status', { peerId: 'phone-b' })).toMatchObject({ ok: true, value: { channel: 'open' } });
  });

  it('keeps a candidate that comes before its offer and applies it to that offer', async () => {
    const host = peerHost();
    await host.call('peer/add-candidate', { peerId: 'phone-a', candidate: { candidate: 'before the offer' } });
    await host.connect('phone-a');
    expect(host.connections.made[0]!.remoteCandidates).toEqual([{ candidate: 'before the offer' }]);
  });
});

describe(`the peer host holds at most MAX_PEERS (${MAX_PEERS}) phones`, () => {
  const ids = Array.from({ length: MAX_PEERS }, (_, i) => `phone-${i + 1}`);

  it("refuses a new phone's offer and candidates with 'limit-reached' and leaves the others open", async () => {
    const host = peerHost();
    const channels = [];
    for (const id of ids) channels.push(await host.connect(id));
    const events = host.events.length;

    const offer = await host.call('peer/accept-offer', { peerId: 'one-too-many', sdp: 'offer', iceServers: [] });
    const candidate = await host.call('peer/add-candidate', { peerId: 'one-too-many', candidate: { candidate: 'c' } });

    expect(offer.ok === false && offer.error.code).toBe('limit-reached');
    expect(candidate.ok === false && candidate.error.code).toBe('limit-reached');
    expect(host.connections.made).toHaveLength(MAX_PEERS);
    expect(host.connections.made.every((c) => !c.closed)).toBe(true);
    expect(host.events).toHaveLength(events);
    const statuses = await host.call('peer/statuses', {});
    expect(statuses.ok && statuses.value.peers.map((p) => [p.peerId, p.status.channel])).toEqual(ids.map((id) => [id, 'open']));
    expect(await host.call('peer/status', { peerId: 'one-too-many' })).toEqual({ ok: true, value: { channel: 'none', connection: 'none' } });
    await host.call('peer/send', { peerId: ids[0]!, frame: 'still served' });
    expect(channels[0]!.sent).toEqual(['still served']);
  });

  it('still answers a new offer from a phone it holds, and a new phone once one is closed', async () => {
    const host = peerHost();
    for (const id of ids) await host.connect(id);

    expect((await host.call('peer/accept-offer', { peerId: ids[3]!, sdp: 'again', iceServers: [] })).ok).toBe(true);
    await host.call('peer/close', { peerId: ids[0]! });
    expect((await host.call('peer/accept-offer', { peerId: 'newcomer', sdp: 'offer', iceServers: [] })).ok).toBe(true);
  });
});
