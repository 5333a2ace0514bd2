/**
 * ARC-0060 `signData` bound to the page's real origin, checked in the background before anything is
 * shown, and the phone's signatures checked before the page gets them.
 *
 * The dApp names its own `domain`; Tandem knows the requesting frame's origin from the browser, so a
 * page asking for a signature "for" another site is refused here: the domain must be the host of the
 * frame's origin (port included, as use-wallet sends `location.host`), and `authenticatorData` must
 * start with SHA-256(domain). Only the AUTH scope (1) with JSON data is signed, without `hdPath` (no
 * phone in liquid-protocol.md §8 derives keys from one), and never data shaped like a transaction or
 * program: its signature could authorize something on chain.
 */
import { Address, decodeSignedTransaction, decodeUnsignedTransaction } from 'algosdk';
import type { SignDataParams } from '../arc27/types';
import { DataRefusal } from '../arc27/sign-data-errors';
import { fromBase64Strict } from '../encoding/base64';
import { fail, ok, type Result } from '../result';
import { bytesEqual, concatBytes } from './bytes';
import { verifyEd25519 } from './ed25519';

export const AUTH_SCOPE = 1;

/**
 * Algorand's domain-separation prefixes (go-algorand's protocol hash ids) for what can authorize
 * something on chain or be mistaken for it: transactions and groups, messages, logic signatures and
 * program data, application ids, multisig addresses, block headers and seeds.
 */
export const ON_CHAIN_PREFIXES = ['TX', 'TG', 'MX', 'Program', 'ProgData', 'appID', 'MultisigAddr', 'BH', 'SD'] as const;

export interface DataRefusalOf {
  reason: DataRefusal;
  message: string;
}

/** A signData request that passed every check: what is shown and what the phone signs. */
export interface CheckedSignData {
  domain: string;
  data: Uint8Array;
  /** The data as UTF-8 JSON text, as the page sent it (what the prompt pretty-prints). */
  text: string;
  authenticatorData: Uint8Array;
  signerKey: Uint8Array;
  /** The paired account whose key `signerKey` is. */
  signer: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const refuse = (reason: DataRefusal, message: string) => fail<DataRefusalOf>({ reason, message });

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
}

/** The host (with port) of an origin such as `https://example.com:8443`, or null when it is not a URL. */
export function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** The prefix that makes `bytes` look like something that can act on chain, or a transaction's msgpack; null when none. */
export function onChainShape(bytes: Uint8Array): string | null {
  const ascii = (prefix: string) => prefix.length <= bytes.length && [...prefix].every((ch, i) => bytes[i] === ch.charCodeAt(0));
  const prefix = ON_CHAIN_PREFIXES.find(ascii);
  if (prefix) return `the "${prefix}" prefix`;
  for (const decode of [decodeUnsignedTransaction, decodeSignedTransaction]) {
    try {
      decode(bytes);
      return 'transaction bytes';
    } catch {
      // not this shape
    }
  }
  return null;
}

/** Domain binding: `domain` against the requesting frame's origin, `authenticatorData` against the domain. */
export async function checkDomainBinding(
  domain: string | undefined,
  authenticatorData: string | undefined,
  pageOrigin: string,
): Promise<Result<Uint8Array, DataRefusalOf>> {
  if (domain === undefined || domain.length === 0) return refuse(DataRefusal.MissingDomain, 'signData needs the domain asking for the signature');
  const host = hostOf(pageOrigin);
  if (domain !== host) return refuse(DataRefusal.FailedDomainAuth, `this page is ${host ?? pageOrigin}, but it asks for a signature for ${domain}`);
  if (authenticatorData === undefined || authenticatorData.length === 0) {
    return refuse(DataRefusal.MissingAuthenticatorData, 'signData needs authenticatorData starting with SHA-256 of the domain');
  }
  const bytes = fromBase64Strict(authenticatorData);
  if (!bytes) return refuse(DataRefusal.FailedDecoding, 'authenticatorData is not standard base64');
  if (bytes.length < 32 || !bytesEqual(bytes.subarray(0, 32), await sha256(new TextEncoder().encode(domain)))) {
    return refuse(DataRefusal.FailedDomainAuth, `authenticatorData does not start with SHA-256 of ${domain}`);
  }
  return ok(bytes);
}

/**
 * Every check of a signData request from a page at `pageOrigin` whose session holds `accounts`.
 * The order decides which refusal a request with several faults gets: where it is for, then what
 * it is, then who signs.
 */
export async function checkSignData(params: SignDataParams, pageOrigin: string, accounts: readonly string[]): Promise<Result<CheckedSignData, DataRefusalOf>> {
  const binding = await checkDomainBinding(params.domain, params.authenticatorData, pageOrigin);
  if (!binding.ok) return binding;
  const domain = params.domain!;
  if (params.metadata.scope !== AUTH_SCOPE) return refuse(DataRefusal.InvalidScope, `Tandem signs only the AUTH scope (1), not ${params.metadata.scope}`);
  if (params.metadata.encoding !== 'base64') return refuse(DataRefusal.FailedDecoding, `Tandem reads data in base64 only, not ${params.metadata.encoding}`);
  const data = fromBase64Strict(params.data);
  if (!data || data.length === 0) return refuse(DataRefusal.FailedDecoding, 'data is not non-empty standard base64');
  if (params.hdPath !== undefined) return refuse(DataRefusal.HdPath, 'hdPath is not supported: the paired phone signs with its account key only');
  const shape = onChainShape(data);
  if (shape) return refuse(DataRefusal.TransactionShaped, `the data has ${shape}: a signature over it could authorize something on chain`);
  let text: string;
  try {
    text = strictUtf8.decode(data);
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not an object');
  } catch {
    return refuse(DataRefusal.BadJson, 'for the AUTH scope the data must be a JSON object');
  }
  const signerKey = fromBase64Strict(params.signer);
  const signer = signerKey?.length === 32 ? new Address(signerKey).toString() : null;
  if (!signerKey || !signer || !accounts.includes(signer)) {
    return refuse(DataRefusal.SignerNotPaired, 'the signer is not the public key of an account this site is connected to');
  }
  return ok({ domain, data, text, authenticatorData: binding.value, signerKey, signer });
}

/** What the phone signs for signData (ARC-0060, AUTH): SHA-256(data) ‖ SHA-256(authenticatorData). */
export async function signDataPayload(data: Uint8Array, authenticatorData: Uint8Array): Promise<Uint8Array> {
  return concatBytes(await sha256(data), await sha256(authenticatorData));
}

/** What the phone signs for sign_message: "MX" ‖ the message's UTF-8 bytes (algosdk's signBytes). */
export function messagePayload(message: string): Uint8Array {
  return concatBytes(new TextEncoder().encode('MX'), new TextEncoder().encode(message));
}

/** Whether `signature` is the signer's Ed25519 signature over the signData payload. */
export async function verifyDataSignature(request: Pick<CheckedSignData, 'data' | 'authenticatorData' | 'signerKey'>, signature: Uint8Array): Promise<boolean> {
  return signature.length === 64 && verifyEd25519(await signDataPayload(request.data, request.authenticatorData), signature, request.signerKey);
}

/** Whether `signature` is `signer`'s Ed25519 signature over "MX" ‖ message. */
export async function verifyMessageSignature(message: string, signer: string, signature: Uint8Array): Promise<boolean> {
  let key: Uint8Array;
  try {
    key = Address.fromString(signer).publicKey;
  } catch {
    return false;
  }
  return signature.length === 64 && verifyEd25519(messagePayload(message), signature, key);
}
