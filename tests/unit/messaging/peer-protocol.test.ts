/** The background ↔ peer host payloads: every command names its peer, every event but peer/ready too. */
import { describe, expect, it } from 'vitest';
import { MAX_PEER_ID, concernsPeer, parsePeerId, peerChannel, peerEventChannel } from '../../../lib/messaging/peer-protocol';

const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };

/** One well-formed payload of each kind that names a peer, without its id. */
const commands = {
  'peer/status': {},
  'peer/accept-offer': { sdp: 'v=0', iceServers: [] },
  'peer/add-candidate': { candidate },
  'peer/send': { frame: 'oWJpZGF4' },
  'peer/close': {},
} as const;
const events = {
  'peer/local-candidate': { candidate },
  'peer/channel': { state: 'open' },
  'peer/frame': { kind: 'envelope', value: { id: 'x' } },
} as const;

const badIds: [string, unknown][] = [
  ['missing', undefined],
  ['empty', ''],
  ['too long', 'p'.repeat(MAX_PEER_ID + 1)],
  ['with a control character', 'phone\n1'],
  ['with a space', 'phone 1'],
  ['not a string', 7],
];

describe('peer ids', () => {
  it('takes visible ASCII up to MAX_PEER_ID characters, such as a UUID v7 requestId', () => {
    expect(parsePeerId('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).toBe('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    expect(parsePeerId('p'.repeat(MAX_PEER_ID))).toBe('p'.repeat(MAX_PEER_ID));
  });

  it.each(badIds)('refuses one %s', (_, id) => {
    expect(parsePeerId(id)).toBeNull();
  });
});

/** Every payload that names a peer: [channel/kind, its parser, the payload without its id]. */
const namingPeer: [string, (payload: unknown) => unknown, object][] = [
  ...Object.entries(commands).map(([kind, rest]): [string, (payload: unknown) => unknown, object] => [`command ${kind}`, peerChannel.parsers[kind as keyof typeof commands], rest]),
  ...Object.entries(events).map(([kind, rest]): [string, (payload: unknown) => unknown, object] => [`event ${kind}`, peerEventChannel.parsers[kind as keyof typeof events], rest]),
];

describe.each(namingPeer)('the %s', (_, parse, rest) => {
  it('carries its peerId', () => {
    expect(parse({ ...rest, peerId: 'phone-1' })).toEqual({ ...rest, peerId: 'phone-1' });
  });

  it.each(badIds)('is refused with a peerId %s', (_, peerId) => {
    expect(parse(peerId === undefined ? rest : { ...rest, peerId })).toBeNull();
  });
});

describe('payloads about the whole host', () => {
  it('reads peer/statuses and peer/ready without a peerId', () => {
    expect(peerChannel.parsers['peer/statuses']({})).toEqual({});
    expect(peerEventChannel.parsers['peer/ready']({})).toEqual({});
  });

  it('hands a listener bound to one peer its own events and the document-wide ones', () => {
    expect(concernsPeer({ kind: 'peer/channel', payload: { peerId: 'a', state: 'open' } }, 'a')).toBe(true);
    expect(concernsPeer({ kind: 'peer/channel', payload: { peerId: 'b', state: 'open' } }, 'a')).toBe(false);
    expect(concernsPeer({ kind: 'peer/ready', payload: {} }, 'a')).toBe(true);
  });
});
