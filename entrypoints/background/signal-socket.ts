/**
 * The signaling socket, the server session and its cookie.
 *
 * Each pairing has its own server session (server-sessions.ts): its `connect.sid` is put in place
 * through the `cookies` API before each of its steps, with the attributes that make an extension's
 * WebSocket carry it (platform.ts `sessionCookieAttributes`). So the socket is websocket-only: the
 * one upgrade request is the handshake, sent while that pairing's cookie is in the jar. (Polling
 * first would send the cookie on every long-poll until the upgrade, whatever pairing's cookie the jar
 * held by then.) For the same reason socket.io never reconnects by itself here: a reconnection would
 * handshake at a moment of its own choosing; signaling/socket.ts reconnects through `connect()`, and
 * every `connect()` is a handshake step of the pairing's session.
 */
import { io } from 'socket.io-client';
import { WebSocket } from 'engine.io-client';
import browser from 'webextension-polyfill';
import type { SignalSocket } from '@/lib/liquid/signaling';
import { isOriginRefusal, OriginRefusedError } from '@/lib/liquid/origin-refusal';
import { withDeadline } from '@/lib/messaging/result';
import { sessionCookieAttributes } from './platform';
import type { SessionCookieJar } from './server-sessions';

const HTTP_DEADLINE_MS = 10_000;
const HANDSHAKE_DEADLINE_MS = 10_000;
const SESSION_COOKIE = 'connect.sid';

/**
 * A socket to `serverUrl` whose every `connect()` runs as `handshake(step)`: the step opens the
 * connection and ends once it connected, failed or passed its deadline. A socket disconnected by
 * Tandem never connects again (signaling drops it and opens another).
 */
export function openSignalSocket(serverUrl: string, handshake: (step: () => Promise<void>) => Promise<void>): SignalSocket {
  const socket = io(serverUrl, {
    transports: [WebSocket],
    autoConnect: false,
    reconnection: false,
    timeout: HANDSHAKE_DEADLINE_MS,
  });
  let dropped = false;
  const connectOnce = () =>
    new Promise<void>((resolve) => {
      if (dropped || socket.connected) return resolve();
      const done = () => {
        clearTimeout(deadline);
        socket.off('connect', done);
        socket.off('connect_error', done);
        resolve();
      };
      const deadline = setTimeout(done, HANDSHAKE_DEADLINE_MS);
      socket.on('connect', done);
      socket.on('connect_error', done);
      socket.connect();
    });
  return {
    get connected() {
      return socket.connected;
    },
    on: (event, listener) => void socket.on(event, listener),
    emit: (event, ...args) => void socket.emit(event, ...args),
    connect: () => void handshake(connectOnce).catch(() => undefined),
    disconnect() {
      dropped = true;
      socket.disconnect();
    },
  };
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

/**
 * The browser's `connect.sid` for a server: the host-only cookie on path / (as the server sets it and
 * as it is put back). `read` sees the cookies the server set; Chromium does not show the Secure one
 * Tandem put back for an http:// (development) server, since its https:// URL is not among the host
 * permissions (measured, 156), so there `null` after a `put` means the server issued no new one, and
 * the saved value stands (server-sessions.ts saves only what it reads). `remove` by the http:// URL
 * does delete that Secure cookie (measured).
 */
export const sessionCookieJar: SessionCookieJar = {
  async read(server) {
    const { hostname } = new URL(server);
    const found = await browser.cookies.getAll({ name: SESSION_COOKIE, domain: hostname });
    return found.find((c) => c.domain === hostname && c.path === '/')?.value ?? null;
  },
  async put(server, cookie) {
    const set = await browser.cookies.set({ url: `${new URL(server).origin}/`, name: SESSION_COOKIE, value: cookie, path: '/', httpOnly: true, ...sessionCookieAttributes() });
    // Firefox resolves a cookie it refuses to null instead of failing.
    if (!set) throw new Error(`the browser refused the session cookie for ${server}`);
  },
  async clear(server) {
    await browser.cookies.remove({ url: `${new URL(server).origin}/`, name: SESSION_COOKIE });
  },
};
