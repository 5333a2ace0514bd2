/**
 * The Liquid Auth server sessions Tandem uses, seen from both ends: the sessions the dev server's
 * sockets connected with (its log), and the cookie values Tandem saved per pairing (storage.session,
 * entrypoints/background/server-sessions.ts), read and used through the worker.
 */
import type { Worker } from '@playwright/test';
import type { TestServer } from './server';

export interface SocketSession {
  socket: string;
  /** express-session's id (the cookie's value is `s:<id>.<signature>`, URL-encoded). */
  session: string;
  /** The wallet the session held when the socket connected (the socket joined its room). */
  wallet?: string;
}

/** Every socket the server accepted, in order, with its session (dev/server/signaling.ts logs each). */
export function socketSessions(server: TestServer): SocketSession[] {
  return server.log.flatMap((line) => {
    const m = /^socket (\S+) connected \(session ([^,)]+)(?:, wallet (\w+))?\)$/.exec(line);
    return m ? [{ socket: m[1]!, session: m[2]!, ...(m[3] ? { wallet: m[3] } : {}) }] : [];
  });
}

/** The session id inside a `connect.sid` cookie value. */
export function sessionIdOf(cookie: string): string {
  const m = /^s:([^.]+)\./.exec(decodeURIComponent(cookie));
  if (!m) throw new Error(`not an express-session cookie: ${cookie}`);
  return m[1]!;
}

type WorkerGlobal = {
  chrome: {
    storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
    cookies: {
      set(details: object): Promise<unknown>;
      getAll(filter: object): Promise<{ name: string; domain: string; value: string }[]>;
    };
  };
};

/** Tandem's saved session cookie per key (a pairing's or an attempt's requestId). */
export function savedSessions(worker: Worker): Promise<Record<string, { server: string; cookie: string }>> {
  return worker.evaluate(async () => {
    const { serverSessions } = await (globalThis as unknown as WorkerGlobal).chrome.storage.session.get('serverSessions');
    return (serverSessions ?? {}) as Record<string, { server: string; cookie: string }>;
  });
}

/**
 * Puts `cookie` in the worker's jar as the server's `connect.sid`: as the server sets it (`as: 'server'`,
 * no SameSite, no Secure) or as Tandem puts a saved one back in Chromium (`SameSite=None; Secure`).
 */
export async function putSessionCookie(worker: Worker, serverUrl: string, cookie: string, as: 'server' | 'tandem'): Promise<void> {
  await worker.evaluate(
    async ({ serverUrl, cookie, crossSite }) => {
      const { chrome } = globalThis as unknown as WorkerGlobal;
      const attributes = crossSite ? { secure: true, sameSite: 'no_restriction' } : {};
      await chrome.cookies.set({ url: `${serverUrl}/`, name: 'connect.sid', value: cookie, path: '/', httpOnly: true, ...attributes });
    },
    { serverUrl, cookie, crossSite: as === 'tandem' },
  );
}

/**
 * What another pairing's unpair does from Tandem's worker (server-sessions.ts `withSession` with
 * `GET /auth/logout`): its cookie put in place, the logout sent with credentials. The jar is left
 * holding that cookie, as `withSession` leaves it.
 */
export async function logoutAs(worker: Worker, serverUrl: string, cookie: string): Promise<void> {
  await putSessionCookie(worker, serverUrl, cookie, 'tandem');
  // The server answers 302; with redirect 'manual' the worker sees an opaque redirect.
  const answer = await worker.evaluate(async (serverUrl) => (await fetch(`${serverUrl}/auth/logout`, { credentials: 'include', redirect: 'manual' })).type, serverUrl);
  if (answer !== 'opaqueredirect') throw new Error(`GET /auth/logout answered ${answer}, not the server's redirect`);
}

/** `GET /auth/session` from the worker with whatever cookie is in the jar: the wallet that session holds. */
export async function sessionWalletFromWorker(worker: Worker, serverUrl: string): Promise<string | null> {
  return worker.evaluate(async (serverUrl) => {
    const body = (await (await fetch(`${serverUrl}/auth/session`, { credentials: 'include' })).json()) as { session: { wallet?: string } };
    return body.session.wallet ?? null;
  }, serverUrl);
}

/** The server's `connect.sid` in the worker's jar, as the cookies API shows it (after a fetch set it). */
export function visibleSessionCookie(worker: Worker, serverUrl: string): Promise<string | null> {
  return worker.evaluate(async (serverUrl) => {
    const { chrome } = globalThis as unknown as WorkerGlobal;
    const host = new URL(serverUrl).hostname;
    return (await chrome.cookies.getAll({ name: 'connect.sid', domain: host })).find((c) => c.domain === host)?.value ?? null;
  }, serverUrl);
}

/**
 * Opens a websocket-only Socket.IO connection from the worker by hand (engine.io open, then the
 * Socket.IO CONNECT) and tells how the server answered: `connected` or `refused` (no stored
 * session: the handshake carried no cookie the server knows).
 */
export function handshakeFromWorker(worker: Worker, serverUrl: string): Promise<'connected' | 'refused' | 'no answer'> {
  return worker.evaluate(
    (serverUrl) =>
      new Promise<'connected' | 'refused' | 'no answer'>((resolve) => {
        const ws = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
        const end = (answer: 'connected' | 'refused' | 'no answer') => {
          clearTimeout(deadline);
          ws.close();
          resolve(answer);
        };
        const deadline = setTimeout(() => end('no answer'), 5_000);
        ws.onmessage = ({ data }) => {
          const packet = String(data);
          if (packet.startsWith('0')) ws.send('40');
          else if (packet.startsWith('40')) end('connected');
          else if (packet.startsWith('44')) end('refused');
        };
        ws.onerror = () => end('no answer');
      }),
    serverUrl,
  );
}
