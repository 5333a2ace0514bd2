/**
 * The page protocol between a dApp and Tandem: the one module both sides import. The extension
 * re-exports TANDEM_PROVIDER_ID from here (lib/arc27/types.ts; its page-envelope validator,
 * lib/arc27/page-request.ts, checks the `tandem` member); the adapter sends what is described
 * here. Constants and types only: the content script bundles this file into every page.
 */

/** Tandem's ARC-0027 provider id. dApps address Tandem by it; Tandem never answers with another's. */
export const TANDEM_PROVIDER_ID = '6f3a2c1e-9b7d-4e52-a8c4-0d1f7b2e9a64';

/**
 * Tandem's own member in ARC-0027 `enable` params. `{silent: true}` asks "is this site already
 * connected on this network?": Tandem answers exactly like `enable` when the requesting origin has a
 * session for the network, and otherwise answers at once with 4100 (UnauthorizedSigner), with no
 * approval window and nothing queued. Any other shape of the member is refused with 4200. Wallets
 * that do not know the member ignore it (ARC-0027 params are open), so only send it to Tandem's
 * providerId.
 */
export const TANDEM_PARAMS_KEY = 'tandem';

export interface TandemEnableMember {
  /** true: never prompt. false (or no member): an ordinary enable. */
  silent: boolean;
}

export const SILENT_ENABLE: Readonly<TandemEnableMember> = Object.freeze({ silent: true as boolean });

/** `enable` params as Tandem reads them. */
export interface TandemEnableParams {
  providerId: string;
  genesisHash?: string;
  [TANDEM_PARAMS_KEY]?: TandemEnableMember;
}

/**
 * ARC-0060 `signData` to Tandem. avm-web-provider carries no signData, so Tandem listens for its own
 * window CustomEvent: the page dispatches SIGN_DATA_REQUEST_EVENT with `detail`
 * `{id, reference: SIGN_DATA_REQUEST_REFERENCE, params: SignDataPageParams}` and Tandem answers once
 * with SIGN_DATA_RESPONSE_EVENT, whose `detail` is a JSON string (Firefox pages cannot read objects a
 * content script made) `{id, reference: SIGN_DATA_RESPONSE_REFERENCE, requestId, result}` or
 * `{..., error: {code, message, data?, providerId}}`. Byte fields are standard base64. Error codes are
 * ARC-0060's (4600-4610) and ARC-0001's (4001, 4100, 4200, 4300), plus 4002 (timed out) and 4003
 * (the paired phone cannot sign data).
 */
export const SIGN_DATA_REQUEST_EVENT = 'tandem:arc0060:sign_data:request';
export const SIGN_DATA_RESPONSE_EVENT = 'tandem:arc0060:sign_data:response';
export const SIGN_DATA_REQUEST_REFERENCE = 'arc0060:sign_data:request';
export const SIGN_DATA_RESPONSE_REFERENCE = 'arc0060:sign_data:response';

/** ARC-0060 `StdSigData` and `metadata` as one params object, bytes in standard base64. */
export interface SignDataPageParams {
  providerId: string;
  data: string;
  signer: string;
  domain: string;
  authenticatorData: string;
  requestId?: string;
  hdPath?: string;
  metadata: { scope: number; encoding: string };
}

/** The answer's `result`: the request's fields and the 64-byte signature. */
export interface SignDataPageResult {
  providerId: string;
  data: string;
  signer: string;
  domain: string;
  authenticatorData: string;
  requestId?: string;
  signature: string;
}
