/** Firefox's peer host, in the background page itself: the same links, driven through peerFor(). */
import { describe, expect, it } from 'vitest';
import type { PeerEvent } from '../../../lib/messaging/peer-protocol';
import { createInProcessPeerHost } from '../../../lib/peer/peer-host';
import { fakeConnections } from './fake-rtc';

describe("Firefox's in-process peer host", () => {
  it('binds each peer to its id and delivers every event with the id it concerns', async () => {
    const connections = fakeConnections();
    const host = createInProcessPeerHost(connections.create);
    const events: PeerEvent[] = [];
    host.onEvent((event) => events.push(event));
    const a = host.peerFor('phone-a');
    const b = host.peerFor('phone-b');

    expect(await a.acceptOffer('offer a', [])).toEqual({ ok: true, value: { sdp: 'answer to offer a' } });
    expect(await b.acceptOffer('offer b', [])).toEqual({ ok: true, value: { sdp: 'answer to offer b' } });
    const channelB = connections.made[1]!.openChannel();
    await b.send('for b');
    await a.close();
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));

    expect(channelB.sent).toEqual(['for b']);
    expect((await a.send('lost')).ok).toBe(false);
    expect(await b.status()).toMatchObject({ ok: true, value: { channel: 'open' } });
    expect(await host.statuses()).toEqual({ ok: true, value: { peers: [{ peerId: 'phone-b', status: { channel: 'open', connection: 'connected', openedAt: expect.any(Number) } }] } });
    expect(events.map((e) => e.kind === 'peer/channel' && [e.payload.peerId, e.payload.state])).toEqual([
      ['phone-a', 'connecting'],
      ['phone-b', 'connecting'],
      ['phone-b', 'open'],
      ['phone-a', 'closed'],
    ]);
  });
});
