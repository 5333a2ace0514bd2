import type { Server as HttpServer } from 'node:http';
import type { RequestHandler } from 'express';
import type { MemoryStore } from 'express-session';
import { Server, type DefaultEventsMap, type Socket } from 'socket.io';
import { isRequestId, type AuthEvent } from './auth-bus.ts';
import type { LiquidContext } from './context.ts';
import { readStoredSession, writeWalletToSession, type SessionRequest } from './session.ts';

/** Events relayed verbatim to the room named after the sender's wallet (liquid-protocol.md §3). */
const RELAYED_EVENTS = ['offer-description', 'offer-candidate', 'answer-description', 'answer-candidate'] as const;

interface SocketData {
  /** The wallet the session held when the socket connected. */
  walletAtConnect?: string;
}

type SignalingServer = Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
type SignalingSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;

/**
 * Socket.IO signaling on the HTTP server, sharing the express session.
 *
 * The session is the one named by the cookie on the engine.io handshake request (the first polling request, or
 * the websocket upgrade for websocket-only clients). engine.io keeps that request as `socket.request` for the life
 * of the connection, so a later polling → websocket upgrade without a cookie (what the Tandem extension's fetch
 * transport does) keeps the handshake's session.
 */
export function attachSignaling(
  httpServer: HttpServer,
  sessionMiddleware: RequestHandler,
  store: MemoryStore,
  { bus, log }: LiquidContext,
  allowedOrigins?: string[],
): SignalingServer {
  const io: SignalingServer = new Server(httpServer, {
    serveClient: false,
    // The original server's gateway allows any origin on the socket (unlike its HTTP routes, which send no CORS
    // headers). The newer one gives its gateway `cors: {origin: <its list>, credentials: true}`: engine.io's cors
    // middleware then answers an unlisted origin's polling requests without Access-Control-Allow-Origin (the
    // handshake itself goes ahead), and never looks at a websocket upgrade's Origin.
    cors: allowedOrigins ? { origin: allowedOrigins, credentials: true } : { origin: '*' },
  });

  // Runs on every engine.io HTTP request; a request without a known session gets a fresh, unstored one.
  io.engine.use(sessionMiddleware);

  // The real server crashes on a handshake whose cookie names no stored session; we refuse it cleanly instead.
  io.use((socket, next) => {
    const req = socket.request as SessionRequest;
    readStoredSession(store, req.sessionID).then(
      (stored) => {
        if (!stored) {
          log(`socket ${socket.id} refused: no stored session`);
          next(new Error('unauthorized'));
          return;
        }
        socket.data.walletAtConnect = typeof stored.wallet === 'string' ? stored.wallet : undefined;
        next();
      },
      () => next(new Error('unauthorized')),
    );
  });

  io.on('connection', (socket) => onConnection(io, socket, store, bus, log));
  return io;
}

function onConnection(
  io: SignalingServer,
  socket: SignalingSocket,
  store: MemoryStore,
  bus: LiquidContext['bus'],
  log: (line: string) => void,
): void {
  const req = socket.request as SessionRequest;
  const wallet = socket.data.walletAtConnect;
  log(`socket ${socket.id} connected (session ${req.sessionID}${wallet ? `, wallet ${wallet}` : ''})`);
  if (wallet) void socket.join(wallet);

  const pendingLinks = new Set<() => void>();

  // Relays from one socket are handled strictly in order (a candidate must not overtake its description) even
  // though each one re-reads the session from the store.
  let relayQueue: Promise<void> = Promise.resolve();

  const relay = async (event: string, args: unknown[]): Promise<void> => {
    // Re-read: a link or an attestation may have set the wallet after this socket connected.
    const stored = await readStoredSession(store, req.sessionID);
    const target = stored?.wallet;
    if (typeof target !== 'string') {
      log(`socket ${socket.id}: dropped ${event} (session has no wallet)`);
      return;
    }
    io.to(target).emit(event, ...args);
  };

  for (const event of RELAYED_EVENTS) {
    socket.on(event, (...received: unknown[]) => {
      const args = received.filter((arg) => typeof arg !== 'function');
      relayQueue = relayQueue
        .then(() => relay(event, args))
        .catch((err: unknown) => log(`socket ${socket.id}: relay of ${event} failed: ${String(err)}`));
    });
  }

  const completeLink = async (event: AuthEvent, ack: ((reply: unknown) => void) | undefined): Promise<void> => {
    if (!(await writeWalletToSession(req, event.wallet))) {
      // Like the real server: a session that is no longer stored never gets an ack.
      log(`socket ${socket.id}: link ${String(event.requestId)} resolved but the session is gone`);
      return;
    }
    if (socket.disconnected) return;
    await socket.join(event.wallet);
    log(`socket ${socket.id}: linked to ${event.wallet} (request ${String(event.requestId)})`);
    ack?.({ data: { requestId: event.requestId, wallet: event.wallet, credId: event.credId } });
  };

  // The waiter is registered synchronously, before any other packet from this socket is handled: a client that
  // emits `link` and then hears anything back on the same connection knows the server is already waiting.
  socket.on('link', (payload: unknown, maybeAck?: unknown) => {
    const requestId = typeof payload === 'object' && payload !== null ? (payload as { requestId?: unknown }).requestId : undefined;
    if (!isRequestId(requestId)) {
      log(`socket ${socket.id}: ignored malformed link payload`);
      return;
    }
    const ack = typeof maybeAck === 'function' ? (maybeAck as (reply: unknown) => void) : undefined;
    const cancel = bus.waitFor(requestId, (event) => {
      pendingLinks.delete(cancel);
      completeLink(event, ack).catch((err: unknown) => log(`socket ${socket.id}: link failed: ${String(err)}`));
    });
    pendingLinks.add(cancel);
    log(`socket ${socket.id}: waiting for auth with request ${String(requestId)}`);
  });

  socket.on('disconnect', (reason) => {
    for (const cancel of pendingLinks) cancel();
    pendingLinks.clear();
    log(`socket ${socket.id} disconnected (${reason})`);
  });
}
