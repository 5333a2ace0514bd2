/**
 * One Liquid Auth server session per pairing (issue #16).
 *
 * The browser keeps one `connect.sid` cookie per server host, and the server keeps one `wallet` per
 * session: it relays an answer to that session's wallet room, joins a reconnecting socket to it, and
 * `/auth/logout` clears it (liquid-protocol.md §3). So two pairings on one server would share, and
 * disturb, one session. Instead each key (a pairing's requestId, or a pairing attempt's) has its own
 * saved cookie value, and every step that sends the cookie runs through `withSession`: one step at a
 * time, browser-wide, with the key's cookie put in place first (or none, so the server issues a fresh
 * session to a key that has none) and read back after, since the server may have issued a new one.
 *
 * The steps are the session fetch, the socket's handshake (until it connected or failed: a
 * websocket sends the cookie once, on its upgrade request, and never again) and the logout. What was
 * measured in each browser is in README.md ("One server session per pairing").
 */
import type { SavedServerSession } from '@/lib/storage/types';

/** The browser's cookie jar for one server's `connect.sid` (browser.cookies in the background). */
export interface SessionCookieJar {
  read(server: string): Promise<string | null>;
  put(server: string, cookie: string): Promise<void>;
  clear(server: string): Promise<void>;
}

/** Where the saved values live (storage.session; this module is the only writer). */
export interface SavedSessionsStore {
  getValue(): Promise<Record<string, SavedServerSession>>;
  setValue(value: Record<string, SavedServerSession>): Promise<void>;
}

export interface ServerSessions {
  /** Runs `step` against `server` with `key`'s session cookie in place, after every step queued before it. */
  withSession<T>(key: string, server: string, step: () => Promise<T>): Promise<T>;
  /** Forgets `key`'s session (unpair, a cancelled or replaced attempt), after the steps queued before. */
  forget(key: string): Promise<void>;
}

export function createServerSessions(jar: SessionCookieJar, saved: SavedSessionsStore): ServerSessions {
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs `task` after every task queued before it, whatever became of them. */
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    withSession(key, server, step) {
      return serialized(async () => {
        const mine = (await saved.getValue())[key];
        if (mine && mine.server === server) await jar.put(server, mine.cookie);
        else await jar.clear(server);
        try {
          return await step();
        } finally {
          const cookie = await jar.read(server).catch(() => null);
          if (cookie !== null) {
            const all = await saved.getValue();
            if (all[key]?.cookie !== cookie || all[key]?.server !== server) await saved.setValue({ ...all, [key]: { server, cookie } });
          }
        }
      });
    },
    forget(key) {
      return serialized(async () => {
        const all = await saved.getValue();
        if (!(key in all)) return;
        const { [key]: _gone, ...rest } = all;
        await saved.setValue(rest);
      });
    },
  };
}
