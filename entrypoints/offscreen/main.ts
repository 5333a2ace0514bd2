/**
 * The peer host on Chrome: holds the RTCPeerConnections and `liquid` data channels, one per
 * paired phone (lib/peer/peer-links.ts), which outlive service-worker restarts here. Speaks
 * 'tandem/peer' (commands from the background) and sends 'tandem/peer-events'. Only `runtime` is
 * available in offscreen documents.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { createReceiver, request } from '@/lib/messaging/channel';
import { PEER_WATCH_PORT, peerChannel, peerEventChannel, type PeerCatalogue, type PeerEvent } from '@/lib/messaging/peer-protocol';
import { isExtensionPage } from '@/lib/messaging/senders';
import { createPeerHandlers } from '@/lib/peer/peer-handlers';
import { createPeerLinks } from '@/lib/peer/peer-links';
import { markHop } from '@/lib/perf/hop-marks';

const EVENT_DEADLINE_MS = 5_000;
const EVENT_ATTEMPTS = 3;

// Events are delivered in order, one at a time: a candidate must not overtake the answer. One queue
// for every peer: the background is one receiver, and the order within each peer is what matters.
let delivery: Promise<void> = Promise.resolve();
function sendEvent(event: PeerEvent) {
  if (event.kind === 'peer/frame') markHop('offscreenReply');
  delivery = delivery.then(async () => {
    for (let attempt = 1; attempt <= EVENT_ATTEMPTS; attempt++) {
      const reply = await request(peerEventChannel, (m) => browser.runtime.sendMessage(m), event.kind, event.payload as never, EVENT_DEADLINE_MS);
      if (reply.ok) return;
      console.warn(`[tandem offscreen] ${event.kind} not delivered (${reply.error.message}), attempt ${attempt}`);
    }
  });
}

const links = createPeerLinks({ createPeerConnection: (config) => new RTCPeerConnection(config), emit: sendEvent });

browser.runtime.onMessage.addListener(
  createReceiver<PeerCatalogue, void>(peerChannel, {
    // Commands come from the background only: an extension context without a tab.
    authorize: (sender) => (isExtensionPage(sender) && !sender.tab ? undefined : null),
    handlers: markedHandlers(createPeerHandlers(links)),
  }),
);

/** The handlers, with the moment a frame went out on the channel marked (lib/perf/hop-marks.ts). */
function markedHandlers(handlers: ReturnType<typeof createPeerHandlers>): ReturnType<typeof createPeerHandlers> {
  const send = handlers['peer/send'];
  return {
    ...handlers,
    'peer/send': (payload, ctx) => {
      const reply = send(payload, ctx);
      markHop('offscreenFrameSent');
      return reply;
    },
  };
}

// The background holds a port open to this document only to learn when it closes (offscreen-host.ts).
const watchers = new Set<Runtime.Port>();
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PEER_WATCH_PORT) return;
  watchers.add(port);
  port.onDisconnect.addListener(() => watchers.delete(port));
});

sendEvent({ kind: 'peer/ready', payload: {} });
