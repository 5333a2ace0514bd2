/**
 * Which code each refusal of a data-signing request gets: one table for ARC-0060 `signData` and
 * ARC-0027 `sign_message`. dApps check these numbers, so each method keeps its own standard's:
 *
 * - signData: ARC-0060's own codes (4600-4610: its text names them, its reference implementation
 *   numbers them, and use-wallet's SignDataError carries them), and for what ARC-0060 leaves to the
 *   ARC it requires, ARC-0001's (4001 rejected, 4100 unauthorized, 4200 unsupported operation, 4300
 *   invalid input). ARC-0001 has no timeout or "method not supported" code: there Tandem keeps
 *   ARC-0027's 4002 and 4003, the codes its use-wallet adapter already reports for signData.
 * - sign_message: ARC-0027's codes, like every other avm-web-provider method.
 *
 * A reason that cannot happen for a method (sign_message has no domain or scope) maps to null.
 */
import { Arc27ErrorCode, SignDataErrorCode, arc27Error, type Arc27Error } from './types';

export type DataRequestMethod = 'sign_data' | 'sign_message';

export const DataRefusal = {
  /** The envelope's shape: missing or mistyped fields, sizes. */
  InvalidInput: 'invalid-input',
  NotConnected: 'not-connected',
  /** The paired phone did not announce the method: nothing is sent to it. */
  PhoneCannot: 'phone-cannot',
  SignerNotPaired: 'signer-not-paired',
  Rejected: 'rejected',
  TimedOut: 'timed-out',
  InvalidScope: 'invalid-scope',
  FailedDecoding: 'failed-decoding',
  MissingDomain: 'missing-domain',
  MissingAuthenticatorData: 'missing-authenticator-data',
  /** `domain` is not the requesting frame's host, or authenticatorData does not start with SHA-256(domain). */
  FailedDomainAuth: 'failed-domain-auth',
  BadJson: 'bad-json',
  HdPath: 'hd-path',
  /** The data decodes as a transaction or program bytes: its signature could authorize something on chain. */
  TransactionShaped: 'transaction-shaped',
  /** The phone's signature does not verify over the exact bytes shown, by the signer. */
  BadSignature: 'bad-signature',
} as const;
export type DataRefusal = (typeof DataRefusal)[keyof typeof DataRefusal];

type Code = Arc27Error['code'];

/** reason → [signData code, sign_message code]. Written down in the README's table too. */
export const DATA_ERROR_TABLE: Readonly<Record<DataRefusal, { signData: Code; signMessage: Code | null }>> = Object.freeze({
  'invalid-input': { signData: SignDataErrorCode.InvalidInput, signMessage: Arc27ErrorCode.InvalidInput },
  'not-connected': { signData: SignDataErrorCode.Unauthorized, signMessage: Arc27ErrorCode.UnauthorizedSigner },
  'phone-cannot': { signData: Arc27ErrorCode.MethodNotSupported, signMessage: Arc27ErrorCode.MethodNotSupported },
  'signer-not-paired': { signData: SignDataErrorCode.InvalidSigner, signMessage: Arc27ErrorCode.UnauthorizedSigner },
  rejected: { signData: SignDataErrorCode.UserRejected, signMessage: Arc27ErrorCode.MethodCanceled },
  'timed-out': { signData: Arc27ErrorCode.MethodTimedOut, signMessage: Arc27ErrorCode.MethodTimedOut },
  'invalid-scope': { signData: SignDataErrorCode.InvalidScope, signMessage: null },
  'failed-decoding': { signData: SignDataErrorCode.FailedDecoding, signMessage: null },
  'missing-domain': { signData: SignDataErrorCode.MissingDomain, signMessage: null },
  'missing-authenticator-data': { signData: SignDataErrorCode.MissingAuthenticatorData, signMessage: null },
  'failed-domain-auth': { signData: SignDataErrorCode.FailedDomainAuth, signMessage: null },
  'bad-json': { signData: SignDataErrorCode.BadJson, signMessage: null },
  'hd-path': { signData: SignDataErrorCode.UnsupportedOperation, signMessage: null },
  'transaction-shaped': { signData: SignDataErrorCode.InvalidInput, signMessage: null },
  'bad-signature': { signData: SignDataErrorCode.InvalidInput, signMessage: Arc27ErrorCode.Unknown },
});

/** The error a request of `method` is answered with for `reason`. */
export function dataError(method: DataRequestMethod, reason: DataRefusal, message: string): Arc27Error {
  const row = DATA_ERROR_TABLE[reason];
  const code = method === 'sign_data' ? row.signData : (row.signMessage ?? Arc27ErrorCode.InvalidInput);
  return arc27Error(code, message);
}

const KNOWN_DATA_CODES: ReadonlySet<number> = new Set([...Object.values(SignDataErrorCode), ...Object.values(Arc27ErrorCode)]);

/** A signData answer's code as the page may see it: a known code, else 4000 (never a page-chosen number). */
export function pageSignDataCode(code: unknown): Code {
  return typeof code === 'number' && KNOWN_DATA_CODES.has(code) ? (code as Code) : Arc27ErrorCode.Unknown;
}
