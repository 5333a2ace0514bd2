/** Composes the signaling state machine with the real edges: storage, socket, timers, peer host. */
import { v7 as uuidv7 } from 'uuid';
import browser from 'webextension-polyfill';
import { serverHostPattern } from '@/lib/liquid/server-permission';
import { createSignaling, type Signaling, type SignalingPeer } from '@/lib/liquid/signaling';
import type { Pairing, SignalingSettings } from '@/lib/liquid/types';
import { connectionItem, serverSessionsItem } from '@/lib/storage/items';
import { showConnectionPhase } from './badge';
import { createServerSessions } from './server-sessions';
import { fetchServerSession, logoutServerSession, openSignalSocket, sessionCookieJar } from './signal-socket';

export interface ConnectionDeps {
  peer: SignalingPeer;
  pairing: { load(): Promise<Pairing | null>; save(pairing: Pairing | null): Promise<void> };
  settings(): Promise<SignalingSettings>;
  onChannelOpen(): void;
  onChannelClosed(): void;
}

export function createConnection({ peer, pairing, settings, onChannelOpen, onChannelClosed }: ConnectionDeps): Signaling {
  // Every step that sends a server session's cookie, one at a time (server-sessions.ts).
  const sessions = createServerSessions(sessionCookieJar, serverSessionsItem);
  return createSignaling({
    fetchSession: (server, session) => sessions.withSession(session, server, () => fetchServerSession(server)),
    logout: (server, session) => sessions.withSession(session, server, () => logoutServerSession(server)),
    openSocket: (server, session) => openSignalSocket(server, (handshake) => sessions.withSession(session, server, handshake)),
    forgetSession: (session) => sessions.forget(session),
    hasServerPermission: async (serverUrl) => {
      const pattern = serverHostPattern(serverUrl, __TANDEM_DEFAULT_SERVER__);
      return pattern !== null && browser.permissions.contains({ origins: [pattern] });
    },
    peer,
    clock: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    newRequestId: () => uuidv7(),
    settings,
    loadPairing: pairing.load,
    savePairing: pairing.save,
    writeState: (state) => {
      // The toolbar follows the connection; a failure to draw it never holds up the state.
      void showConnectionPhase(state.phase).catch(() => undefined);
      return connectionItem.setValue(state);
    },
    readState: () => connectionItem.getValue(),
    onChannelOpen,
    onChannelClosed,
  });
}
