/**
 * Shared set-up for the dev server tests: a server on an ephemeral loopback port with its own temp data dir,
 * Socket.IO clients, and event waits with deadlines (no sleeps anywhere).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { startLiquidServer, type LiquidServerOptions, type RunningLiquidServer } from '../../../dev/server/app.ts';
import { CookieJar } from '../../support/soft-authenticator.ts';

export const WAIT_MS = 5_000;

export interface TestServer extends RunningLiquidServer {
  dataDir: string;
  /** Closes the server; `keepData` leaves the data dir for a restart. */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tandem-liquid-'));
}

export async function startTestServer(opts: LiquidServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? (await makeDataDir());
  const server = await startLiquidServer({ port: 0, host: '127.0.0.1', ...opts, dataDir });
  return {
    ...server,
    dataDir,
    async stop({ keepData = false } = {}) {
      await server.close();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** A new browser-like session: `GET /auth/session`, returning the Cookie header to reuse. */
export async function openSession(url: string): Promise<string> {
  const jar = new CookieJar();
  const response = await fetch(`${url}/auth/session`);
  jar.update(response);
  await response.body?.cancel();
  const cookie = jar.header();
  if (!cookie) throw new Error('GET /auth/session set no cookie');
  return cookie;
}

export async function readSession(url: string, cookie: string): Promise<{ user: unknown; session: { wallet?: string } }> {
  const response = await fetch(`${url}/auth/session`, { headers: { cookie } });
  return (await response.json()) as { user: unknown; session: { wallet?: string } };
}

export interface SocketOptions {
  /** Cookie header for every transport. */
  cookie?: string;
  /** Cookie header for the polling requests only (the websocket upgrade carries none), like the extension. */
  pollingCookie?: string;
  transports?: ('polling' | 'websocket')[];
}

const openSockets = new Set<Socket>();

/** A Socket.IO client with its own connection (never multiplexed with another test socket). */
export function createSocket(url: string, opts: SocketOptions = {}): Socket {
  const socket = io(url, {
    forceNew: true,
    reconnection: false,
    autoConnect: false,
    transports: opts.transports ?? ['websocket'],
    ...(opts.cookie ? { extraHeaders: { cookie: opts.cookie } } : {}),
    ...(opts.pollingCookie ? { transportOptions: { polling: { extraHeaders: { cookie: opts.pollingCookie } } } } : {}),
  });
  openSockets.add(socket);
  return socket;
}

/** Connects and resolves once the server accepted the socket; rejects with the server's connect_error. */
export async function connectSocket(url: string, opts: SocketOptions = {}): Promise<Socket> {
  const socket = createSocket(url, opts);
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
      socket.connect();
    }),
    'socket connect',
  );
  return socket;
}

/** Resolves with the connect_error the server answers; fails if the socket connects instead. */
export function expectConnectError(socket: Socket): Promise<Error> {
  return withTimeout(
    new Promise<Error>((resolve, reject) => {
      socket.once('connect', () => reject(new Error('socket connected but should have been refused')));
      socket.once('connect_error', (err) => resolve(err));
      socket.connect();
    }),
    'connect_error',
  );
}

export function closeAllSockets(): void {
  for (const socket of openSockets) socket.disconnect();
  openSockets.clear();
}

let barrierCount = 0;

/**
 * Round trip on the socket's own connection: asks for a namespace that does not exist and waits for the server's
 * refusal. The server handles a connection's packets in order, so when this resolves every packet sent before it
 * has been handled (e.g. a `link` is registered), and anything the server sent this connection earlier has arrived.
 */
export async function roundTrip(socket: Socket): Promise<void> {
  const probe = socket.io.socket(`/__round-trip-${++barrierCount}`);
  try {
    await withTimeout(
      new Promise<void>((resolve) => {
        probe.once('connect_error', () => resolve());
        probe.once('connect', () => resolve());
        if (!probe.active) probe.connect();
      }),
      'namespace round trip',
    );
  } finally {
    probe.disconnect();
  }
}

/** Records every event of the given names on a socket, in arrival order; `next()` consumes them one by one. */
export class EventLog {
  private readonly queues = new Map<string, unknown[]>();
  private readonly waiters = new Map<string, ((payload: unknown) => void)[]>();

  constructor(socket: Socket, events: readonly string[]) {
    for (const event of events) {
      this.queues.set(event, []);
      socket.on(event, (payload: unknown) => {
        const waiter = this.waiters.get(event)?.shift();
        if (waiter) waiter(payload);
        else this.queues.get(event)?.push(payload);
      });
    }
  }

  /** Events received and not yet consumed. */
  pending(event: string): unknown[] {
    return [...(this.queues.get(event) ?? [])];
  }

  next(event: string, ms = WAIT_MS): Promise<unknown> {
    const queue = this.queues.get(event);
    if (!queue) throw new Error(`EventLog does not record ${event}`);
    if (queue.length > 0) return Promise.resolve(queue.shift());
    return withTimeout(
      new Promise<unknown>((resolve) => {
        const list = this.waiters.get(event) ?? [];
        list.push(resolve);
        this.waiters.set(event, list);
      }),
      `event ${event}`,
      ms,
    );
  }
}
