/**
 * ARC-0060 signData from the test dApp: Tandem's own page event (avm-web-provider has no signData),
 * one promise per request with a deadline, and a sign-in request built the way use-wallet builds
 * one (`location.host` as the domain, SHA-256 of it as authenticatorData, the account's public key
 * as signer). Tests override any field to make the request wrong on purpose.
 */
import algosdk from 'algosdk';
import {
  SIGN_DATA_REQUEST_EVENT,
  SIGN_DATA_REQUEST_REFERENCE,
  SIGN_DATA_RESPONSE_EVENT,
  TANDEM_PROVIDER_ID,
  type SignDataPageParams,
} from '../../packages/use-wallet-tandem/src/protocol';
import type { Outcome } from './dapp-api';

/** Any field replaced, or removed with `undefined`. */
export type SignDataOverrides = { [K in keyof SignDataPageParams]?: SignDataPageParams[K] | undefined } & { json?: string };

export async function sha256Base64(text: string): Promise<string> {
  return algosdk.bytesToBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

/** A sign-in statement for `account` on this page, as ARC-0060 AUTH data. */
export function signInJson(account: string): string {
  return JSON.stringify({
    domain: location.host,
    account_address: account,
    uri: location.origin,
    version: '1',
    statement: 'Sign in to the Tandem test dApp',
    nonce: crypto.randomUUID(),
    'issued-at': new Date().toISOString(),
    chain_id: 'algorand:SGO1GKSzyE7IEPItTxCByw9x8FmnrCDe',
    type: 'ed25519',
  });
}

export async function buildSignData(account: string, overrides: SignDataOverrides = {}): Promise<SignDataPageParams> {
  const { json, ...fields } = overrides;
  const domain = 'domain' in fields ? fields.domain : location.host;
  const params: Record<string, unknown> = {
    providerId: TANDEM_PROVIDER_ID,
    data: btoa(json ?? signInJson(account)),
    signer: algosdk.bytesToBase64(algosdk.Address.fromString(account).publicKey),
    domain,
    authenticatorData: await sha256Base64(domain ?? ''),
    metadata: { scope: 1, encoding: 'base64' },
    ...fields,
  };
  for (const key of Object.keys(params)) if (params[key] === undefined) delete params[key];
  return params as unknown as SignDataPageParams;
}

/** Sends one signData request and resolves with Tandem's single answer, or 4002 at the deadline. */
export function requestSignData(params: SignDataPageParams, deadlineMs: number): Promise<Outcome> {
  const id = crypto.randomUUID();
  return new Promise((resolve) => {
    const onAnswer = (event: Event) => {
      let answer: { requestId?: unknown; result?: unknown; error?: { code?: unknown; message?: unknown } };
      try {
        answer = JSON.parse(String((event as CustomEvent<unknown>).detail)) as typeof answer;
      } catch {
        return;
      }
      if (answer.requestId !== id) return;
      finish(
        answer.error
          ? { ok: false, error: { code: typeof answer.error.code === 'number' ? answer.error.code : 4000, message: String(answer.error.message ?? '') } }
          : { ok: true, result: answer.result },
      );
    };
    const timer = setTimeout(() => finish({ ok: false, error: { code: 4002, message: `no answer to signData within ${deadlineMs} ms` } }), deadlineMs);
    const finish = (outcome: Outcome) => {
      clearTimeout(timer);
      window.removeEventListener(SIGN_DATA_RESPONSE_EVENT, onAnswer);
      resolve(outcome);
    };
    window.addEventListener(SIGN_DATA_RESPONSE_EVENT, onAnswer);
    window.dispatchEvent(new CustomEvent(SIGN_DATA_REQUEST_EVENT, { detail: { id, reference: SIGN_DATA_REQUEST_REFERENCE, params } }));
  });
}
