/**
 * Errors in use-wallet's shape: an Error with the ARC-0027 `code` (and `data`) the wallet gave, so a
 * dApp can tell a rejection (4001) from a timeout (4002) or an unknown network (4004).
 */

export const Arc27Code = {
  Unknown: 4000,
  Rejected: 4001,
  TimedOut: 4002,
  MethodNotSupported: 4003,
  NetworkNotSupported: 4004,
  UnauthorizedSigner: 4100,
  InvalidInput: 4200,
  InvalidGroupId: 4201,
  FailedToPostSomeTransactions: 4300,
} as const;

/** Why a request failed when Tandem itself gave no error: it never answered, or is not in the page. */
export type TandemFailureReason = 'no-answer' | 'not-installed';

export class TandemError extends Error {
  readonly code: number;
  readonly data?: unknown;

  constructor(message: string, code: number, data?: unknown) {
    super(message);
    this.name = 'TandemError';
    this.code = code;
    if (data !== undefined) this.data = data;
  }

  /** The reason this package attached (`data.reason`), when the failure was not Tandem's answer. */
  get reason(): TandemFailureReason | undefined {
    const reason = (this.data as { reason?: unknown } | undefined)?.reason;
    return reason === 'no-answer' || reason === 'not-installed' ? reason : undefined;
  }
}

/** Builds the error a dApp receives from one of use-wallet's own error classes (or a lookalike). */
export type WalletErrorFactory = (message: string, code: number, data?: unknown) => Error;

/**
 * The error of an ARC-0027 answer as a TandemError. The answer comes from the page (any script can
 * dispatch one), so every field is checked: a missing or non-numeric code becomes 4000.
 */
export function fromArc27Error(error: unknown): TandemError {
  const { code, message, data } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown; data?: unknown };
  const validCode = typeof code === 'number' && Number.isInteger(code) ? code : Arc27Code.Unknown;
  const text = typeof message === 'string' && message.length > 0 ? message : `Tandem refused the request (code ${validCode})`;
  return new TandemError(text, validCode, data);
}

/** Any thrown value as the dApp-facing error `make` builds, keeping an ARC-0027 code when there is one. */
export function toWalletError(thrown: unknown, make: WalletErrorFactory): Error {
  if (thrown instanceof TandemError) return make(thrown.message, thrown.code, thrown.data);
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return make(message, Arc27Code.Unknown);
}

export function notInstalledError(installUrl: string): TandemError {
  return new TandemError(
    `Tandem is not installed in this browser (it did not answer). Get the Tandem extension for Chrome or Firefox at ${installUrl}, then reload this page.`,
    Arc27Code.Unknown,
    { reason: 'not-installed', installUrl },
  );
}
