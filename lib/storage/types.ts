/** The shapes of everything Tandem persists. The background is their only writer. */
import type { Arc27Error, Arc27Outcome, WalletTransaction } from '../arc27/types';

export interface IceServerSetting {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface Settings {
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
}

export interface Pairing {
  server: string;
  requestId: string;
  wallet: string;
  credId: string;
  pairedAt: number;
}

/** A dApp's session, keyed by its origin and network. */
export interface SiteSession {
  origin: string;
  genesisHash: string;
  genesisId: string;
  accounts: string[];
  sessionId: string;
  name?: string;
  icon?: string;
  connectedAt: number;
}

export type ConnectionPhase =
  | 'unpaired'
  | 'starting'
  | 'waiting-for-scan'
  | 'linked'
  | 'connecting'
  | 'connected'
  | 'phone-offline'
  | 'failed';

export type FailureReason = 'server-unreachable' | 'link-timeout' | 'no-offer' | 'channel-failed' | 'session-lost' | 'no-permission';

export type SocketPhase = 'offline' | 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionState {
  phase: ConnectionPhase;
  /** The requestId of the current pairing attempt (or of the pairing, for re-scans). */
  requestId?: string;
  /** The liquid:// link shown as QR and text. */
  link?: string;
  linkExpiresAt?: number;
  wallet?: string;
  failure?: { reason: FailureReason; message: string };
  socket: SocketPhase;
  /** When the server acked this attempt's `link` (the phone proved its account); epoch ms. */
  linkedAt?: number;
  /** When the background learnt that the data channel opened; epoch ms. */
  connectedAt?: number;
  updatedAt: number;
}

export interface SiteMeta {
  name?: string;
  icon?: string;
}

export interface TxnSummary {
  /** Filled by lib/algorand describe; kept opaque here so storage does not depend on algosdk. */
  [key: string]: unknown;
}

interface QueuedBase {
  /** Chosen by the content script, unique per request; the content script re-attaches with it. */
  key: string;
  tabId: number;
  frameId: number;
  origin: string;
  pageRequestId: string;
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
  descriptions: TxnSummary[];
  warnings: TxnSummary[];
  stage: 'awaiting-approval' | 'awaiting-phone';
  /** Phone request ids, one per frame, once approved. */
  phoneRequestIds?: string[];
  /** Raw replies by phone request id; verified all together once every part is in. */
  phoneReplies?: Record<string, unknown[]>;
  approvedAt?: number;
  deadlineAt?: number;
  lastError?: Arc27Error;
}

export type QueuedRequest = QueuedConnect | QueuedSign;
