/**
 * The signaling socket and the server session.
 *
 * A WebSocket opened from an extension context does not carry the `connect.sid` cookie (it
 * has no SameSite attribute, and a chrome-extension:// handshake counts as cross-site;
 * liquid-protocol.md §3, Chromium 156). `fetch` with host permissions does. So Socket.IO
 * starts on engine.io's fetch-based polling transport with credentials (usable in a service
 * worker, which has no XMLHttpRequest) and upgrades to a websocket: the handshake request
 * carries the session, and the socket keeps it after the upgrade.
 */
import { io } from 'socket.io-client';
import { Fetch, WebSocket } from 'engine.io-client';
import type { SignalSocket } from '@/lib/liquid/signaling';
import { withDeadline } from '@/lib/messaging/result';

const HTTP_DEADLINE_MS = 10_000;

export function openSignalSocket(serverUrl: string): SignalSocket {
  return io(serverUrl, {
    transports: [Fetch, WebSocket],
    withCredentials: true,
    autoConnect: false,
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
    randomizationFactor: 0.3,
    timeout: 10_000,
  }) as unknown as SignalSocket;
}

export async function fetchServerSession(serverUrl: string): Promise<void> {
  const response = await withDeadline(fetch(new URL('/auth/session', serverUrl), { credentials: 'include' }), HTTP_DEADLINE_MS, 'GET /auth/session');
  if (!response.ok) throw new Error(`GET /auth/session answered ${response.status}`);
}

export async function logoutServerSession(serverUrl: string): Promise<void> {
  await withDeadline(fetch(new URL('/auth/logout', serverUrl), { credentials: 'include', redirect: 'manual' }), HTTP_DEADLINE_MS, 'GET /auth/logout');
}
