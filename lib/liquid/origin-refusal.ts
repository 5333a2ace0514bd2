/**
 * A Liquid Auth server that refuses Tandem's origin, told apart from one that is down.
 *
 * The newer Liquid Auth server (its 2025 rewrite, NestJS 11) lists the origins it accepts; its CORS
 * origin callback fails for any other `Origin`, and Nest answers that failure as an unknown
 * exception: status 500, the JSON body below, and no `Access-Control-Allow-Origin` (checked against
 * NestJS 11.1 with cors 2.8, 2026-12; dev/server/origin-policy.ts plays it). A server that is down
 * or unreachable never produces that: `fetch` rejects, or a proxy answers 502/503/504 or an HTML
 * page. A Nest-based server that fails inside GET /auth/session for another reason answers the very
 * same bytes, so an internal error there would be reported as a refusal: nothing in the answer tells
 * them apart, and the browser does not let Tandem send a request with another `Origin` to compare.
 */
export interface HttpAnswer {
  status: number;
  /** A response header, or null (`Headers.get`). */
  header(name: string): string | null;
  body: string;
}

export const REFUSAL_STATUS = 500;

/** Nest's answer to an unknown exception (`BaseExceptionFilter`), as JSON. */
const REFUSAL_BODY = { statusCode: 500, message: 'Internal server error' };

export function isOriginRefusal(answer: HttpAnswer): boolean {
  if (answer.status !== REFUSAL_STATUS) return false;
  // A request that passed the server's CORS carries its Access-Control-Allow-Origin even on an error.
  if (answer.header('access-control-allow-origin') !== null) return false;
  if (!(answer.header('content-type') ?? '').toLowerCase().startsWith('application/json')) return false;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return false;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const fields = body as Record<string, unknown>;
  return Object.keys(fields).length === 2 && fields.statusCode === REFUSAL_BODY.statusCode && fields.message === REFUSAL_BODY.message;
}

export function originRefusedMessage(origin: string): string {
  return `This Liquid Auth server does not accept Tandem (origin ${origin}). Ask its operator to allow it.`;
}

/** Thrown by the session fetch when the server refused Tandem's origin; signaling shows its message. */
export class OriginRefusedError extends Error {
  constructor(readonly origin: string) {
    super(originRefusedMessage(origin));
    this.name = 'OriginRefusedError';
  }
}
