/**
 * Proving the phone's account to the Liquid Auth server with a passkey (liquid-protocol.md §2):
 * attestation the first time, assertion later, both carrying the `liquid` extension results with
 * the requestId so the server publishes `auth` and the extension's pending `link` resolves.
 *
 * The WebAuthn codecs are the published client's own (`attestation.encoder`, `assertion.encoder`).
 * The HTTP calls are ours: the client's `fetch` modules throw a bare "Invalid response" for any
 * non-2xx, and the fallback from assertion to registration needs to see a 401 (liquid-client
 * 1.0.0-canary.5, read 2026).
 */
import { encoder as attestationEncoder } from '@algorandfoundation/liquid-client/attestation';
import { encoder as assertionEncoder } from '@algorandfoundation/liquid-client/assertion';
import type { LiquidExtensionOptions, User } from '@algorandfoundation/liquid-client';
import nacl from 'tweetnacl';
import { decodeBase64Lenient, encodeBase64Url } from '../../lib/liquid/base64url';
import type { PhoneKey } from './signer';

export const DEVICE_NAME = 'Tandem dev wallet';

/** How long one WebAuthn prompt may take before we give up on it (the server sets no deadline). */
const CEREMONY_TIMEOUT_MS = 20_000;

export interface PasskeyOutcome {
  credId: string;
  /** The credential's signature counter as the server stored it (0 when it does not say). */
  prevCounter: number;
  user: User;
}

/** An HTTP error from the Liquid server, with its status so callers can tell 401 from 500. */
export class LiquidServerError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${path} answered ${status}: ${body.slice(0, 200) || '(empty body)'}`);
    this.name = 'LiquidServerError';
  }
}

/** The saved passkey cannot be used (unknown to the server or to the authenticator): register again. */
export class AssertionUnavailable extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'AssertionUnavailable';
  }
}

export interface PasskeyParams {
  /** The Liquid server origin, e.g. http://localhost:3000 (must be this page's origin). */
  origin: string;
  requestId: string;
  key: PhoneKey;
}

/** Registers a new passkey for the account, proving the account by signing the raw challenge. */
export async function registerPasskey({ origin, requestId, key }: PasskeyParams): Promise<PasskeyOutcome> {
  const options = await postJson(origin, '/attestation/request', {
    username: key.address,
    displayName: DEVICE_NAME,
    attestationType: 'none',
    authenticatorSelection: { authenticatorAttachment: 'platform', userVerification: 'required', requireResidentKey: false },
    extensions: { liquid: true },
  });
  const challenge = decodeBase64Lenient(String((options as { challenge?: unknown }).challenge ?? ''));
  if (!challenge || challenge.length === 0) throw new Error('/attestation/request returned no challenge');

  // The server checks an ed25519 signature by the account over the raw challenge bytes: no
  // "MX" prefix, no hash, so algosdk's signBytes does not fit.
  const liquid: LiquidExtensionOptions = {
    type: 'algorand',
    address: key.address,
    signature: encodeBase64Url(nacl.sign.detached(challenge, key.secretKey)),
    requestId,
    device: DEVICE_NAME,
    origin,
  };
  const publicKey = attestationEncoder.decodeOptions(options as Parameters<typeof attestationEncoder.decodeOptions>[0], liquid);
  const credential = await withCeremonyDeadline((signal) =>
    navigator.credentials.create({ publicKey: publicKey as PublicKeyCredentialCreationOptions, signal }),
  );
  if (!credential || credential.type !== 'public-key') throw new Error('the authenticator returned no passkey');
  const body = { ...attestationEncoder.encodeCredential(credential), clientExtensionResults: { liquid } };
  const user = (await postJson(origin, '/attestation/response', body)) as User;
  return { credId: credential.id, prevCounter: counterOf(user, credential.id), user };
}

/**
 * Asserts with a saved passkey. The published `assertion()` leaves `liquid.requestId` out of the
 * extension results, so a returning phone built on it never resolves the extension's `link`:
 * build it from the encoder and add `liquid: {requestId}` here.
 */
export async function assertPasskey({ origin, requestId, credId }: Omit<PasskeyParams, 'key'> & { credId: string }): Promise<PasskeyOutcome> {
  let options: unknown;
  try {
    options = await postJson(origin, `/assertion/request/${encodeURIComponent(credId)}`, { userVerification: 'required' });
  } catch (err) {
    if (err instanceof LiquidServerError && (err.status === 401 || err.status === 404)) {
      throw new AssertionUnavailable(`the server does not know passkey ${credId}`, err);
    }
    throw err;
  }
  const publicKey = assertionEncoder.decodeOptions(options as Parameters<typeof assertionEncoder.decodeOptions>[0]);
  if (!publicKey.allowCredentials || publicKey.allowCredentials.length === 0) {
    throw new AssertionUnavailable('the server lists no credentials for this passkey');
  }
  let credential: Credential | null;
  try {
    credential = await withCeremonyDeadline((signal) =>
      navigator.credentials.get({ publicKey: publicKey as PublicKeyCredentialRequestOptions, signal }),
    );
  } catch (err) {
    // NotAllowedError is what Chromium gives when no authenticator holds the credential.
    throw new AssertionUnavailable(`the authenticator cannot use passkey ${credId}: ${describe(err)}`, err);
  }
  if (!credential) throw new AssertionUnavailable('the authenticator returned no assertion');
  const encoded = assertionEncoder.encodeCredential(credential);
  const body = { ...encoded, clientExtensionResults: { ...encoded.clientExtensionResults, liquid: { requestId } } };
  try {
    const user = (await postJson(origin, '/assertion/response', body)) as User;
    return { credId: credential.id, prevCounter: counterOf(user, credential.id), user };
  } catch (err) {
    if (err instanceof LiquidServerError && err.status >= 400 && err.status < 500) {
      throw new AssertionUnavailable(`the server refused the assertion: ${err.message}`, err);
    }
    throw err;
  }
}

async function postJson(origin: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'include',
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new LiquidServerError(path, response.status, text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new LiquidServerError(path, response.status, `not JSON: ${text}`);
  }
}

async function withCeremonyDeadline<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`WebAuthn prompt timed out after ${CEREMONY_TIMEOUT_MS} ms`)), CEREMONY_TIMEOUT_MS);
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

function counterOf(user: User, credId: string): number {
  const match = user?.credentials?.find((c) => c.credId === credId);
  return typeof match?.prevCounter === 'number' ? match.prevCounter : 0;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
