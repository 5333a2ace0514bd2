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
export const IMPLEMENTED_METHODS = ['discover', 'enable', 'disable', 'sign_transactions'] as const;
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

/** The error object every failed request ends in. `message` is a plain enumerable field on purpose. */
export interface Arc27Error {
  code: Arc27ErrorCode;
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
  methods: Arc27Method[];
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

export interface Arc27ParamsByMethod {
  discover: { providerId?: string };
  /** `tandem.silent`: Tandem's extension (see page-request.ts): never prompt, 4100 without a session. */
  enable: { providerId: string; genesisHash?: string; tandem?: { silent: boolean } };
  disable: { providerId: string; genesisHash?: string; sessionIds?: string[] };
  sign_transactions: { providerId: string; txns: WalletTransaction[] };
  sign_message: { providerId: string; message: string; signer?: string };
  post_transactions: { providerId: string; stxns: string[] };
  sign_and_post_transactions: { providerId: string; txns: WalletTransaction[] };
}

export interface Arc27ResultByMethod {
  discover: DiscoverResult;
  enable: EnableResult;
  disable: DisableResult;
  sign_transactions: SignTransactionsResult;
  sign_message: { providerId: string; signature: string; signer: string };
  post_transactions: { providerId: string; txnIDs: string[] };
  sign_and_post_transactions: { providerId: string; txnIDs: string[] };
}

/** A request as a page sends it, after validation. */
export type Arc27Request = {
  [M in Arc27Method]: { id: string; method: M; reference: `arc0027:${M}:request`; params: Arc27ParamsByMethod[M] };
}[Arc27Method];

/** The outcome of any request: exactly one of result or error. */
export type Arc27Outcome<M extends Arc27Method = Arc27Method> =
  | { ok: true; result: Arc27ResultByMethod[M] }
  | { ok: false; error: Arc27Error };

export function arc27Error(code: Arc27ErrorCode, message: string, data?: unknown): Arc27Error {
  return data === undefined ? { code, message } : { code, message, data };
}
