import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import session, { MemoryStore, type Session, type SessionData } from 'express-session';

declare module 'express-session' {
  interface SessionData {
    /** The Algorand address this session proved (attestation/assertion) or was linked to (`link`). */
    wallet: string;
    /** The last WebAuthn challenge handed out, base64url. */
    challenge: string;
    /** Set by `POST /attestation/request` with `extensions.liquid`, as on the real server. */
    liquidExtension: boolean;
    /** Set by `GET /auth/session` (as on the real server) so the new session is stored and its cookie sent. */
    connected: boolean;
  }
}

/** The HTTP request behind a socket, after the session middleware ran on it. */
export type SessionRequest = IncomingMessage & {
  session?: Session & Partial<SessionData>;
  sessionID?: string;
};

/**
 * express-session configured like the real Liquid Auth server: cookie `connect.sid`, HttpOnly, no Secure, no
 * SameSite, no Max-Age (a browser-session cookie), `saveUninitialized: false` so only sessions that hold something
 * are stored and get a cookie. Other Tandem tests rely on this exact cookie (a missing SameSite is what makes
 * Chromium drop it on extension WebSockets), so do not "harden" it.
 */
export function createSessionMiddleware(store: MemoryStore) {
  return session({
    name: 'connect.sid',
    // A fresh secret per start: sessions live in memory only, so old cookies are dead after a restart anyway.
    secret: randomBytes(32).toString('hex'),
    store,
    resave: false,
    saveUninitialized: false,
    cookie: { path: '/', httpOnly: true, secure: false },
  });
}

/** Reads a session straight from the store (not the copy a socket captured at its handshake). */
export function readStoredSession(store: MemoryStore, sid: string | undefined): Promise<Partial<SessionData> | undefined> {
  if (sid === undefined) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    store.get(sid, (err: unknown, stored?: SessionData | null) => resolve(err || !stored ? undefined : stored));
  });
}

/**
 * Writes `wallet` into the session of a socket's handshake request: reload from the store (so nothing written by
 * HTTP routes meanwhile is lost), set, save. Resolves false when the session is no longer stored.
 */
export async function writeWalletToSession(req: SessionRequest, wallet: string): Promise<boolean> {
  const current = req.session;
  if (!current) return false;
  const reloaded = await new Promise<boolean>((resolve) => current.reload((err: unknown) => resolve(!err)));
  // reload() replaces req.session with a fresh object: never keep the old reference.
  const fresh = req.session;
  if (!reloaded || !fresh) return false;
  fresh.wallet = wallet;
  return new Promise<boolean>((resolve) => fresh.save((err: unknown) => resolve(!err)));
}
