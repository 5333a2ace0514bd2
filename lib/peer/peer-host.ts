/**
 * The peer-host seam: the one interface the background uses to drive the phone link.
 * Chrome: the offscreen document (see entrypoints/background/offscreen-host.ts).
 * Firefox: the same peer link in-process in the persistent background page.
 */
import { messageError, type Reply } from '../messaging/result';
import { describeError, fail } from '../result';
import type { HandlerTable } from './peer-handlers';
import type { CandidateInit, PeerCatalogue, PeerEvent, PeerStatus } from '../messaging/peer-protocol';
import type { IceServerSetting } from '../messaging/peer-protocol';
import { createPeerHandlers } from './peer-handlers';
import { createPeerLink } from './peer-link';

export interface PeerHost {
  status(): Promise<Reply<PeerStatus>>;
  acceptOffer(sdp: string, iceServers: IceServerSetting[]): Promise<Reply<{ sdp: string }>>;
  addCandidate(candidate: CandidateInit): Promise<Reply<Record<string, never>>>;
  send(frame: string): Promise<Reply<Record<string, never>>>;
  close(): Promise<Reply<Record<string, never>>>;
  /** Subscribe to the peer host's events; returns the unsubscribe function. */
  onEvent(listener: (event: PeerEvent) => void): () => void;
}

/** Adapts any "call one kind" function to the PeerHost interface. */
export function peerHostFromCaller(
  call: <K extends keyof PeerCatalogue>(kind: K, payload: PeerCatalogue[K]['request']) => Promise<Reply<PeerCatalogue[K]['response']>>,
  onEvent: PeerHost['onEvent'],
): PeerHost {
  return {
    status: () => call('peer/status', {}),
    acceptOffer: (sdp, iceServers) => call('peer/accept-offer', { sdp, iceServers }),
    addCandidate: (candidate) => call('peer/add-candidate', { candidate }),
    send: (frame) => call('peer/send', { frame }),
    close: () => call('peer/close', {}),
    onEvent,
  };
}

/** Firefox: the peer link runs in the background page itself. */
export function createInProcessPeerHost(createPeerConnection: (config: RTCConfiguration) => RTCPeerConnection): PeerHost {
  const listeners = new Set<(event: PeerEvent) => void>();
  const link = createPeerLink({
    createPeerConnection,
    // Deliver asynchronously, like the offscreen transport, so callers never re-enter.
    emit: (event) => queueMicrotask(() => listeners.forEach((l) => l(event))),
  });
  const handlers: HandlerTable = createPeerHandlers(link);
  const call = async <K extends keyof PeerCatalogue>(kind: K, payload: PeerCatalogue[K]['request']): Promise<Reply<PeerCatalogue[K]['response']>> => {
    try {
      const handler = handlers[kind] as unknown as (p: PeerCatalogue[K]['request']) => Promise<Reply<PeerCatalogue[K]['response']>>;
      return await handler(payload);
    } catch (err) {
      return fail(messageError('failed', describeError(err)));
    }
  };
  return peerHostFromCaller(call, (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  });
}
