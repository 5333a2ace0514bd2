import { describe, expect, it } from 'vitest';
import { createServerSessions, type SessionCookieJar } from '../../../entrypoints/background/server-sessions';
import type { SavedServerSession } from '../../../lib/storage/types';

const SERVER = 'https://liquid.example';
const OTHER_SERVER = 'https://other.example';

/** The browser's jar (one cookie per server host) and a server that issues a session to a request without one. */
function fakeBrowser() {
  const jar = new Map<string, string>();
  const log: string[] = [];
  let issued = 0;
  const cookies: SessionCookieJar = {
    read: async (server) => jar.get(server) ?? null,
    put: async (server, cookie) => {
      log.push(`put ${cookie}`);
      jar.set(server, cookie);
    },
    clear: async (server) => {
      log.push('clear');
      jar.delete(server);
    },
  };
  /** GET /auth/session: sends the jar's cookie; a request without one gets a new session. */
  const fetchSession = async (server: string) => {
    await Promise.resolve();
    const sent = jar.get(server) ?? null;
    if (sent === null) jar.set(server, `sid-${++issued}`);
    log.push(`fetch sent ${sent ?? 'nothing'}`);
    return sent ?? jar.get(server)!;
  };
  let saved: Record<string, SavedServerSession> = {};
  const store = {
    getValue: async () => saved,
    setValue: async (value: Record<string, SavedServerSession>) => {
      saved = value;
    },
    peek: () => saved,
  };
  return { jar, log, cookies, fetchSession, store };
}

describe('server sessions: one per key', () => {
  it('gives a key with no session a fresh one (its cookie cleared first) and saves the cookie the server issued', async () => {
    const b = fakeBrowser();
    b.jar.set(SERVER, 'someone-elses');
    const sessions = createServerSessions(b.cookies, b.store);
    expect(await sessions.withSession('A', SERVER, () => b.fetchSession(SERVER))).toBe('sid-1');
    expect(b.log).toEqual(['clear', 'fetch sent nothing']);
    expect(b.store.peek()).toEqual({ A: { server: SERVER, cookie: 'sid-1' } });
  });

  it('puts a key’s saved cookie back before its next step, after another key’s step changed the jar', async () => {
    const b = fakeBrowser();
    const sessions = createServerSessions(b.cookies, b.store);
    await sessions.withSession('A', SERVER, () => b.fetchSession(SERVER));
    await sessions.withSession('B', SERVER, () => b.fetchSession(SERVER));
    expect(b.jar.get(SERVER)).toBe('sid-2');
    expect(await sessions.withSession('A', SERVER, () => b.fetchSession(SERVER))).toBe('sid-1');
    expect(b.log.slice(-2)).toEqual(['put sid-1', 'fetch sent sid-1']);
    expect(b.store.peek()).toEqual({ A: { server: SERVER, cookie: 'sid-1' }, B: { server: SERVER, cookie: 'sid-2' } });
  });

  it('saves the new cookie when the server replaced a key’s session (it forgot the old one)', async () => {
    const b = fakeBrowser();
    const sessions = createServerSessions(b.cookies, b.store);
    await sessions.withSession('A', SERVER, () => b.fetchSession(SERVER));
    await sessions.withSession('A', SERVER, async () => {
      b.jar.set(SERVER, 'sid-restarted');
    });
    expect(b.store.peek().A).toEqual({ server: SERVER, cookie: 'sid-restarted' });
  });

  it('never puts a key’s cookie back for another server than the one that issued it', async () => {
    const b = fakeBrowser();
    const sessions = createServerSessions(b.cookies, b.store);
    await sessions.withSession('A', SERVER, () => b.fetchSession(SERVER));
    expect(await sessions.withSession('A', OTHER_SERVER, () => b.fetchSession(OTHER_SERVER))).toBe('sid-2');
    expect(b.log.slice(-2)).toEqual(['clear', 'fetch sent nothing']);
    expect(b.store.peek().A).toEqual({ server: OTHER_SERVER, cookie: 'sid-2' });
  });

  it('runs one step at a time across keys: a step started while another runs waits for it, even one that fails', async () => {
    const b = fakeBrowser();
    const sessions = createServerSessions(b.cookies, b.store);
    await sessions.withSession('A', SERVER, () => b.fetchSession(SERVER));
    await sessions.withSession('B', SERVER, () => b.fetchSession(SERVER));
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const a = sessions.withSession('A', SERVER, async () => {
      order.push(`A starts with ${b.jar.get(SERVER)}`);
      await held;
      order.push(`A ends with ${b.jar.get(SERVER)}`);
      throw new Error('the handshake failed');
    });
    const bStep = sessions.withSession('B', SERVER, async () => {
      order.push(`B runs with ${b.jar.get(SERVER)}`);
    });
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(order).toEqual(['A starts with sid-1']);
    release();
    await expect(a).rejects.toThrow('the handshake failed');
    await bStep;
    expect(order).toEqual(['A starts with sid-1', 'A ends with sid-1', 'B runs with sid-2']);
    // The failed step's cookie is still saved (read back whatever the step did).
    expect(b.store.peek().A).toEqual({ server: SERVER, cookie: 'sid-1' });
  });

  it('forgets a key once the steps queued before have run: its next step gets a fresh session', async () => {
    const b = fakeBrowser();
    const sessions = createServerSessions(b.cookies, b.store);
    await sessions.withSession('A', SERVER, () => b.fetchSession(SERVER));
    const logout = sessions.withSession('A', SERVER, async () => 'logged out');
    const forgotten = sessions.forget('A');
    await Promise.all([logout, forgotten]);
    expect(b.store.peek()).toEqual({});
    b.jar.set(SERVER, 'sid-1'); // still in the browser's jar
    expect(await sessions.withSession('A', SERVER, () => b.fetchSession(SERVER))).toBe('sid-2');
    expect(b.log.slice(-2)).toEqual(['clear', 'fetch sent nothing']);
    await sessions.forget('never-saved');
    expect(Object.keys(b.store.peek())).toEqual(['A']);
  });
});
