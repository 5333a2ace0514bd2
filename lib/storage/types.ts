/** The shapes of everything Tandem persists. The background is their only writer. */
import type { Leg } from '../accounts/routing';
import type { Message } from '../i18n';
import type { TxnDescription } from '../algorand/describe';
import type { Warning } from '../algorand/warnings';
import type { PostAuth } from '../algorand/post-checks';
import type { Arc27Error, Arc27Outcome, SignDataParams, WalletTransaction } from '../arc27/types';
import type { AlgodEndpoints } from '../algorand/algod-endpoints';
import type { SignalingSettings } from '../liquid/types';
import type { SiteMeta } from '../messaging/content-protocol';
import type { IceServerSetting } from '../messaging/peer-protocol';

export interface Settings extends SignalingSettings {
  /** The Liquid Auth server, e.g. https://liquid.example.com or http://localhost:3000. */
  serverUrl: string;
  iceServers: IceServerSetting[];
  /** How long the phone has to answer a sign request before the dApp gets 4002. */
  requestDeadlineMs: number;
  /** How long a pairing QR stays valid before a fresh requestId is made. */
  linkTimeoutMs: number;
  /** After the link ack, how long to wait for the phone's offer before asking for a re-scan. */
  offerTimeoutMs: number;
  /** After answering the offer, how long the data channel has to open. */
  channelOpenTimeoutMs: number;
  /** Fees above this many microAlgos paid by the user's account are flagged. */
  highFeeMicroAlgos: number;
  /**
   * LocalNet has a fixed genesis id (`dockernet-v1`) but a new genesis hash on every reset, so the
   * user gives it (algod `GET /v2/transactions/params`); empty means LocalNet is not offered.
   */
  localNetGenesisHash: string;
  /** The algod node Tandem reads each network from (lib/algorand/algod-endpoints.ts). */
  algod: AlgodEndpoints;
  /** False: Tandem sends nothing to any algod node (no facts, no simulation). */
  networkReads: boolean;
}

/** For a rekeyed account: whether algod confirmed, when it was added, that its auth-addr is a phone account. */
export type RekeyCheck = 'checked' | 'not-checked';

/** An account the user added whose auth key a paired phone holds (lib/accounts/accounts.ts). */
export interface RekeyedAccount {
  address: string;
  /** The phone account whose key signs for it. */
  authAddr: string;
  /** The pairing (its `requestId`) whose phone holds that key. */
  pairingId: string;
  check: RekeyCheck;
  /** The network algod answered for, when checked (a rekey is per network). */
  network?: string;
  addedAt: number;
}

/** `local:accounts` v1: what the user said about accounts; the list itself is derived (lib/accounts). */
export interface StoredAccounts {
  /** Names the user gave, by address. */
  names: Record<string, string>;
  rekeyed: RekeyedAccount[];
}

/** A dApp's session, keyed by its origin and network. */
export interface SiteSession {
  origin: string;
  genesisHash: string;
  genesisId: string;
  /** The accounts the user chose to share with the site, in the accounts list's order. */
  accounts: string[];
  sessionId: string;
  name?: string;
  icon?: string;
  connectedAt: number;
}

interface QueuedBase {
  /** Chosen by the content script, unique per request; the content script re-attaches with it. */
  key: string;
  tabId: number;
  frameId: number;
  origin: string;
  /** The top-level origin of a subframe that asked ('' when unknown); absent for a top-level page. */
  embeddedIn?: string;
  createdAt: number;
  /** Set once answered; the entry stays until the content script acknowledges delivery. */
  outcome?: Arc27Outcome;
  /** JSON bytes the entry may take in storage.session (with its reply), for the queue budget. */
  reservedBytes?: number;
}

export interface QueuedConnect extends QueuedBase {
  method: 'enable';
  genesisHash: string;
  genesisId: string;
  site: SiteMeta;
}

export interface QueuedSign extends QueuedBase {
  method: 'sign_transactions';
  genesisHash: string;
  genesisId: string;
  txns: WalletTransaction[];
  /** SHA-256 of `txns` as stored: the phone is sent exactly these (see requests/prepared.ts). */
  txnsDigest?: string;
  /** Indexes the phone is not sent (the user's own transactions the dApp asked not to sign). */
  withheld?: number[];
  descriptions: TxnDescription[];
  warnings: Warning[];
  /** 'posting': signed and verified, being sent to the network (sign_and_post_transactions only). */
  stage: 'awaiting-approval' | 'awaiting-phone' | 'posting';
  /** sign_and_post_transactions: where the signed transactions go once the phone signed them. */
  post?: PostTarget;
  /** sign_and_post_transactions, once signed and verified: what is sent (standard base64), so a restarted worker sends it. */
  signed?: string[];
  /**
   * Once approved: which phone signs which indexes (lib/accounts/routing.ts), asked in turn; `leg` is
   * the one being asked, and `legReplies` the earlier legs' replies laid over the whole request.
   */
  legs?: Leg[];
  leg?: number;
  legReplies?: unknown[][];
  /** Phone request ids of the current leg, one per frame: the id of each part's latest send. */
  phoneRequestIds?: string[];
  /** Ids of earlier sends of a part (each send gets a fresh id), with that part's index. */
  earlierPhoneIds?: Record<string, number>;
  /** The current leg's raw replies by phone request id; verified all together once every leg is in. */
  phoneReplies?: Record<string, unknown[]>;
  approvedAt?: number;
  deadlineAt?: number;
  lastError?: Arc27Error;
}

/** A data-signing request (requests/data-requests.ts) on its way to the user and then the phone. */
interface QueuedDataBase extends QueuedBase {
  /** The paired account that signs. */
  signer: string;
  /** The phone that holds the signer's key (its pairing's requestId), chosen at approval. */
  pairingId?: string;
  stage: 'awaiting-approval' | 'awaiting-phone';
  /** Ids of the frames sent to the phone for it (a fresh one per send); a reply to any of them counts. */
  phoneRequestIds?: string[];
  approvedAt?: number;
  deadlineAt?: number;
  lastError?: Arc27Error;
}

/** ARC-0060 signData, checked against the page's origin before it was queued (lib/algorand/sign-data-checks.ts). */
export interface QueuedSignData extends QueuedDataBase {
  method: 'sign_data';
  /** The request as the page sent it (bytes in standard base64); the phone is sent exactly these. */
  request: SignDataParams;
  /** `data` as UTF-8 JSON text, for the prompt. */
  text: string;
}

/** ARC-0027 sign_message: the phone signs "MX" ‖ message. */
export interface QueuedSignMessage extends QueuedDataBase {
  method: 'sign_message';
  message: string;
}

export type QueuedDataSign = QueuedSignData | QueuedSignMessage;

/** The algod node a request's transactions are sent to (Settings → Network), as the prompt names it. */
export interface PostTarget {
  /** "TestNet". */
  network: string;
  /** The node's host, e.g. "testnet-api.4160.nodely.dev". */
  host: string;
  /** Its host permission's match pattern, asked for from the Approve click. */
  pattern: string;
}

/** post_transactions: signed transactions the site asks Tandem to send (requests/post-requests.ts). */
export interface QueuedPost extends QueuedBase {
  method: 'post_transactions';
  genesisHash: string;
  genesisId: string;
  /** Standard base64 signed transactions, checked when queued (lib/algorand/post-checks.ts). */
  stxns: string[];
  /** The transactions inside, decoded for the prompt. */
  descriptions: TxnDescription[];
  /** Per transaction: a signature Tandem verified, or a LogicSig / multisig it did not check. */
  auth: PostAuth[];
  target: PostTarget;
  stage: 'awaiting-approval' | 'posting';
  approvedAt?: number;
  deadlineAt?: number;
  lastError?: Arc27Error;
}

export type QueuedRequest = QueuedConnect | QueuedSign | QueuedDataSign | QueuedPost;

/**
 * What the paired phone proved about its account (entrypoints/background/possession.ts), for the
 * pairing with `requestId` and `wallet`. `checking` keeps the challenge so a restarted worker can
 * still verify the answer.
 */
export type PairingVerification =
  | { state: 'checking'; requestId: string; wallet: string; challengeId: string; txn: string; startedAt: number }
  | { state: 'verified'; requestId: string; wallet: string; at: number }
  /**
   * `reason` is a message key and its parameters, worded when shown; a plain string was stored by
   * versions before the texts were translated and is shown as it is (a union, so the stored item
   * keeps its version: every value stored before is still one of this type).
   */
  | { state: 'not-verified'; requestId: string; wallet: string; at: number; reason: Message | string };

/**
 * The wallet app chosen in the pairing screen, remembered for the next pairing: a known wallet's id
 * (lib/liquid/known-wallets.ts), one the user added in Settings, or 'other' ("another server…").
 * `server` is the origin the new pairing links through.
 */
export interface WalletChoice {
  walletId: string;
  server: string;
}

/** A wallet app the user added to the list in Settings (its envelope is unknown). */
export interface CustomWallet {
  id: string;
  name: string;
  server: string;
}

/** One key's Liquid Auth server session (lib/storage/items.ts `serverSessionsItem`). */
export interface SavedServerSession {
  /** The server's origin: a key's cookie is only ever put back for the server that issued it. */
  server: string;
  /** The `connect.sid` cookie's value. */
  cookie: string;
}
