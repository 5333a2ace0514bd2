import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { MemoryStore } from 'express-session';
import { assertionRoutes } from './assertion-routes.ts';
import { attestationRoutes } from './attestation-routes.ts';
import { AuthBus } from './auth-bus.ts';
import { authRoutes } from './auth-routes.ts';
import type { LiquidContext } from './context.ts';
import { DevPages } from './dev-pages.ts';
import { errorHandler, notFoundHandler } from './http-error.ts';
import { originPolicy } from './origin-policy.ts';
import { createSessionMiddleware } from './session.ts';
import { attachSignaling } from './signaling.ts';
import { UserStore } from './user-store.ts';

export interface LiquidServerOptions {
  /** 0 = ephemeral; default 3000. */
  port?: number;
  /** Default '127.0.0.1' (localhost only). */
  host?: string;
  /** Default 'localhost'. */
  rpId?: string;
  /** Default `http://localhost:${actualPort}`. */
  origin?: string;
  /** Default '.tandem-data' in the current directory. */
  dataDir?: string;
  /** Log requests and signaling to stderr. */
  log?: boolean;
  /** Folder holding the dev pages (`<pagesDir>/wallet/index.html` ...). Default: this repo's `dev/`. */
  pagesDir?: string;
  /**
   * Refuse every other `Origin` the way the newer Liquid Auth server does (origin-policy.ts): HTTP requests get
   * its 500, Socket.IO answers without CORS headers. `origin` (the server's own pages) is always allowed, as a
   * real deployment lists its own site. Default: no list, every origin accepted (the original server).
   */
  allowedOrigins?: readonly string[];
  /** With `allowedOrigins`: refuse API requests that carry no `Origin` too (stricter than the newer server). */
  refuseWithoutOrigin?: boolean;
  /** Told the `Origin` header (or its absence) of every HTTP request, Socket.IO handshake and websocket upgrade. */
  onOrigin?: (sighting: OriginSighting) => void;
}

export interface OriginSighting {
  kind: 'http' | 'socket-handshake' | 'websocket-upgrade';
  /** `GET /auth/session`, the handshake's URL, ... */
  what: string;
  origin: string | undefined;
}

export interface RunningLiquidServer {
  /** http://localhost:PORT */
  url: string;
  port: number;
  /** How many sockets' `link`s wait for an `auth` with this requestId (tests wait on it before a phone asserts). */
  linksWaiting(requestId: string): number;
  /** Closes sockets and the HTTP server promptly. */
  close(): Promise<void>;
}

/** Resolved from this file, not the cwd, so `npm run server` works from anywhere. */
const DEFAULT_PAGES_DIR = fileURLToPath(new URL('..', import.meta.url));

const RP_NAME = 'Tandem development Liquid Auth';
const WEBAUTHN_TIMEOUT_MS = 60_000;

function listen(server: HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts a local stand-in for the Liquid Auth service: the same HTTP API, session cookie and Socket.IO signaling
 * as the real server (docs/liquid-protocol.md §2-3), plus the dev pages. See README.md for where it differs.
 */
export async function startLiquidServer(opts: LiquidServerOptions = {}): Promise<RunningLiquidServer> {
  const log = opts.log ? (line: string) => process.stderr.write(`[liquid] ${line}\n`) : () => undefined;
  const users = await UserStore.open(resolve(opts.dataDir ?? '.tandem-data'));
  const bus = new AuthBus();
  const relyingParty = { rpId: opts.rpId ?? 'localhost', rpName: RP_NAME, origin: '', timeoutMs: WEBAUTHN_TIMEOUT_MS };
  const context: LiquidContext = { users, bus, relyingParty, log };

  const sessionStore = new MemoryStore();
  const sessionMiddleware = createSessionMiddleware(sessionStore);
  const pages = new DevPages(opts.pagesDir ?? DEFAULT_PAGES_DIR, log);

  // Filled with the server's own origin once the port is known; Socket.IO reads the same array on each request.
  const allowedOrigins = opts.allowedOrigins ? [...opts.allowedOrigins] : undefined;
  const onOrigin = opts.onOrigin ?? (() => undefined);

  const app = express();
  app.disable('x-powered-by');
  app.use((req, _res, next) => {
    log(`${req.method} ${req.originalUrl}${req.headers.origin === undefined ? '' : ` (origin ${req.headers.origin})`}`);
    if (!req.originalUrl.startsWith('/socket.io/')) onOrigin({ kind: 'http', what: `${req.method} ${req.path}`, origin: req.headers.origin });
    next();
  });
  app.use(express.json({ limit: '1mb' }));
  app.use(sessionMiddleware);
  // Where the newer server has its CORS: after the session, before every route.
  if (allowedOrigins) app.use(originPolicy(allowedOrigins, log, opts.refuseWithoutOrigin));
  app.use('/auth', authRoutes(context));
  app.use('/attestation', attestationRoutes(context));
  app.use('/assertion', assertionRoutes(context));
  app.use(pages.router());
  app.use(notFoundHandler);
  // Internal errors are always reported, even with logging off: they are bugs in this server.
  app.use(errorHandler((line) => process.stderr.write(`[liquid] ${line}\n`)));

  const httpServer = createServer(app);
  const io = attachSignaling(httpServer, sessionMiddleware, sessionStore, context, allowedOrigins);
  io.engine.on('initial_headers', (_headers: unknown, req: IncomingMessage) => {
    onOrigin({ kind: 'socket-handshake', what: `${req.method ?? 'GET'} ${(req.url ?? '').split('?')[0]}`, origin: req.headers.origin });
  });
  httpServer.on('upgrade', (req: IncomingMessage) => {
    log(`websocket upgrade ${(req.url ?? '').split('?')[0]}${req.headers.origin === undefined ? '' : ` (origin ${req.headers.origin})`}`);
    onOrigin({ kind: 'websocket-upgrade', what: `GET ${(req.url ?? '').split('?')[0]}`, origin: req.headers.origin });
  });

  let port: number;
  try {
    port = await listen(httpServer, opts.port ?? 3000, opts.host ?? '127.0.0.1');
  } catch (err) {
    io.close();
    await pages.dispose();
    throw err;
  }
  // An RP ID cannot be an IP address, so the advertised URL is always localhost, whatever interface we bound.
  const url = `http://localhost:${port}`;
  relyingParty.origin = opts.origin ?? url;
  if (allowedOrigins && !allowedOrigins.includes(relyingParty.origin)) allowedOrigins.push(relyingParty.origin);
  log(`listening on ${url} (rpId ${relyingParty.rpId}, origin ${relyingParty.origin}${allowedOrigins ? `, allowed origins ${allowedOrigins.join(' ')}` : ''})`);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      bus.clear();
      const ioClosed = new Promise<void>((done) => io.close(() => done()));
      // Keep-alive HTTP connections would otherwise hold close() open for seconds.
      httpServer.closeAllConnections();
      await ioClosed;
      await pages.dispose();
      await users.flush();
    })();
    return closing;
  };

  return { url, port, linksWaiting: (requestId) => bus.waitingFor(requestId), close };
}
