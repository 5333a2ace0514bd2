/**
 * Proving the phone's account to the Liquid Auth server with a passkey (liquid-protocol.md §2):
 * attestation the first time, assertion later, both carrying the `liquid` extension results with
 * the requestId so the server publishes `auth` and the extension's pending `link` resolves.
 *
 * The WebAuthn ceremonies are @simplewebauthn/browser's (`startRegistration`,
 * `startAuthentication`: option decoding, credential encoding). What goes to the server is the body
 * liquid-client's encoders build (1.0.0-canary.5), so the wire stays what real phones send:
 * `user.id` is the account's public key, and only the fields of `wireRegistration` and
 * `wireAuthentication` are posted (none of simplewebauthn's extra fields such as `transports`,
 * which the server would store and hand back in later assertion options).
 * The HTTP calls are ours: liquid-client's `fetch` modules throw a bare "Invalid response" for any
 * non-2xx, and the fallback from assertion to registration needs to see a 401.
 */
import type { LiquidExtensionOptions, User } from '@algorandfoundation/liquid-client';
import {
  WebAuthnAbortService,
  base64URLStringToBuffer,
  bufferToBase64URLString,
  startAuthentication,
  startRegistration,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { decodeAddress } from 'algosdk';
import nacl from 'tweetnacl';
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
  const optionsJSON = options as PublicKeyCredentialCreationOptionsJSON;
  if (typeof optionsJSON?.challenge !== 'string' || optionsJSON.challenge.length === 0) throw new Error('/attestation/request returned no challenge');
  // base64url as the server sends it; standard or padded base64 decode to the same bytes.
  const challenge = new Uint8Array(base64URLStringToBuffer(optionsJSON.challenge));

  // The server checks an ed25519 signature by the account over the raw challenge bytes: no
  // "MX" prefix, no hash, so algosdk's signBytes does not fit.
  const liquid: LiquidExtensionOptions = {
    type: 'algorand',
    address: key.address,
    signature: bufferToBase64URLString(exactBuffer(nacl.sign.detached(challenge, key.secretKey))),
    requestId,
    device: DEVICE_NAME,
    origin,
  };
  // The server's user.id is the address itself; phones (and liquid-client) register the passkey
  // under the account's 32-byte public key instead, named by the address.
  const user = { ...optionsJSON.user, id: bufferToBase64URLString(exactBuffer(decodeAddress(key.address).publicKey)), name: key.address, displayName: key.address };
  const credential = await withCeremonyDeadline(() => startRegistration({ optionsJSON: { ...optionsJSON, user } }));
  const body = { ...wireRegistration(credential), clientExtensionResults: { liquid } };
  const registered = (await postJson(origin, '/attestation/response', body)) as User;
  return { credId: credential.id, prevCounter: counterOf(registered, credential.id), user: registered };
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
  const optionsJSON = options as PublicKeyCredentialRequestOptionsJSON;
  if (typeof optionsJSON?.challenge !== 'string') throw new Error('/assertion/request returned no challenge');
  // simplewebauthn would ask for any discoverable credential when the list is empty: refuse instead.
  if (!optionsJSON.allowCredentials || optionsJSON.allowCredentials.length === 0) {
    throw new AssertionUnavailable('the server lists no credentials for this passkey');
  }
  let credential: AuthenticationResponseJSON;
  try {
    credential = await withCeremonyDeadline(() => startAuthentication({ optionsJSON }));
  } catch (err) {
    // NotAllowedError (passed through by simplewebauthn as its cause) is what Chromium gives when
    // no authenticator holds the credential.
    throw new AssertionUnavailable(`the authenticator cannot use passkey ${credId}: ${describe(err)}`, err);
  }
  const encoded = wireAuthentication(credential);
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

/** The registration body as liquid-client's `attestation.encoder.encodeCredential` shapes it. */
function wireRegistration(credential: RegistrationResponseJSON) {
  const { id, rawId, type, response, clientExtensionResults } = credential;
  return { id, rawId, type, response: { clientDataJSON: response.clientDataJSON, attestationObject: response.attestationObject }, clientExtensionResults };
}

/** The assertion body as liquid-client's `assertion.encoder.encodeCredential` shapes it. */
function wireAuthentication(credential: AuthenticationResponseJSON) {
  const { id, rawId, type, response, clientExtensionResults } = credential;
  const { clientDataJSON, authenticatorData, signature, userHandle } = response;
  return { id, type, rawId, response: { clientDataJSON, authenticatorData, signature, userHandle }, clientExtensionResults };
}

/**
 * Runs a ceremony under CEREMONY_TIMEOUT_MS. simplewebauthn gives each ceremony its own abort
 * signal; on timeout it is cancelled through WebAuthnAbortService and the timeout is the error.
 */
async function withCeremonyDeadline<T>(run: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      WebAuthnAbortService.cancelCeremony();
      reject(new Error(`WebAuthn prompt timed out after ${CEREMONY_TIMEOUT_MS} ms`));
    }, CEREMONY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([run(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A copy of the bytes in a buffer of their own (a Uint8Array may be a view into a larger one). */
function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

function counterOf(user: User, credId: string): number {
  const match = user?.credentials?.find((c) => c.credId === credId);
  return typeof match?.prevCounter === 'number' ? match.prevCounter : 0;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
