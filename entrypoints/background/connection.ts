/** Composes one phone's signaling state machine with the real edges: the server, the socket, the timers. */
import { v7 as uuidv7 } from 'uuid';
import browser from 'webextension-polyfill';
import { serverHostPattern } from '@/lib/liquid/server-permission';
import { createSignaling, type Signaling } from '@/lib/liquid/signaling';
import type { SignalingSettings } from '@/lib/liquid/types';
import type { MachineEdges } from './phones';
import type { ServerSessions } from './server-sessions';
import { fetchServerSession, logoutServerSession, openSignalSocket } from './signal-socket';

/**
 * `sessions` is shared by every phone's machine: it runs the steps that send a server session's
 * cookie one at a time, browser-wide (server-sessions.ts).
 */
export function createConnection(edges: MachineEdges, sessions: ServerSessions, settings: () => Promise<SignalingSettings>): Signaling {
  return createSignaling({
    fetchSession: (server, session) => sessions.withSession(session, server, () => fetchServerSession(server)),
    logout: (server, session) => sessions.withSession(session, server, () => logoutServerSession(server)),
    openSocket: (server, session) => openSignalSocket(server, (handshake) => sessions.withSession(session, server, handshake)),
    forgetSession: (session) => sessions.forget(session),
    hasServerPermission: async (serverUrl) => {
      const pattern = serverHostPattern(serverUrl, __TANDEM_DEFAULT_SERVER__);
      return pattern !== null && browser.permissions.contains({ origins: [pattern] });
    },
    clock: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    newRequestId: () => uuidv7(),
    settings,
    ...edges,
  });
}
