/**
 * Chrome's peer host: the offscreen document (a service worker has no RTCPeerConnection).
 * `ensureOffscreen()` reuses an existing document, shares one in-flight creation, and waits
 * for the document's ready message with a deadline. Offscreen documents only get `runtime`
 * messaging (Chrome docs, 2026), so commands and events travel as runtime messages.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { createReceiver, request } from '@/lib/messaging/channel';
import { PEER_WATCH_PORT, peerChannel, peerEventChannel, peerOfCommand, type PeerCatalogue, type PeerEvent } from '@/lib/messaging/peer-protocol';
import { isExtensionPage } from '@/lib/messaging/senders';
import { messageError, withDeadline, type Reply } from '@/lib/messaging/result';
import { describeError, fail, ok } from '@/lib/result';
import { peerHostFromCaller, type PeerHost } from '@/lib/peer/peer-host';
import { markHop } from '@/lib/perf/hop-marks';

const OFFSCREEN_PATH = 'offscreen.html';

const READY_DEADLINE_MS = 5_000;
const COMMAND_DEADLINE_MS = 10_000;

interface OffscreenApi {
  createDocument(params: { url: string; reasons: string[]; justification: string }): Promise<void>;
}
interface ChromeWithOffscreen {
  offscreen: OffscreenApi;
  runtime: { getContexts(filter: { contextTypes: string[]; documentUrls?: string[] }): Promise<unknown[]> };
}

export interface OffscreenPeerHost extends PeerHost {
  /** The runtime.onMessage listener for the offscreen document's events. */
  eventReceiver: ReturnType<typeof createReceiver>;
}

export function createOffscreenPeerHost(): OffscreenPeerHost {
  const chromeApi = (globalThis as unknown as { chrome: ChromeWithOffscreen }).chrome;
  const listeners = new Set<(event: PeerEvent) => void>();
  const readyWaiters = new Set<() => void>();
  let creating: Promise<void> | null = null;
  /**
   * The document answered a command, or was just checked or made: commands go straight to it.
   * Looking it up first (`runtime.getContexts`) put a browser round trip of 1 to 9 ms in front of
   * every frame sent to the phone (measured by `npm run bench`, 2026).
   */
  let known = false;
  let watch: Runtime.Port | null = null;
  /**
   * Every peer this worker has sent a command for or heard of since the document last closed: when
   * it closes, each of them has lost its link and is told so. (A worker that starts anew learns them
   * again from its own commands, the document's events and `statuses()`.)
   */
  const inUse = new Set<string>();

  /**
   * Holds a port open to the document: a closed document reports nothing, but its end of the port
   * closing does, at once, while the worker runs (a worker that was stopped learns it from
   * `status()` when it starts). An idle port does not keep the worker alive (Chrome 114+).
   */
  function watchDocument() {
    if (watch) return;
    const port = browser.runtime.connect({ name: PEER_WATCH_PORT });
    watch = port;
    port.onDisconnect.addListener(() => {
      if (watch !== port) return;
      watch = null;
      void documentExists().then((exists) => {
        if (exists) return watchDocument();
        known = false;
        const lost = [...inUse];
        inUse.clear();
        for (const peerId of lost) emit({ kind: 'peer/channel', payload: { peerId, state: 'closed', reason: 'the offscreen document closed' } });
      });
    });
  }

  async function documentExists(): Promise<boolean> {
    const url = browser.runtime.getURL(`/${OFFSCREEN_PATH}`);
    const contexts = await chromeApi.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
    return contexts.length > 0;
  }

  async function ensureOffscreen(): Promise<void> {
    if (await documentExists()) return;
    if (creating) return creating;
    creating = (async () => {
      const ready = new Promise<void>((resolve) => readyWaiters.add(resolve));
      await chromeApi.offscreen.createDocument({
        url: OFFSCREEN_PATH,
        reasons: ['WEB_RTC'],
        justification: 'Holds the WebRTC data channel to the paired phone wallet.',
      });
      await withDeadline(ready, READY_DEADLINE_MS, 'the offscreen peer host');
    })().finally(() => {
      creating = null;
    });
    return creating;
  }

  const send = <K extends keyof PeerCatalogue>(kind: K, payload: PeerCatalogue[K]['request']) => {
    if (kind === 'peer/send') markHop('backgroundFrameSent');
    const peerId = peerOfCommand(payload);
    if (peerId !== null) inUse.add(peerId);
    return request(peerChannel, (m) => browser.runtime.sendMessage(m), kind, payload, COMMAND_DEADLINE_MS);
  };

  const call = async <K extends keyof PeerCatalogue>(kind: K, payload: PeerCatalogue[K]['request']): Promise<Reply<PeerCatalogue[K]['response']>> => {
    if (known) {
      const reply = await send(kind, payload);
      // 'unavailable' is what a gone document gives (nobody answered, nothing ran): look it up and
      // send once more. The document's own 'unavailable' (no open channel) is then simply repeated.
      if (reply.ok || reply.error.code !== 'unavailable') return reply;
      known = false;
    }
    try {
      await ensureOffscreen();
    } catch (err) {
      return fail(messageError('unavailable', `the peer host did not start: ${describeError(err)}`));
    }
    known = true;
    watchDocument();
    return send(kind, payload);
  };

  /**
   * Asks the document, if there is one. A query must not create a document just to learn there is
   * none: without one, `noDocument` is the answer.
   */
  const query = async <K extends 'peer/status' | 'peer/statuses'>(kind: K, payload: PeerCatalogue[K]['request'], noDocument: PeerCatalogue[K]['response']) => {
    if (!(await documentExists())) return ok(noDocument);
    watchDocument();
    return send(kind, payload);
  };

  const emit = (event: PeerEvent) => {
    if (event.kind === 'peer/ready') {
      readyWaiters.forEach((resolve) => resolve());
      readyWaiters.clear();
    }
    listeners.forEach((listener) => listener(event));
  };

  /** An event the document sent about one peer: that peer is in use. */
  const fromPeer = (event: Exclude<PeerEvent, { kind: 'peer/ready' }>) => {
    inUse.add(event.payload.peerId);
    emit(event);
    return ok({});
  };

  const eventReceiver = createReceiver(peerEventChannel, {
    // Only the offscreen document may report peer events.
    authorize: (sender) => (isExtensionPage(sender) && sender.url?.endsWith(`/${OFFSCREEN_PATH}`) ? {} : null),
    handlers: {
      'peer/ready': (payload) => (emit({ kind: 'peer/ready', payload }), ok({})),
      'peer/local-candidate': (payload) => fromPeer({ kind: 'peer/local-candidate', payload }),
      'peer/channel': (payload) => fromPeer({ kind: 'peer/channel', payload }),
      'peer/frame': (payload) => (markHop('backgroundReply'), fromPeer({ kind: 'peer/frame', payload })),
    },
  });

  const host = peerHostFromCaller(call, (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  });
  return {
    ...host,
    eventReceiver,
    peerFor: (peerId) => ({ ...host.peerFor(peerId), status: () => query('peer/status', { peerId }, { channel: 'none', connection: 'none' }) }),
    statuses: async () => {
      const reply = await query('peer/statuses', {}, { peers: [] });
      if (reply.ok) reply.value.peers.forEach(({ peerId }) => inUse.add(peerId));
      return reply;
    },
  };
}
