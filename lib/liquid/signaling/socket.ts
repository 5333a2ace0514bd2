/**
 * The signaling socket's lifecycle: the server session first (GET /auth/session, so the handshake
 * carries the cookie), then the socket, with a deadline on connecting; its connect, disconnect and
 * error events as socket state; a refused handshake fetches a new session. Each socket belongs to one
 * server session (the attempt's requestId, SignalingDeps) and never reconnects by itself, since a
 * handshake must run as a step of its session: a lost connection is reconnected here, with backoff.
 */
import { t } from '../../i18n';
import type { SignalingCore, SignalSocket } from './core';
import { SOCKET_EVENTS, SOCKET_LIFECYCLE } from '../socket-events';

const CONNECT_DEADLINE_MS = 10_000;
/** Reconnection after a lost or failed connection: what socket.io did by itself before (0.5 s doubling to 5 s). */
const RECONNECT_MS = 500;
const RECONNECT_MAX_MS = 5_000;
/** Disconnect reasons after which socket.io would not have reconnected either (Socket.IO v4 docs). */
const FINAL_DISCONNECTS: unknown[] = [SOCKET_LIFECYCLE.clientDisconnect, 'io server disconnect'];

/** What the other parts do when the socket's events arrive. */
export interface SocketEvents {
  /** The socket (re)connected; a link may need emitting. */
  onConnected(socket: SignalSocket): void;
  onDisconnected(): void;
  onConnectError(message: string): void;
  onOffer(payload: unknown): void;
  onCandidate(payload: unknown): void;
}

export interface SocketLifecycle {
  /** The socket to `server` with `session`'s server session, opened (session fetched first) if needed, once connected. */
  ensure(server: string, session: string): Promise<SignalSocket>;
  close(): void;
}

export function createSocketLifecycle(core: SignalingCore, events: SocketEvents): SocketLifecycle {
  const { deps } = core;

  function waitConnected(s: SignalSocket): Promise<void> {
    if (s.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let settled = false;
      const done = (err?: Error) => {
        if (settled) return;
        settled = true;
        deps.clock.clearTimeout(handle);
        if (err) reject(err);
        else resolve();
      };
      const handle = deps.clock.setTimeout(() => done(new Error(t('failure_connect_deadline'))), CONNECT_DEADLINE_MS);
      s.on(SOCKET_LIFECYCLE.connect, () => done());
      s.connect();
    });
  }

  function wire(s: SignalSocket, server: string, session: string) {
    const mine = () => core.socket === s;
    let retryMs = RECONNECT_MS;
    const reconnectLater = () => {
      const wait = retryMs;
      retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
      core.arm('reconnect', wait, () => mine() && !s.connected && s.connect());
    };
    s.on(SOCKET_LIFECYCLE.connect, () => {
      if (!mine()) return;
      retryMs = RECONNECT_MS;
      core.disarm('reconnect');
      core.setState({ socket: 'connected' });
      events.onConnected(s);
    });
    s.on(SOCKET_LIFECYCLE.disconnect, (reason: unknown) => {
      if (!mine()) return;
      core.setState({ socket: reason === SOCKET_LIFECYCLE.clientDisconnect ? 'offline' : 'reconnecting' });
      events.onDisconnected();
      if (!FINAL_DISCONNECTS.includes(reason)) reconnectLater();
    });
    s.on(SOCKET_LIFECYCLE.connectError, (err: unknown) => {
      if (!mine()) return;
      const message = err instanceof Error ? err.message : String(err);
      core.setState({ socket: 'reconnecting' });
      events.onConnectError(t('failure_unreachable_retrying', server, message));
      // A refused handshake means the server forgot our session (restarted): get a new one.
      if (/unauthori[sz]ed|session/i.test(message)) {
        deps.fetchSession(server, session).then(() => mine() && !s.connected && s.connect()).catch(() => undefined);
      } else {
        reconnectLater();
      }
    });
    // A socket Tandem dropped (closed, or refused for another account's link) is never heard again.
    s.on(SOCKET_EVENTS.offerDescription, (payload: unknown) => mine() && events.onOffer(payload));
    s.on(SOCKET_EVENTS.offerCandidate, (payload: unknown) => mine() && events.onCandidate(payload));
  }

  function close() {
    const s = core.socket;
    core.socket = null;
    core.socketServer = null;
    core.socketSession = null;
    core.disarm('reconnect');
    if (s) s.disconnect();
    core.setState({ socket: 'offline' });
  }

  return {
    async ensure(server, session) {
      if (core.socket && core.socketServer === server && core.socketSession === session) {
        if (!core.socket.connected) await waitConnected(core.socket);
        return core.socket;
      }
      close();
      core.setState({ socket: 'connecting' });
      await deps.fetchSession(server, session);
      const s = deps.openSocket(server, session);
      core.socket = s;
      core.socketServer = server;
      core.socketSession = session;
      wire(s, server, session);
      await waitConnected(s);
      return s;
    },
    close,
  };
}
