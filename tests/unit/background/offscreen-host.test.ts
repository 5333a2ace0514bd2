/**
 * Chrome's peer host seen from the background (entrypoints/background/offscreen-host.ts), over a
 * scripted runtime: the "offscreen document" runs the real peer handlers on fake RTCPeerConnections.
 * When the document closes, every peer the background had in use hears that its channel closed.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createReceiver } from '@/lib/messaging/channel';
import { peerChannel, type PeerEvent } from '@/lib/messaging/peer-protocol';
import { createPeerHandlers } from '@/lib/peer/peer-handlers';
import { createPeerLinks } from '@/lib/peer/peer-links';
import { fakeConnections } from '../peer/fake-rtc';

type Listener = () => void;

const runtime = vi.hoisted(() => ({
  id: 'tandem-test',
  /** The offscreen document's runtime.onMessage listener, while it exists. */
  document: null as ((message: unknown, sender: Runtime.MessageSender) => unknown) | null,
  /** The running worker's listener for the document's events. */
  background: null as ((message: unknown, sender: Runtime.MessageSender) => unknown) | null,
  /** The background's end of each watch port it opened, with a way to close the other end. */
  ports: [] as { name: string; disconnect: () => void }[],
}));

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      get id() {
        return runtime.id;
      },
      getURL: (path: string) => `chrome-extension://${runtime.id}${path.startsWith('/') ? path : `/${path}`}`,
      sendMessage: async (message: unknown) => {
        if (!runtime.document) throw new Error('Could not establish connection. Receiving end does not exist.');
        return runtime.document(message, { id: runtime.id, url: `chrome-extension://${runtime.id}/background.js` } as Runtime.MessageSender);
      },
      connect: ({ name }: { name: string }) => {
        const listeners: Listener[] = [];
        runtime.ports.push({ name, disconnect: () => listeners.forEach((l) => l()) });
        return { name, onDisconnect: { addListener: (l: Listener) => listeners.push(l) } };
      },
    },
  },
}));

const { createOffscreenPeerHost } = await import('@/entrypoints/background/offscreen-host');

const offscreenSender = { id: 'tandem-test', url: 'chrome-extension://tandem-test/offscreen.html' } as Runtime.MessageSender;

/** The document sends an event to whichever worker runs. */
const toBackground = (event: PeerEvent) => void runtime.background?.({ channel: 'tandem/peer-events', kind: event.kind, payload: event.payload }, offscreenSender);

/** Opens the offscreen document: the real peer handlers, reporting their events to the worker. */
function openDocument() {
  const links = createPeerLinks({ createPeerConnection: fakeConnections().create, emit: toBackground, log: () => undefined });
  runtime.document = createReceiver(peerChannel, { authorize: () => undefined, handlers: createPeerHandlers(links) });
  toBackground({ kind: 'peer/ready', payload: {} });
}

/** Chrome closes the document: it is gone, and the watch port's other end closes. */
async function closeDocument() {
  runtime.document = null;
  for (const port of runtime.ports.splice(0)) port.disconnect();
  await vi.waitFor(() => expect(runtime.document).toBeNull());
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A worker starting: its peer host, and every event it delivers. */
function startWorker() {
  (globalThis as unknown as { chrome: unknown }).chrome = {
    offscreen: { createDocument: async () => openDocument() },
    runtime: { getContexts: async () => (runtime.document ? [{ contextType: 'OFFSCREEN_DOCUMENT' }] : []) },
  };
  const host = createOffscreenPeerHost();
  runtime.background = host.eventReceiver;
  const events: PeerEvent[] = [];
  host.onEvent((event) => events.push(event));
  const closedEvents = () => events.filter((e) => e.kind === 'peer/channel' && e.payload.state === 'closed' && e.payload.reason === 'the offscreen document closed');
  return { host, events, closedEvents };
}

beforeEach(() => {
  runtime.document = null;
  runtime.background = null;
  runtime.ports.length = 0;
});

describe('the offscreen peer host', () => {
  it('reports a closed channel for every peer in use when the document closes', async () => {
    const { host, closedEvents } = startWorker();
    for (const peerId of ['phone-a', 'phone-b']) {
      expect((await host.peerFor(peerId).acceptOffer(`offer of ${peerId}`, [])).ok).toBe(true);
    }
    expect(runtime.ports.map((p) => p.name)).toEqual(['tandem/peer-watch']);

    await closeDocument();

    await vi.waitFor(() => expect(closedEvents()).toHaveLength(2));
    expect(closedEvents().map((e) => e.kind !== 'peer/ready' && e.payload.peerId)).toEqual(['phone-a', 'phone-b']);
  });

  it('reports the peers a restarted worker learned from statuses() and from events', async () => {
    // The document (and its links) outlived the worker: a new host knows none of its peers yet.
    const first = startWorker();
    await first.host.peerFor('phone-a').acceptOffer('offer', []);
    await first.host.peerFor('phone-b').acceptOffer('offer', []);
    // The worker stops: its watch port goes with it, without telling anyone.
    runtime.ports.length = 0;
    const { host, closedEvents } = startWorker();

    const statuses = await host.statuses();
    expect(statuses.ok && statuses.value.peers.map((p) => p.peerId)).toEqual(['phone-a', 'phone-b']);
    await host.eventReceiver({ channel: 'tandem/peer-events', kind: 'peer/channel', payload: { peerId: 'phone-c', state: 'connecting' } }, offscreenSender);

    await closeDocument();

    await vi.waitFor(() => expect(closedEvents()).toHaveLength(3));
    expect(closedEvents().map((e) => e.kind !== 'peer/ready' && e.payload.peerId)).toEqual(['phone-a', 'phone-b', 'phone-c']);
  });

  it('answers status and statuses without making a document when there is none', async () => {
    const { host } = startWorker();
    expect(await host.peerFor('phone-a').status()).toEqual({ ok: true, value: { channel: 'none', connection: 'none' } });
    expect(await host.statuses()).toEqual({ ok: true, value: { peers: [] } });
    expect(runtime.document).toBeNull();
    expect(runtime.ports).toEqual([]);
  });

  it('reports nothing for a peer once its closed document was reported and nothing used it since', async () => {
    const { host, closedEvents } = startWorker();
    await host.peerFor('phone-a').acceptOffer('offer', []);
    await closeDocument();
    await vi.waitFor(() => expect(closedEvents()).toHaveLength(1));

    await host.peerFor('phone-b').acceptOffer('offer', []);
    await closeDocument();

    await vi.waitFor(() => expect(closedEvents()).toHaveLength(2));
    expect(closedEvents().map((e) => e.kind !== 'peer/ready' && e.payload.peerId)).toEqual(['phone-a', 'phone-b']);
  });
});
