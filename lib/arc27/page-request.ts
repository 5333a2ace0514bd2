/**
 * Validation of ARC-0027 requests as a web page sends them (liquid-protocol.md §6). The page is
 * hostile: this runs in the content script before anything is relayed, so it must stay tiny (no
 * algosdk), must never throw, and must return a clean copy built from scratch, never the page's
 * object. Only the shape is checked here; meaning (does the txn decode, is the signer paired, is the
 * group consistent) is the background's job. The field readers live in page-request-readers.ts;
 * this file holds the limits and what each method's request is made of.
 */
import {
  ARC27_METHODS,
  Arc27ErrorCode,
  IMPLEMENTED_METHODS,
  TANDEM_PROVIDER_ID,
  arc27Error,
  type Arc27Error,
  type Arc27Method,
  type Arc27ParamsByMethod,
  type Arc27Request,
  type MultisigMetadata,
  type WalletTransaction,
} from './types';
import {
  Rejection,
  SizeBudget,
  invalid,
  read,
  readAddress,
  readArray,
  readBase64,
  readGenesisHash,
  readId,
  readOptional,
  readRecord,
  readString,
} from './page-request-readers';

export interface PageRequestLimits {
  /** Most transactions in one sign request. Clamped to 1..MAX_TXNS_HARD_CAP. */
  maxTxns: number;
  /** Longest `txn` / `stxn` base64 string, in characters. */
  maxTxnChars: number;
  /** Largest request, measured as the JSON size of the clean copy (one byte per character). */
  maxBytes: number;
}

export const MAX_TXNS_HARD_CAP = 2048;
export const DEFAULT_MAX_TXNS = 1024;
/**
 * The largest legal unsigned transaction is an application create with 2 × 8 KiB of programs, 2 KiB
 * of arguments, a 1 KiB note and references: about 20 KiB of msgpack, 27 KiB of base64. 64 Ki
 * characters leaves room for a signed `stxn` with a logic signature.
 */
export const DEFAULT_MAX_TXN_CHARS = 64 * 1024;
/**
 * 4 MiB for sign_transactions: 1,024 payments are about 250 KB of base64, and even 16 groups of 16
 * maximum-size application calls (~7 MB) are far beyond anything a dApp sends. The cap exists to
 * bound what the content script copies and relays (Chrome's runtime messages allow 64 MiB) and what
 * the phone link has to split into frames (255 KB each), so a page cannot make the extension churn.
 */
export const DEFAULT_SIGN_MAX_BYTES = 4 * 1024 * 1024;
/** discover / enable / disable carry a few ids: 64 KiB is generous. */
export const DEFAULT_CONTROL_MAX_BYTES = 64 * 1024;

/**
 * post_transactions and sign_and_post_transactions send at most this many (8 full groups): a partial
 * failure's answer lists every id (4300 `successTxnIDs`), and must fit the error's data limit.
 */
export const MAX_POST_TXNS = 128;

export const MAX_SIGNERS = 16;
/** Multisig version and subsignature counts are single bytes on the wire. */
export const MAX_MSIG_ADDRS = 255;
export const MAX_SESSION_IDS = 64;
/** ARC-0001's optional human-readable `message` per transaction. */
export const MAX_TXN_MESSAGE_CHARS = 1024;
/** ARC-0027 sign_message's text: a sign-in statement or an off-chain authorization, not a document. */
export const MAX_SIGN_MESSAGE_CHARS = 16 * 1024;

export type PageRequestParse = { ok: true; request: Arc27Request } | { ok: false; error: Arc27Error };

export function readProviderId(params: object, budget: SizeBudget): string {
  const value = readOptional(params, 'providerId', 'params.providerId');
  // AVMWebProvider delivers requests without a providerId to every provider ("whoever answers"),
  // so an absent id means the page addressed all wallets, Tandem included.
  if (value === undefined) return TANDEM_PROVIDER_ID;
  return readId(value, 'params.providerId', budget, 'providerId');
}

/**
 * Tandem's own member of `enable` params: `{silent: true}` asks for the site's existing session
 * without a prompt (answered 4100 when there is none), so a dApp can restore a connection on load.
 */
function readEnableOptions(value: unknown): { silent: boolean } {
  const options = readRecord(value, 'params.tandem');
  const silent = read(options, 'silent', 'params.tandem.silent');
  if (typeof silent !== 'boolean') throw invalid('params.tandem.silent must be true or false');
  return { silent };
}

function readMsig(value: unknown, path: string, budget: SizeBudget): MultisigMetadata {
  const msig = readRecord(value, path);
  const version = read(msig, 'version', `${path}.version`);
  const threshold = read(msig, 'threshold', `${path}.threshold`);
  const addrs = readArray(read(msig, 'addrs', `${path}.addrs`), `${path}.addrs`, 1, MAX_MSIG_ADDRS, budget);
  if (!Number.isInteger(version) || (version as number) < 1 || (version as number) > 255) {
    throw invalid(`${path}.version must be an integer from 1 to 255`);
  }
  if (!Number.isInteger(threshold) || (threshold as number) < 1 || (threshold as number) > addrs.length) {
    throw invalid(`${path}.threshold must be an integer from 1 to the number of addrs`);
  }
  budget.add(40);
  return {
    version: version as number,
    threshold: threshold as number,
    addrs: addrs.map((addr, i) => readAddress(addr, `${path}.addrs[${i}]`, budget, '')),
  };
}

function readWalletTransaction(value: unknown, path: string, maxTxnChars: number, budget: SizeBudget): WalletTransaction {
  const entry = readRecord(value, path);
  budget.add(2);
  const txn: WalletTransaction = { txn: readBase64(read(entry, 'txn', `${path}.txn`), `${path}.txn`, maxTxnChars, budget, 'txn') };

  // null signers would be ambiguous between "sign with the sender" (absent) and "do not sign" ([]).
  const signers = read(entry, 'signers', `${path}.signers`);
  if (signers !== undefined) {
    const list = readArray(signers, `${path}.signers`, 0, MAX_SIGNERS, budget);
    txn.signers = list.map((signer, i) => readAddress(signer, `${path}.signers[${i}]`, budget, ''));
  }
  const authAddr = readOptional(entry, 'authAddr', `${path}.authAddr`);
  if (authAddr !== undefined) txn.authAddr = readAddress(authAddr, `${path}.authAddr`, budget, 'authAddr');
  const msig = readOptional(entry, 'msig', `${path}.msig`);
  if (msig !== undefined) txn.msig = readMsig(msig, `${path}.msig`, budget);
  const stxn = readOptional(entry, 'stxn', `${path}.stxn`);
  if (stxn !== undefined) txn.stxn = readBase64(stxn, `${path}.stxn`, maxTxnChars, budget, 'stxn');
  const message = readOptional(entry, 'message', `${path}.message`);
  if (message !== undefined) {
    txn.message = readString(message, `${path}.message`, MAX_TXN_MESSAGE_CHARS, budget, 'message');
  }
  return txn;
}

function resolveLimits(method: Arc27Method, limits: Partial<PageRequestLimits> | undefined): PageRequestLimits {
  const positive = (value: unknown, fallback: number): number =>
    typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
  const carriesTxns = method === 'sign_transactions' || method === 'post_transactions' || method === 'sign_and_post_transactions';
  const defaultBytes = carriesTxns ? DEFAULT_SIGN_MAX_BYTES : DEFAULT_CONTROL_MAX_BYTES;
  const posts = method === 'post_transactions' || method === 'sign_and_post_transactions';
  return {
    maxTxns: Math.min(positive(limits?.maxTxns, DEFAULT_MAX_TXNS), posts ? MAX_POST_TXNS : MAX_TXNS_HARD_CAP),
    maxTxnChars: positive(limits?.maxTxnChars, DEFAULT_MAX_TXN_CHARS),
    maxBytes: positive(limits?.maxBytes, defaultBytes),
  };
}

function parseOrReject(method: Arc27Method, raw: unknown, limits: PageRequestLimits): Arc27Request {
  const budget = new SizeBudget(limits.maxBytes);
  const message = readRecord(raw, 'request');
  const reference = read(message, 'reference', 'reference');
  if (reference !== undefined && reference !== `arc0027:${method}:request`) {
    throw invalid(`reference must be "arc0027:${method}:request"`);
  }
  const claimedMethod = read(message, 'method', 'method');
  if (claimedMethod !== undefined && claimedMethod !== method) throw invalid(`method must be "${method}"`);
  const id = readId(read(message, 'id', 'id'), 'id', budget, 'id');
  const rawParams = readOptional(message, 'params', 'params');

  switch (method) {
    case 'discover': {
      const params = rawParams === undefined ? {} : readRecord(rawParams, 'params');
      const providerId = readOptional(params, 'providerId', 'params.providerId');
      return {
        id,
        method,
        reference: 'arc0027:discover:request',
        params: providerId === undefined ? {} : { providerId: readId(providerId, 'params.providerId', budget, 'providerId') },
      };
    }
    case 'enable': {
      const params = rawParams === undefined ? {} : readRecord(rawParams, 'params');
      const providerId = readProviderId(params, budget);
      const genesisHash = readOptional(params, 'genesisHash', 'params.genesisHash');
      const clean: Arc27ParamsByMethod['enable'] = { providerId };
      if (genesisHash !== undefined) clean.genesisHash = readGenesisHash(genesisHash, 'params.genesisHash', budget);
      const tandem = readOptional(params, 'tandem', 'params.tandem');
      if (tandem !== undefined) clean.tandem = readEnableOptions(tandem);
      return { id, method, reference: 'arc0027:enable:request', params: clean };
    }
    case 'disable': {
      const params = rawParams === undefined ? {} : readRecord(rawParams, 'params');
      const clean: { providerId: string; genesisHash?: string; sessionIds?: string[] } = {
        providerId: readProviderId(params, budget),
      };
      const genesisHash = readOptional(params, 'genesisHash', 'params.genesisHash');
      if (genesisHash !== undefined) clean.genesisHash = readGenesisHash(genesisHash, 'params.genesisHash', budget);
      const sessionIds = readOptional(params, 'sessionIds', 'params.sessionIds');
      if (sessionIds !== undefined) {
        const list = readArray(sessionIds, 'params.sessionIds', 0, MAX_SESSION_IDS, budget);
        clean.sessionIds = list.map((sessionId, i) => readId(sessionId, `params.sessionIds[${i}]`, budget, ''));
      }
      return { id, method, reference: 'arc0027:disable:request', params: clean };
    }
    case 'sign_transactions': {
      const params = readRecord(rawParams, 'params');
      const providerId = readProviderId(params, budget);
      const list = readArray(read(params, 'txns', 'params.txns'), 'params.txns', 1, limits.maxTxns, budget);
      const txns = list.map((entry, i) => readWalletTransaction(entry, `params.txns[${i}]`, limits.maxTxnChars, budget));
      return { id, method, reference: 'arc0027:sign_transactions:request', params: { providerId, txns } };
    }
    case 'sign_message': {
      const params = readRecord(rawParams, 'params');
      const providerId = readProviderId(params, budget);
      const message = readString(read(params, 'message', 'params.message'), 'params.message', MAX_SIGN_MESSAGE_CHARS, budget, 'message');
      if (message.length === 0) throw invalid('params.message must not be empty');
      const clean: Arc27ParamsByMethod['sign_message'] = { providerId, message };
      const signer = readOptional(params, 'signer', 'params.signer');
      if (signer !== undefined) clean.signer = readAddress(signer, 'params.signer', budget, 'signer');
      return { id, method, reference: 'arc0027:sign_message:request', params: clean };
    }
    case 'sign_and_post_transactions': {
      const params = readRecord(rawParams, 'params');
      const providerId = readProviderId(params, budget);
      const list = readArray(read(params, 'txns', 'params.txns'), 'params.txns', 1, limits.maxTxns, budget);
      const txns = list.map((entry, i) => readWalletTransaction(entry, `params.txns[${i}]`, limits.maxTxnChars, budget));
      return { id, method, reference: 'arc0027:sign_and_post_transactions:request', params: { providerId, txns } };
    }
    case 'post_transactions': {
      const params = readRecord(rawParams, 'params');
      const providerId = readProviderId(params, budget);
      const list = readArray(read(params, 'stxns', 'params.stxns'), 'params.stxns', 1, limits.maxTxns, budget);
      const stxns = list.map((entry, i) => readBase64(entry, `params.stxns[${i}]`, limits.maxTxnChars, budget, 'stxn'));
      return { id, method, reference: 'arc0027:post_transactions:request', params: { providerId, stxns } };
    }
    default: {
      const unreachable: never = method;
      throw new Rejection(notSupported(String(unreachable)));
    }
  }
}

function notSupported(method: string): Arc27Error {
  return arc27Error(Arc27ErrorCode.MethodNotSupported, `Tandem does not support ${method}`);
}

/**
 * Validates one page request for `method` (the method comes from the event type, never from the
 * payload) and returns a clean copy, or the ARC-0027 error to answer with. Never throws.
 * `raw` is the request message `{id, reference?, params?}` or AVMWebProvider's handler argument
 * `{id, method, params}`.
 */
export function parsePageRequest(method: Arc27Method, raw: unknown, limits?: Partial<PageRequestLimits>): PageRequestParse {
  try {
    if (!(ARC27_METHODS as readonly string[]).includes(method)) {
      return { ok: false, error: notSupported(typeof method === 'string' ? method.slice(0, 64) : 'this method') };
    }
    if (!(IMPLEMENTED_METHODS as readonly string[]).includes(method)) return { ok: false, error: notSupported(method) };
    return { ok: true, request: parseOrReject(method, raw, resolveLimits(method, limits)) };
  } catch (err) {
    if (err instanceof Rejection) return { ok: false, error: err.error };
    // A RangeError from a pathological input, or anything else we did not foresee: still an answer.
    return { ok: false, error: arc27Error(Arc27ErrorCode.InvalidInput, 'request could not be read') };
  }
}
