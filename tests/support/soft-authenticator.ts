/**
 * A software WebAuthn authenticator and a scripted Liquid wallet, for Node tests against a Liquid Auth server
 * (the dev server in dev/server, or anything speaking liquid-protocol.md §2).
 *
 * - `SoftAuthenticator` creates P-256 (ES256) passkeys with `none` attestation and signs assertions, producing
 *   the same RegistrationResponseJSON / AuthenticationResponseJSON a browser would send. `ClientOverrides` forge
 *   single fields (origin, RP ID, challenge, flags, counter) to test that a server rejects them.
 * - `SoftLiquidWallet` plays the phone's HTTP side: attestation (passkey + ed25519 signature by an Algorand
 *   account over the raw challenge) or assertion, with a cookie jar so its session carries over like a browser's.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import algosdk from 'algosdk';
import { Encoder } from 'cbor-x';
import nacl from 'tweetnacl';

/** authenticatorData flag bits (WebAuthn §6.1). */
export const FLAG_UP = 0x01;
export const FLAG_UV = 0x04;
export const FLAG_AT = 0x40;

/**
 * Plain CBOR as WebAuthn expects it. cbor-x's defaults would tag Uint8Arrays (tag 64) and Maps (tag 259),
 * which WebAuthn parsers reject.
 */
const cbor = new Encoder({ useRecords: false, tagUint8Array: false, mapsAsObjects: false, variableMapSize: true });

export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

export function fromBase64Url(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

function sha256(data: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

function uint32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0);
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** The subset of PublicKeyCredentialCreationOptionsJSON the authenticator reads. */
export interface CreationOptionsJSON {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
}

/** The subset of PublicKeyCredentialRequestOptionsJSON the authenticator reads. */
export interface RequestOptionsJSON {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string; type: string }[];
}

/** Fields a test may forge; anything left out is what an honest browser and authenticator would produce. */
export interface ClientOverrides {
  /** `origin` in clientDataJSON. */
  origin?: string;
  /** The RP ID whose SHA-256 goes into authenticatorData. */
  rpId?: string;
  /** `challenge` in clientDataJSON (base64url). */
  challenge?: string;
  /** `type` in clientDataJSON. */
  type?: string;
  /** The authenticatorData flags byte (the AT bit is added for registrations). */
  flags?: number;
  /** The signature counter to report (assertions); the stored counter is not advanced when forged. */
  signCount?: number;
  /** Flip a bit of the assertion signature. */
  corruptSignature?: boolean;
}

export interface RegistrationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment: 'platform';
  response: { clientDataJSON: string; attestationObject: string; transports: string[] };
  clientExtensionResults: Record<string, unknown>;
}

export interface AuthenticationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment: 'platform';
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string };
  clientExtensionResults: Record<string, unknown>;
}

interface SoftCredential {
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  signCount: number;
}

export class SoftAuthenticator {
  readonly origin: string;
  readonly rpId: string;
  private readonly credentials = new Map<string, SoftCredential>();

  /** `origin` is what the "browser" writes into clientDataJSON; `rpId` defaults to the origin's host name. */
  constructor(opts: { origin: string; rpId?: string }) {
    this.origin = opts.origin;
    this.rpId = opts.rpId ?? new URL(opts.origin).hostname;
  }

  get credentialIds(): string[] {
    return [...this.credentials.keys()];
  }

  signCount(credId: string): number | undefined {
    return this.credentials.get(credId)?.signCount;
  }

  /** navigator.credentials.create(): a new ES256 passkey, `none` attestation, UP+UV. */
  createCredential(options: CreationOptionsJSON, overrides: ClientOverrides = {}): RegistrationResponseJSON {
    const rpId = options.rp.id ?? this.rpId;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = cbor.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, fromBase64Url(jwk.x ?? '')],
        [-3, fromBase64Url(jwk.y ?? '')],
      ]),
    );
    const credentialId = new Uint8Array(randomBytes(32));
    const credId = toBase64Url(credentialId);
    const idLength = new Uint8Array([credentialId.length >> 8, credentialId.length & 0xff]);
    const authData = concat(
      sha256(overrides.rpId ?? rpId),
      new Uint8Array([(overrides.flags ?? (FLAG_UP | FLAG_UV)) | FLAG_AT]),
      uint32(0),
      new Uint8Array(16), // AAGUID: all zero, as software authenticators report
      idLength,
      credentialId,
      coseKey,
    );
    const attestationObject = cbor.encode({ fmt: 'none', attStmt: {}, authData });
    this.credentials.set(credId, { privateKey, rpId, userHandle: options.user.id, signCount: 0 });
    return {
      id: credId,
      rawId: credId,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: this.clientDataJSON('webauthn.create', options.challenge, overrides),
        attestationObject: toBase64Url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get() with one of this authenticator's passkeys (the first allowed one by default). */
  getAssertion(options: RequestOptionsJSON, overrides: ClientOverrides = {}, credId?: string): AuthenticationResponseJSON {
    const id = credId ?? options.allowCredentials?.find((c) => this.credentials.has(c.id))?.id;
    const credential = id === undefined ? undefined : this.credentials.get(id);
    if (id === undefined || !credential) throw new Error('SoftAuthenticator holds none of the allowed credentials');
    let signCount = overrides.signCount;
    if (signCount === undefined) signCount = ++credential.signCount;
    const authData = concat(
      sha256(overrides.rpId ?? options.rpId ?? credential.rpId),
      new Uint8Array([overrides.flags ?? (FLAG_UP | FLAG_UV)]),
      uint32(signCount),
    );
    const clientDataJSON = this.clientDataJSON('webauthn.get', options.challenge, overrides);
    const signature = new Uint8Array(
      sign('sha256', concat(authData, sha256(fromBase64Url(clientDataJSON))), credential.privateKey),
    );
    if (overrides.corruptSignature) signature[signature.length - 1]! ^= 0x01;
    return {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON,
        authenticatorData: toBase64Url(authData),
        signature: toBase64Url(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
    };
  }

  private clientDataJSON(type: string, challenge: string, overrides: ClientOverrides): string {
    const clientData = {
      type: overrides.type ?? type,
      challenge: overrides.challenge ?? challenge,
      origin: overrides.origin ?? this.origin,
      crossOrigin: false,
    };
    return toBase64Url(new TextEncoder().encode(JSON.stringify(clientData)));
  }
}

/** An Algorand account as the wallet uses it: the address string and the 64-byte ed25519 secret key. */
export interface WalletAccount {
  addr: string;
  sk: Uint8Array;
}

export function createWalletAccount(): WalletAccount {
  const account = algosdk.generateAccount();
  return { addr: account.addr.toString(), sk: account.sk };
}

/** The Liquid proof of account ownership: ed25519 over the raw challenge bytes (no prefix, no hash). */
export function signChallenge(challenge: Uint8Array, account: WalletAccount): string {
  return toBase64Url(nacl.sign.detached(challenge, account.sk));
}

/** A minimal cookie jar for fetch: remembers name=value pairs from Set-Cookie, sends them back. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** The raw Set-Cookie headers of the last response that had any. */
  lastSetCookie: string[] = [];

  update(response: Response): void {
    const setCookies = response.headers.getSetCookie();
    if (setCookies.length > 0) this.lastSetCookie = setCookies;
    for (const line of setCookies) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** The Cookie request header, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** The `user` a Liquid Auth server returns from attestation, assertion and `GET /auth/session`. */
export interface LiquidUser {
  id: string;
  wallet: string;
  credentials: { credId: string; publicKey: string; prevCounter: number; device?: string }[];
}

/** The `liquid` client extension result of an attestation. */
export interface LiquidAttestationExtension {
  type: string;
  address: string;
  signature: string;
  requestId?: string | number;
  device?: string;
}

export interface WalletCallResult {
  /** Which call answered last: the options request or the response post. */
  stage: 'request' | 'response';
  status: number;
  body: unknown;
  /** Set when the server accepted the credential (201 from the response post). */
  user?: LiquidUser;
  /** The credential that was created or used. */
  credId?: string;
  /** The challenge the server handed out. */
  challenge?: string;
}

export interface AttestOptions {
  requestId?: string | number;
  device?: string;
  /** Forged browser/authenticator fields. */
  client?: ClientOverrides;
  /** Sign the challenge with this account instead of the wallet's own (the claimed address stays the wallet's). */
  signer?: WalletAccount;
  /** Fields to overwrite in the liquid extension result after it was built. */
  liquid?: Partial<LiquidAttestationExtension>;
  /** Replaces the POST /attestation/request body. */
  requestBody?: unknown;
  /** Last-minute change to the POST /attestation/response body (return the body to send). */
  transform?: (body: RegistrationResponseJSON) => unknown;
}

export interface AssertOptions {
  requestId?: string | number;
  client?: ClientOverrides;
  /** POST /assertion/request/:credId body. */
  requestBody?: unknown;
  transform?: (body: AuthenticationResponseJSON) => unknown;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The wallet's side of Liquid Auth over HTTP, like a phone: it keeps its own cookie session, its passkeys (in a
 * SoftAuthenticator whose origin is the server's URL) and its Algorand account.
 */
export class SoftLiquidWallet {
  readonly jar: CookieJar;
  readonly authenticator: SoftAuthenticator;
  readonly account: WalletAccount;
  /** The passkey of the last successful attestation. */
  credId: string | undefined;

  constructor(
    readonly baseUrl: string,
    opts: { authenticator?: SoftAuthenticator; account?: WalletAccount; jar?: CookieJar } = {},
  ) {
    this.jar = opts.jar ?? new CookieJar();
    this.authenticator = opts.authenticator ?? new SoftAuthenticator({ origin: baseUrl });
    this.account = opts.account ?? createWalletAccount();
  }

  get address(): string {
    return this.account.addr;
  }

  /** fetch against the server with this wallet's cookies; redirects are not followed. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.jar.header();
    if (cookie !== undefined) headers.set('cookie', cookie);
    const response = await fetch(new URL(path, this.baseUrl), { redirect: 'manual', ...init, headers });
    this.jar.update(response);
    return response;
  }

  async postJson(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const response = await this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await readBody(response) };
  }

  async session(): Promise<{ status: number; body: { user: LiquidUser | null; session: Record<string, unknown> } }> {
    const response = await this.fetch('/auth/session');
    return { status: response.status, body: (await readBody(response)) as never };
  }

  /** Registers a new passkey for this wallet's address (first pairing). */
  async attest(opts: AttestOptions = {}): Promise<WalletCallResult> {
    const requestBody = opts.requestBody ?? {
      username: this.address,
      displayName: 'Tandem test wallet',
      authenticatorSelection: { userVerification: 'required' },
      extensions: { liquid: true },
    };
    const request = await this.postJson('/attestation/request', requestBody);
    if (request.status !== 201) return { stage: 'request', ...request };
    const options = request.body as CreationOptionsJSON;

    const credential = this.authenticator.createCredential(options, opts.client);
    const liquid: LiquidAttestationExtension = {
      type: 'algorand',
      address: this.address,
      signature: signChallenge(fromBase64Url(options.challenge), opts.signer ?? this.account),
      device: opts.device ?? 'Soft authenticator',
      ...(opts.requestId !== undefined ? { requestId: opts.requestId } : {}),
      ...opts.liquid,
    };
    credential.clientExtensionResults = { liquid };
    const body = opts.transform ? opts.transform(credential) : credential;

    const response = await this.postJson('/attestation/response', body);
    const accepted = response.status === 201;
    if (accepted) this.credId = credential.id;
    return {
      stage: 'response',
      ...response,
      challenge: options.challenge,
      credId: credential.id,
      ...(accepted ? { user: response.body as LiquidUser } : {}),
    };
  }

  /** Signs in with a passkey registered earlier (a returning phone). */
  async assert(credId: string | undefined = this.credId, opts: AssertOptions = {}): Promise<WalletCallResult> {
    if (credId === undefined) throw new Error('SoftLiquidWallet.assert: no credential; attest first');
    const request = await this.postJson(`/assertion/request/${encodeURIComponent(credId)}`, opts.requestBody ?? {});
    if (request.status !== 201) return { stage: 'request', ...request };
    const options = request.body as RequestOptionsJSON;

    const credential = this.authenticator.getAssertion(options, opts.client, credId);
    credential.clientExtensionResults = { liquid: opts.requestId !== undefined ? { requestId: opts.requestId } : {} };
    const body = opts.transform ? opts.transform(credential) : credential;

    const response = await this.postJson('/assertion/response', body);
    return {
      stage: 'response',
      ...response,
      challenge: options.challenge,
      credId,
      ...(response.status === 201 ? { user: response.body as LiquidUser } : {}),
    };
  }
}
