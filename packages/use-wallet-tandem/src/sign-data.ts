/**
 * ARC-0060 signData through Tandem's own page event (protocol.ts: avm-web-provider carries no
 * signData). The request is built the way use-wallet builds one: the page's `location.host` as the
 * domain, SHA-256 of it as authenticatorData, and the active account's public key as the signer (a
 * Tandem account's key is the phone's own). Tandem checks the domain against the page's real origin
 * and answers with ARC-0060's codes (4600-4610) or ARC-0001's (4001 rejected, 4100, 4200, 4300),
 * 4002 when nobody answered in time, 4003 when the paired phone cannot sign data.
 */
import algosdk from 'algosdk';
import { Arc27Code, TandemError, fromArc27Error } from './errors.js';
import {
  SIGN_DATA_REQUEST_EVENT,
  SIGN_DATA_REQUEST_REFERENCE,
  SIGN_DATA_RESPONSE_EVENT,
  TANDEM_PROVIDER_ID,
  type SignDataPageParams,
  type SignDataPageResult,
} from './protocol.js';

/** use-wallet's StdSignMetadata and StdSignDataResponse, by shape (v5 and v4 differ only in where they live). */
export interface SignDataMetadata {
  scope: number;
  encoding: string;
}

export interface SignDataResponse {
  data: string;
  signer: Uint8Array;
  domain: string;
  authenticatorData: Uint8Array;
  requestId?: string;
  signature: Uint8Array;
}

const bytesOf = (base64: string) => algosdk.base64ToBytes(base64);

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Sends one request on Tandem's event and resolves with its result; rejects with a TandemError. */
function requestSignData(params: SignDataPageParams, deadlineMs: number): Promise<SignDataPageResult> {
  const id = crypto.randomUUID();
  return new Promise((resolve, reject) => {
    const onAnswer = (event: Event) => {
      let answer: { requestId?: unknown; result?: SignDataPageResult; error?: unknown };
      try {
        answer = JSON.parse(String((event as CustomEvent<unknown>).detail)) as typeof answer;
      } catch {
        return;
      }
      if (answer.requestId !== id) return;
      done();
      if (answer.error) reject(fromArc27Error(answer.error));
      else if (answer.result && typeof answer.result.signature === 'string') resolve(answer.result);
      else reject(new TandemError('Tandem answered signData without a signature', Arc27Code.Unknown));
    };
    const timer = setTimeout(() => {
      done();
      reject(new TandemError(`Tandem did not answer signData within ${deadlineMs} ms`, Arc27Code.TimedOut, { reason: 'no-answer' }));
    }, deadlineMs);
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener(SIGN_DATA_RESPONSE_EVENT, onAnswer);
    };
    window.addEventListener(SIGN_DATA_RESPONSE_EVENT, onAnswer);
    window.dispatchEvent(new CustomEvent(SIGN_DATA_REQUEST_EVENT, { detail: { id, reference: SIGN_DATA_REQUEST_REFERENCE, params } }));
  });
}

/** use-wallet's signData(data, metadata) for the connected `address`, verified by Tandem before it answers. */
export async function signDataWithTandem(data: string, metadata: SignDataMetadata, address: string | null, deadlineMs: number): Promise<SignDataResponse> {
  if (!address) throw new TandemError('No active account', Arc27Code.UnauthorizedSigner);
  if (typeof window === 'undefined') throw new TandemError('Tandem works in a browser page only', Arc27Code.Unknown);
  const domain = location.host;
  const signer = algosdk.Address.fromString(address).publicKey;
  const authenticatorData = await sha256(domain);
  const result = await requestSignData(
    {
      providerId: TANDEM_PROVIDER_ID,
      data,
      signer: algosdk.bytesToBase64(signer),
      domain,
      authenticatorData: algosdk.bytesToBase64(authenticatorData),
      metadata: { scope: metadata.scope, encoding: metadata.encoding },
    },
    deadlineMs,
  );
  return { data, signer, domain, authenticatorData, signature: bytesOf(result.signature) };
}

/** The v4 provider's signData: ARC-0060 is wired for use-wallet v5 only, so v4 dApps get 4003. */
export function signDataNotSupported(makeError: (message: string, code: number) => Error): Promise<never> {
  return Promise.reject(makeError('Method not supported: signData', Arc27Code.MethodNotSupported));
}

/** Whether a discover result says the paired phone signs data (a network lists `sign_data`). */
export function discoverCanSignData(result: unknown): boolean {
  const networks = (typeof result === 'object' && result !== null ? (result as { networks?: unknown }).networks : undefined) as unknown;
  return Array.isArray(networks) && networks.some((n: unknown) => Array.isArray((n as { methods?: unknown } | null)?.methods) && ((n as { methods: unknown[] }).methods.includes('sign_data')));
}
