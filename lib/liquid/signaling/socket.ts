/**
 * The signaling socket's lifecycle: the server session first (GET /auth/session, so the handshake
 * carries the cookie), then the socket, with a deadline on connecting; its connect, disconnect and
 * error events as socket state; a refused handshake fetches a new session.
 */
import { t } from '../../i18n';
import type { SignalingCore, SignalSocket } from './core';
import { SOCKET_EVENTS, SOCKET_LIFECYCLE } from '../socket-events';

const CONNECT_DEADLINE_MS = 10_000;

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
  /** The socket to `server`, opened (with a fresh session) if needed, once connected. */
  ensure(server: string): Promise<SignalSocket>;
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

  function wire(s: SignalSocket, server: string) {
    const mine = () => core.socket === s;
    s.on(SOCKET_LIFECYCLE.connect, () => {
      if (!mine()) return;
      core.setState({ socket: 'connected' });
      events.onConnected(s);
    });
    s.on(SOCKET_LIFECYCLE.disconnect, (reason: unknown) => {
      if (!mine()) return;
      core.setState({ socket: reason === SOCKET_LIFECYCLE.clientDisconnect ? 'offline' : 'reconnecting' });
      events.onDisconnected();
    });
    s.on(SOCKET_LIFECYCLE.connectError, (err: unknown) => {
      if (!mine()) return;
      const message = err instanceof Error ? err.message : String(err);
      core.setState({ socket: 'reconnecting' });
      events.onConnectError(t('failure_unreachable_retrying', server, message));
      // A refused handshake means the server forgot our session (restarted): get a new one.
      if (/unauthori[sz]ed|session/i.test(message)) {
        deps.fetchSession(server).then(() => mine() && !s.connected && s.connect()).catch(() => undefined);
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
    if (s) s.disconnect();
    core.setState({ socket: 'offline' });
  }

  return {
    async ensure(server) {
      if (core.socket && core.socketServer === server) {
        if (!core.socket.connected) await waitConnected(core.socket);
        return core.socket;
      }
      close();
      core.setState({ socket: 'connecting' });
      await deps.fetchSession(server);
      const s = deps.openSocket(server);
      core.socket = s;
      core.socketServer = server;
      wire(s, server);
      await waitConnected(s);
      return s;
    },
    close,
  };
}
