/**
 * ARC-0027 vocabulary shared by every context: the page transport, the background and the
 * phone link. Pure types and constants only, so the content script can import it cheaply.
 */

/**
 * Tandem's own provider id. dApps address Tandem by it; never answer with another wallet's id.
 * Defined in the dApp-side package's protocol module, so the extension and the use-wallet adapter
 * cannot drift apart.
 */
export { TANDEM_PROVIDER_ID } from '../../packages/use-wallet-tandem/src/protocol';

export const ARC27_METHODS = [
  'discover',
  'enable',
  'disable',
  'sign_transactions',
  'sign_message',
  'post_transactions',
  'sign_and_post_transactions',
] as const;
export type Arc27Method = (typeof ARC27_METHODS)[number];

/** The methods Tandem implements today; the rest are answered with 4003. */
export const IMPLEMENTED_METHODS = ['discover', 'enable', 'disable', 'sign_transactions', 'sign_message', 'post_transactions', 'sign_and_post_transactions'] as const;

/**
 * ARC-0060 signData, which avm-web-provider does not carry: Tandem's own page event
 * (packages/use-wallet-tandem/src/protocol.ts), validated by lib/arc27/sign-data-request.ts and
 * relayed like the ARC-0027 methods. Every request a page can make is a PageMethod.
 */
export const SIGN_DATA_METHOD = 'sign_data';
export type PageMethod = Arc27Method | typeof SIGN_DATA_METHOD;
export type ImplementedMethod = (typeof IMPLEMENTED_METHODS)[number];

export const Arc27ErrorCode = {
  Unknown: 4000,
  MethodCanceled: 4001,
  MethodTimedOut: 4002,
  MethodNotSupported: 4003,
  NetworkNotSupported: 4004,
  UnauthorizedSigner: 4100,
  InvalidInput: 4200,
  InvalidGroupId: 4201,
  FailedToPostSomeTransactions: 4300,
} as const;
export type Arc27ErrorCode = (typeof Arc27ErrorCode)[keyof typeof Arc27ErrorCode];

/**
 * ARC-0060's own codes (its reference implementation numbers them; the ARC text names them) and
 * ARC-0001's, which ARC-0060 requires: what a signData answer may carry. The table of which
 * refusal gets which code, next to sign_message's ARC-0027 codes, is lib/arc27/sign-data-errors.ts.
 */
export const SignDataErrorCode = {
  UserRejected: 4001,
  Unauthorized: 4100,
  UnsupportedOperation: 4200,
  InvalidInput: 4300,
  InvalidScope: 4600,
  FailedDecoding: 4602,
  InvalidSigner: 4603,
  MissingDomain: 4607,
  MissingAuthenticatorData: 4608,
  BadJson: 4609,
  FailedDomainAuth: 4610,
} as const;
export type SignDataErrorCode = (typeof SignDataErrorCode)[keyof typeof SignDataErrorCode];

/** The error object every failed request ends in. `message` is a plain enumerable field on purpose. */
export interface Arc27Error {
  /** ARC-0027's codes; a signData answer carries SignDataErrorCode instead. */
  code: Arc27ErrorCode | SignDataErrorCode;
  message: string;
  data?: unknown;
  providerId?: string;
}

/** ARC-0001 multisig metadata. */
export interface MultisigMetadata {
  version: number;
  threshold: number;
  addrs: string[];
}

/** ARC-0001 WalletTransaction as dApps send it (base64 msgpack of the unsigned transaction). */
export interface WalletTransaction {
  txn: string;
  signers?: string[];
  authAddr?: string;
  msig?: MultisigMetadata;
  stxn?: string;
  message?: string;
}

export interface NetworkDescriptor {
  genesisHash: string;
  genesisId: string;
  /** ARC-0027 methods, and `sign_data` (Tandem's ARC-0060 event) when the paired phone signs data. */
  methods: PageMethod[];
}

export interface DiscoverResult {
  name: string;
  providerId: string;
  networks: NetworkDescriptor[];
  host?: string;
  icon?: string;
}

export interface EnableResult {
  accounts: { address: string; name?: string }[];
  genesisHash: string;
  genesisId: string;
  providerId: string;
  sessionId?: string;
}

export interface DisableResult {
  genesisHash: string;
  genesisId: string;
  providerId: string;
  sessionIds?: string[];
}

export interface SignTransactionsResult {
  providerId: string;
  /** Standard base64 signed transactions toward dApps; null where the dApp asked for no signature. */
  stxns: (string | null)[];
}

/**
 * ARC-0060 `StdSigData` and `metadata` as a page sends them to Tandem, bytes in standard base64:
 * `data` (with `metadata.encoding` 'base64'), `signer` (the 32-byte public key) and
 * `authenticatorData`. Absent domain or authenticatorData are left to the background, which answers
 * ARC-0060's own codes for them.
 */
export interface SignDataParams {
  providerId: string;
  data: string;
  signer: string;
  domain?: string;
  authenticatorData?: string;
  requestId?: string;
  hdPath?: string;
  metadata: { scope: number; encoding: string };
}

/** ARC-0060 `StdSignDataResponse` toward the page: the request's fields and the signature, bytes in standard base64. */
export interface SignDataResult {
  providerId: string;
  data: string;
  signer: string;
  domain: string;
  authenticatorData: string;
  requestId?: string;
  signature: string;
}

export interface Arc27ParamsByMethod {
  discover: { providerId?: string };
  /** `tandem.silent`: Tandem's extension (see page-request.ts): never prompt, 4100 without a session. */
  enable: { providerId: string; genesisHash?: string; tandem?: { silent: boolean } };
  disable: { providerId: string; genesisHash?: string; sessionIds?: string[] };
  sign_transactions: { providerId: string; txns: WalletTransaction[] };
  sign_message: { providerId: string; message: string; signer?: string };
  post_transactions: { providerId: string; stxns: string[] };
  sign_and_post_transactions: { providerId: string; txns: WalletTransaction[] };
  sign_data: SignDataParams;
}

export interface Arc27ResultByMethod {
  discover: DiscoverResult;
  enable: EnableResult;
  disable: DisableResult;
  sign_transactions: SignTransactionsResult;
  sign_message: { providerId: string; signature: string; signer: string };
  post_transactions: { providerId: string; txnIDs: string[] };
  sign_and_post_transactions: { providerId: string; txnIDs: string[] };
  sign_data: SignDataResult;
}

type RequestReference<M extends PageMethod> = M extends typeof SIGN_DATA_METHOD ? 'arc0060:sign_data:request' : `arc0027:${M}:request`;

/** A request as a page sends it, after validation (ARC-0027's methods and Tandem's signData event). */
export type Arc27Request = {
  [M in PageMethod]: { id: string; method: M; reference: RequestReference<M>; params: Arc27ParamsByMethod[M] };
}[PageMethod];

/** The outcome of any request: exactly one of result or error. */
export type Arc27Outcome<M extends PageMethod = PageMethod> =
  | { ok: true; result: Arc27ResultByMethod[M] }
  | { ok: false; error: Arc27Error };

export function arc27Error(code: Arc27Error['code'], message: string, data?: unknown): Arc27Error {
  return data === undefined ? { code, message } : { code, message, data };
}
