import type { RequestHandler } from 'express';

/**
 * `ALLOWED_ORIGINS`: the HTTP side of the newer Liquid Auth server's CORS (its 2025 rewrite, NestJS 11).
 *
 * That server passes `enableCors` an origin callback: no `Origin` header passes, a listed one is reflected with
 * credentials, and any other fails the callback with an Error. The `cors` middleware hands that error to
 * `next(err)`, and Nest's own error layer (registered after the routes, so Express's default handler is never
 * reached) answers it as an unknown exception: **500** with the JSON body below and no CORS headers. Checked
 * against NestJS 11.1 with cors 2.8 (2026-12): the same answer for GET, POST and OPTIONS.
 */
export const ORIGIN_REFUSAL_STATUS = 500;
export const ORIGIN_REFUSAL_BODY = { statusCode: 500, message: 'Internal server error' } as const;

/** What the newer server sends back with an allowed request (cors 2.8 with `credentials: true`). */
const ALLOWED_METHODS = 'GET,POST,PUT,DELETE,OPTIONS';
const ALLOWED_HEADERS = 'Content-Type,Authorization,User-Agent';

/** Parses `ALLOWED_ORIGINS` (comma-separated, as the newer server parses `ORIGIN`); empty or unset = no list. */
export function parseAllowedOrigins(value: string | undefined): string[] | undefined {
  const origins = (value ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  return origins.length > 0 ? origins : undefined;
}

/** The Liquid Auth API, as opposed to the dev pages (which the real server does not have). */
const API_PREFIXES = ['/auth/', '/attestation/', '/assertion/'];

/**
 * `refuseWithoutOrigin` goes beyond the newer server: it also refuses API requests with no `Origin`, with the
 * same answer (the dev pages still load). The newer server lets those through, and Tandem's GET /auth/session
 * carries no `Origin` in Chromium 156 or Firefox 140 (README "Running your own Liquid Auth server"), so only this
 * mode makes a server refuse Tandem: the tests use it to show what the user sees then.
 */
export function originPolicy(allowed: readonly string[], log: (line: string) => void, refuseWithoutOrigin = false): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin === undefined && refuseWithoutOrigin && API_PREFIXES.some((prefix) => req.path.startsWith(prefix))) {
      log(`${req.method} ${req.originalUrl}: refused a request without an origin`);
      res.removeHeader('Vary');
      res.status(ORIGIN_REFUSAL_STATUS).json(ORIGIN_REFUSAL_BODY);
      return;
    }
    if (origin === undefined) {
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      next();
      return;
    }
    if (!allowed.includes(origin)) {
      log(`${req.method} ${req.originalUrl}: refused origin ${origin}`);
      res.removeHeader('Vary');
      res.status(ORIGIN_REFUSAL_STATUS).json(ORIGIN_REFUSAL_BODY);
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Content-Length', '0');
      res.status(204).end();
      return;
    }
    next();
  };
}
