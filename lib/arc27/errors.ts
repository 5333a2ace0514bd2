/**
 * Turning an Arc27Error into what an AVMWebProvider handler must throw.
 *
 * How @agoralabs-sh/avm-web-provider 1.7.0 answers (dist/controllers/AVMWebProvider.js, read 2026):
 * it awaits the handler; on a throw it checks `error.code` for truthiness and, if set, dispatches
 * `JSON.stringify({id, reference, requestId, error})` with the thrown value as `error`. So only own
 * enumerable properties reach the dApp: a plain `new Error(msg)` loses `message` (own but not
 * enumerable). A thrown value without a code is wrapped in its ARC0027UnknownError, whose constructor
 * calls `message.toLowerCase()`: an error without a string message makes the provider itself throw,
 * and the dApp gets no answer at all. JSON.stringify also throws on BigInt or cycles inside `data`,
 * with the same result. Hence: always throw an Arc27ProviderError, whose `data` is proven
 * serialisable.
 */
import { Arc27ErrorCode, TANDEM_PROVIDER_ID, type Arc27Error, type Arc27Method, type Arc27Outcome, type Arc27ResultByMethod } from './types';

export const MAX_PROVIDER_ERROR_MESSAGE_CHARS = 1000;
/** `data` larger than this (as JSON) is dropped rather than relayed to the page. */
export const MAX_PROVIDER_ERROR_DATA_CHARS = 8 * 1024;

const KNOWN_CODES: ReadonlySet<number> = new Set(Object.values(Arc27ErrorCode));

export function isArc27ErrorCode(code: unknown): code is Arc27ErrorCode {
  return typeof code === 'number' && KNOWN_CODES.has(code);
}

const DEFAULT_MESSAGES: Record<Arc27ErrorCode, string> = {
  4000: 'unknown error',
  4001: 'the user rejected the request',
  4002: 'the request timed out',
  4003: 'method not supported',
  4004: 'network not supported',
  4100: 'unauthorized signer',
  4200: 'invalid input',
  4201: 'invalid group id',
  4300: 'failed to post some transactions',
};

/** What the dApp receives as `error` once the provider has stringified the thrown value. */
export interface ProviderErrorJson {
  code: Arc27ErrorCode;
  message: string;
  data?: unknown;
  providerId: string;
}

/**
 * An Error (so stack traces and `instanceof Error` still work in the content script) whose `code`,
 * `message`, `providerId` and, when present, `data` are own enumerable properties, and nothing else
 * is: JSON.stringify of it is exactly ProviderErrorJson.
 */
export class Arc27ProviderError extends Error {
  declare readonly code: Arc27ErrorCode;
  declare readonly providerId: string;
  declare readonly data?: unknown;

  constructor(json: ProviderErrorJson) {
    super(json.message);
    Object.defineProperty(this, 'message', { value: json.message, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(this, 'code', { value: json.code, enumerable: true });
    Object.defineProperty(this, 'providerId', { value: json.providerId, enumerable: true });
    if (json.data !== undefined) Object.defineProperty(this, 'data', { value: json.data, enumerable: true });
  }

  toJSON(): ProviderErrorJson {
    const json: ProviderErrorJson = { code: this.code, message: this.message, providerId: this.providerId };
    if (this.data !== undefined) json.data = this.data;
    return json;
  }
}
Object.defineProperty(Arc27ProviderError.prototype, 'name', { value: 'Arc27ProviderError' });

/** A JSON round-trip copy of `data`, or undefined when it is not serialisable or too large. */
function serialisableData(data: unknown): unknown {
  if (data === undefined) return undefined;
  try {
    const text = JSON.stringify(data);
    if (typeof text !== 'string' || text.length > MAX_PROVIDER_ERROR_DATA_CHARS) return undefined;
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function cleanMessage(message: unknown, code: Arc27ErrorCode): string {
  if (typeof message !== 'string' || message.length === 0) return DEFAULT_MESSAGES[code];
  return message.length > MAX_PROVIDER_ERROR_MESSAGE_CHARS ? message.slice(0, MAX_PROVIDER_ERROR_MESSAGE_CHARS) : message;
}

/**
 * The value a handler throws so the dApp sees `{code, message, data?, providerId}`. The providerId is
 * always Tandem's (never another wallet's), whatever `error.providerId` says.
 */
export function toProviderError(error: Arc27Error, providerId: string = TANDEM_PROVIDER_ID): Arc27ProviderError {
  const code = isArc27ErrorCode(error.code) ? error.code : Arc27ErrorCode.Unknown;
  const json: ProviderErrorJson = { code, message: cleanMessage(error.message, code), providerId };
  const data = serialisableData(error.data);
  if (data !== undefined) json.data = data;
  return new Arc27ProviderError(json);
}

/**
 * Anything caught inside a handler, as something safe to throw to the provider. Values that already
 * look like an ARC-0027 error keep their code and message; anything else becomes 4000 with a generic
 * message (internal error texts are not the page's business).
 */
export function asProviderError(thrown: unknown, providerId: string = TANDEM_PROVIDER_ID): Arc27ProviderError {
  if (thrown instanceof Arc27ProviderError && thrown.providerId === providerId) return thrown;
  try {
    if (typeof thrown === 'object' && thrown !== null) {
      const { code, message, data } = thrown as { code?: unknown; message?: unknown; data?: unknown };
      if (isArc27ErrorCode(code)) {
        return toProviderError({ code, message: typeof message === 'string' ? message : '', data }, providerId);
      }
    }
  } catch {
    // a throwing getter on the caught value: fall through to the generic error
  }
  return toProviderError({ code: Arc27ErrorCode.Unknown, message: 'Tandem could not handle the request' }, providerId);
}

/** For handlers: the result of an outcome, or the provider error to throw. */
export function unwrapOutcome<M extends Arc27Method>(
  outcome: Arc27Outcome<M>,
  providerId: string = TANDEM_PROVIDER_ID,
): Arc27ResultByMethod[M] {
  if (outcome.ok) return outcome.result;
  throw toProviderError(outcome.error, providerId);
}
