import type { ErrorRequestHandler, RequestHandler } from 'express';

/**
 * An error a route answers with, in the real server's shape `{reason, error}`. Routes throw it; the error
 * handler below turns it (and anything else thrown) into a response, so no request can take the process down.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, 'invalid_input', message);
export const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message);

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ reason: 'not_found', error: `Cannot ${req.method} ${req.path}` });
};

/** Body-parser and other middleware errors carry an HTTP `status`; keep it when it is a client error. */
function clientStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status = (err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof HttpError) {
      res.status(err.status).json({ reason: err.reason, error: err.message });
      return;
    }
    const status = clientStatusOf(err);
    if (status !== undefined) {
      res.status(status).json({ reason: 'invalid_input', error: err instanceof Error ? err.message : 'Bad request' });
      return;
    }
    log(`${req.method} ${req.originalUrl} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    res.status(500).json({ reason: 'internal_error', error: 'Internal server error' });
  };
}
