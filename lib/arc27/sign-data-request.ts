/**
 * Validation of an ARC-0060 `signData` request as a page sends it on Tandem's own event
 * (packages/use-wallet-tandem/src/protocol.ts), under the same rules as page-request.ts: runs in the
 * content script and again in the background, never throws, reads through safe-read, charges a size
 * budget and returns a clean copy. Only shape and size are checked here; what the request means (the
 * domain against the page's true origin, the scope, the JSON, the signer) is
 * lib/algorand/sign-data-checks.ts's job in the background, which answers ARC-0060's own codes.
 * A request that cannot even be read is answered ARC-0001's 4300 (invalid input).
 */
import { DEFAULT_CONTROL_MAX_BYTES, readProviderId, type PageRequestParse } from './page-request';
import { Rejection, SizeBudget, invalid, read, readId, readOptional, readRecord, readString } from './page-request-readers';
import { SignDataErrorCode, arc27Error, type SignDataParams } from './types';

/** An AUTH statement in base64: a sign-in request is well under a kilobyte. */
export const MAX_SIGN_DATA_CHARS = 64 * 1024;
/** WebAuthn's authenticatorData with attested credential data and extensions stays far below this. */
export const MAX_AUTHENTICATOR_DATA_CHARS = 4096;
/** A DNS name (253) with a port. */
export const MAX_DOMAIN_CHARS = 260;
export const MAX_SIGN_DATA_BYTES = 2 * MAX_SIGN_DATA_CHARS + DEFAULT_CONTROL_MAX_BYTES;

function readOptionalString(params: object, key: string, maxChars: number, budget: SizeBudget): string | undefined {
  const value = readOptional(params, key, `params.${key}`);
  return value === undefined ? undefined : readString(value, `params.${key}`, maxChars, budget, key);
}

function parseOrReject(raw: unknown): SignDataParams & { id: string } {
  const budget = new SizeBudget(MAX_SIGN_DATA_BYTES);
  const message = readRecord(raw, 'request');
  const reference = read(message, 'reference', 'reference');
  if (reference !== undefined && reference !== 'arc0060:sign_data:request') throw invalid('reference must be "arc0060:sign_data:request"');
  const id = readId(read(message, 'id', 'id'), 'id', budget, 'id');
  const params = readRecord(read(message, 'params', 'params'), 'params');
  const clean: SignDataParams = {
    providerId: readProviderId(params, budget),
    data: readString(read(params, 'data', 'params.data'), 'params.data', MAX_SIGN_DATA_CHARS, budget, 'data'),
    signer: readString(read(params, 'signer', 'params.signer'), 'params.signer', 64, budget, 'signer'),
    metadata: { scope: 0, encoding: '' },
  };
  const domain = readOptionalString(params, 'domain', MAX_DOMAIN_CHARS, budget);
  if (domain !== undefined) clean.domain = domain;
  const authenticatorData = readOptionalString(params, 'authenticatorData', MAX_AUTHENTICATOR_DATA_CHARS, budget);
  if (authenticatorData !== undefined) clean.authenticatorData = authenticatorData;
  const requestId = readOptionalString(params, 'requestId', 128, budget);
  if (requestId !== undefined) clean.requestId = requestId;
  const hdPath = readOptionalString(params, 'hdPath', 128, budget);
  if (hdPath !== undefined) clean.hdPath = hdPath;
  const metadata = readRecord(read(params, 'metadata', 'params.metadata'), 'params.metadata');
  const scope = read(metadata, 'scope', 'params.metadata.scope');
  if (typeof scope !== 'number' || !Number.isSafeInteger(scope)) throw invalid('params.metadata.scope must be an integer');
  clean.metadata = { scope, encoding: readString(read(metadata, 'encoding', 'params.metadata.encoding'), 'params.metadata.encoding', 32, budget, 'encoding') };
  budget.add(32);
  return { ...clean, id };
}

/** Validates one signData page request; the error, if any, carries ARC-0001's 4300. Never throws. */
export function parseSignDataRequest(raw: unknown): PageRequestParse {
  try {
    const { id, ...params } = parseOrReject(raw);
    return { ok: true, request: { id, method: 'sign_data', reference: 'arc0060:sign_data:request', params } };
  } catch (err) {
    const message = err instanceof Rejection ? err.error.message : 'request could not be read';
    return { ok: false, error: arc27Error(SignDataErrorCode.InvalidInput, message) };
  }
}
