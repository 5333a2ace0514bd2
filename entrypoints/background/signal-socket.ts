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
import browser from 'webextension-polyfill';
import type { SignalSocket } from '@/lib/liquid/signaling';
import { isOriginRefusal, OriginRefusedError } from '@/lib/liquid/origin-refusal';
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
  if (response.ok) return;
  const body = await withDeadline(response.text(), HTTP_DEADLINE_MS, 'GET /auth/session body').catch(() => '');
  if (isOriginRefusal({ status: response.status, header: (name) => response.headers.get(name), body })) throw new OriginRefusedError(extensionOrigin());
  throw new Error(`GET /auth/session answered ${response.status}`);
}

/** What a server sees in `Origin` from Tandem: chrome-extension://<id>, or moz-extension://<uuid of this install>. */
function extensionOrigin(): string {
  return browser.runtime.getURL('/').replace(/\/$/, '');
}

export async function logoutServerSession(serverUrl: string): Promise<void> {
  await withDeadline(fetch(new URL('/auth/logout', serverUrl), { credentials: 'include', redirect: 'manual' }), HTTP_DEADLINE_MS, 'GET /auth/logout');
}
