/**
 * What the two use-wallet example dApps (use-wallet-v5/, use-wallet-v4/) share: transactions built
 * locally with fixed suggested params (no algod is ever asked), and the `window.useWalletDapp`
 * automation API's outcome shape. Nothing here knows Tandem: the pages reach it only through
 * use-wallet and the adapter package.
 */
import algosdk from 'algosdk';

export const TESTNET = { genesisId: 'testnet-v1.0', genesisHash: 'SGO1GKSzyE7IEPItTxCByw9x8FmnrCDexi9/cOUJOiI=' } as const;
/** A fixed address nobody connected holds: the "other sender" of group tests, and the receiver. */
export const OTHER_SENDER = algosdk.encodeAddress(new Uint8Array(32).fill(0xf0));

/** A rejected call's error as use-wallet handed it to the dApp. */
export interface DappError {
  /** The error's class name (`SignTxnsError`, `TandemError`, ...). */
  name: string;
  /** True when the error is an instance of the page's own use-wallet SignTxnsError class. */
  isUseWalletSignTxnsError: boolean;
  code: number | null;
  message: string;
  data?: unknown;
}

export type Outcome<T> = { ok: true; result: T } | { ok: false; error: DappError };

/** Signed output: the unsigned transactions the dApp built and what the wallet returned (base64, or null). */
export interface Signed {
  txns: string[];
  stxns: (string | null)[];
}

function suggestedParams(): algosdk.SuggestedParams {
  return {
    fee: 1000,
    flatFee: true,
    minFee: 1000,
    firstValid: 1000,
    lastValid: 2000,
    genesisID: TESTNET.genesisId,
    genesisHash: algosdk.base64ToBytes(TESTNET.genesisHash),
  };
}

export function payment(sender: string, amount: number, note: string): algosdk.Transaction {
  return algosdk.makePaymentTxnWithSuggestedParamsFromObject({
    sender,
    receiver: OTHER_SENDER,
    amount,
    note: new TextEncoder().encode(note),
    suggestedParams: suggestedParams(),
  });
}

/** `size` payments in one Algorand group; those at `otherIndexes` are sent by OTHER_SENDER. */
export function paymentGroup(sender: string, size: number, otherIndexes: readonly number[]): algosdk.Transaction[] {
  const txns = Array.from({ length: size }, (_, i) => payment(otherIndexes.includes(i) ? OTHER_SENDER : sender, 1000 + i, `use-wallet example ${i + 1}/${size}`));
  return size > 1 ? algosdk.assignGroupID(txns) : txns;
}

export const base64 = (bytes: Uint8Array) => algosdk.bytesToBase64(bytes);
export const unsignedBase64 = (txn: algosdk.Transaction) => base64(algosdk.encodeUnsignedTransaction(txn));

export function signedOutput(txns: algosdk.Transaction[], stxns: (Uint8Array | null)[]): Signed {
  return { txns: txns.map(unsignedBase64), stxns: stxns.map((stxn) => (stxn ? base64(stxn) : null)) };
}

/** Signs `count` payments through an AtomicTransactionComposer whose signer is use-wallet's transactionSigner. */
export async function signWithComposer(sender: string, signer: algosdk.TransactionSigner, count: number): Promise<Signed> {
  const atc = new algosdk.AtomicTransactionComposer();
  const txns = Array.from({ length: count }, (_, i) => payment(sender, 2000 + i, `use-wallet example ATC ${i + 1}/${count}`));
  for (const txn of txns) atc.addTransaction({ txn, signer });
  const stxns = await atc.gatherSignatures();
  // The composer assigns a group id to the transactions it holds; report those, as signed.
  const grouped = atc.buildGroup().map((entry) => entry.txn);
  return signedOutput(grouped, stxns);
}

/** Any rejection as a DappError, keeping use-wallet's `code` and `data`. */
export function describeError(err: unknown, signTxnsErrorClass: abstract new (...args: never[]) => Error): DappError {
  const error = err instanceof Error ? err : new Error(String(err));
  const { code, data } = error as { code?: unknown; data?: unknown };
  const described: DappError = {
    name: error.name,
    isUseWalletSignTxnsError: error instanceof signTxnsErrorClass,
    code: typeof code === 'number' ? code : null,
    message: error.message,
  };
  if (data !== undefined) described.data = JSON.parse(JSON.stringify(data)) as unknown;
  return described;
}

export async function outcomeOf<T>(run: () => Promise<T>, signTxnsErrorClass: abstract new (...args: never[]) => Error): Promise<Outcome<T>> {
  try {
    return { ok: true, result: await run() };
  } catch (err) {
    return { ok: false, error: describeError(err, signTxnsErrorClass) };
  }
}

/** The automation API both example pages install as `window.useWalletDapp`. */
export interface UseWalletDappApi {
  /** The wallets use-wallet lists for the active network. */
  wallets(): { id: string; name: string; icon: string; isConnected: boolean }[];
  /** use-wallet's view: the active wallet and address, and whether resumeSessions has finished. */
  state(): { ready: boolean; activeWallet: string | null; activeAddress: string | null; accounts: { name: string; address: string }[] };
  connect(walletId?: string): Promise<Outcome<{ name: string; address: string }[]>>;
  disconnect(): Promise<Outcome<null>>;
  signPayment(): Promise<Outcome<Signed>>;
  /** A group of `size` payments; those at `otherIndexes` come from OTHER_SENDER and are left out of indexesToSign. */
  signGroup(size: number, otherIndexes: number[]): Promise<Outcome<Signed>>;
  signWithComposer(count: number): Promise<Outcome<Signed>>;
  /**
   * Sign-in with ARC-0060 signData (v5 only): a SIWA statement for the active account on this page,
   * verified the way use-wallet's guide verifies it, before the result is reported.
   */
  signIn?(): Promise<Outcome<SignIn>>;
}

/** A signData sign-in as the dApp saw it: the wallet's canSignData, the response (bytes in base64) and the dApp's own verdict. */
export interface SignIn {
  canSignData: boolean;
  data: string;
  signer: string;
  domain: string;
  authenticatorData: string;
  signature: string;
  verified: boolean;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
}

/**
 * What use-wallet's signing-data guide does after signData: Ed25519-verify the signature over
 * SHA-256(the JSON text) ‖ SHA-256(authenticatorData) with the signer's key (WebCrypto here).
 */
export async function verifySignIn(json: string, response: { signer: Uint8Array; authenticatorData: Uint8Array; signature: Uint8Array }): Promise<boolean> {
  const toSign = new Uint8Array([...(await sha256(new TextEncoder().encode(json))), ...(await sha256(response.authenticatorData))]);
  const key = await crypto.subtle.importKey('raw', new Uint8Array(response.signer), { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, new Uint8Array(response.signature), toSign);
}

/** A SIWA (CAIP-122) statement for `address` on this page, as use-wallet's guide builds one. */
export function siwaJson(address: string): string {
  return JSON.stringify({
    domain: location.host,
    chain_id: 'algorand:SGO1GKSzyE7IEPItTxCByw9x8FmnrCDe',
    account_address: address,
    type: 'ed25519',
    uri: location.origin,
    version: '1',
    'issued-at': new Date().toISOString(),
  });
}
