/**
 * What the request modules need from the outside world, injected so each part runs in unit tests
 * with fakes (tests/unit/background/) and in the worker with the real ones (../index.ts).
 */
import type { Arc27Outcome } from '@/lib/arc27/types';
import type { WalletTransaction } from '@/lib/arc27/types';
import type { Reply } from '@/lib/messaging/result';
import type { PostTarget, QueuedRequest, Settings, SiteSession } from '@/lib/storage/types';
import type { Batch, BatchResult } from '@/lib/algorand/post-outcome';
import type { Result } from '@/lib/result';
import type { Pairing } from '@/lib/liquid/types';
import type { Account } from '@/lib/accounts/accounts';

/** The request queue (storage.session), one serialized writer: see ../queue.ts. */
export interface QueueStore {
  mutate<T>(change: (queue: QueuedRequest[]) => { queue: QueuedRequest[]; result: T }): Promise<T>;
  /** Like mutate, but resolves once the change is decided, while its write goes on. */
  decide<T>(change: (queue: QueuedRequest[]) => { queue: QueuedRequest[]; result: T }): Promise<T>;
  read(): Promise<QueuedRequest[]>;
}

/** Per-site sessions (storage.local): see ../sites.ts. */
export interface SiteSessions {
  sessionsFor(origin: string): Promise<SiteSession[]>;
  save(session: SiteSession): Promise<void>;
  /** Removes the origin's sessions (on one network, or all); returns what was removed. */
  revoke(origin: string, genesisHash?: string): Promise<SiteSession[]>;
  revokeAll(): Promise<void>;
  /** Sets the accounts a site's session on one network shares; false when it has no session there. */
  choose(origin: string, genesisHash: string, accounts: string[]): Promise<boolean>;
  /** Removes every session that holds `account` (it is no longer the paired one). */
  revokeAccount(account: string): Promise<SiteSession[]>;
  /** Takes these accounts out of every session (their phone was unpaired); a session left with none ends. */
  dropAccounts(accounts: readonly string[]): Promise<void>;
}

/** The single approval window: see ../approval-window.ts. */
export interface ApprovalWindow {
  /** Called before a request is queued (records 'opening' so a killed worker's successor opens it). */
  expect(): Promise<void>;
  show(): Promise<void>;
  close(): Promise<void>;
  /** After a worker start: opens a window a killed worker never showed. */
  resume(): Promise<void>;
}

/** The paired phones' links: requests go out in each phone's own envelope (../phone-session.ts). */
export interface PhoneLink {
  /** A sign request to the phone of pairing `pairingId` (its requestId). */
  sendSign(pairingId: string, id: string, txns: WalletTransaction[]): Promise<Reply<Record<string, never>>>;
  /** An ARC-0027-family CBOR frame as it is, to the phone of pairing `pairingId` (data signing: the hello naming the site, sign_data, sign_message). */
  sendFrame(pairingId: string, frame: string): Promise<Reply<Record<string, never>>>;
}

/** The algod node of each network (Settings → Network), for sending signed transactions: see ../post-node.ts. */
export interface PostNetwork {
  /** The node set for the network, or why there is none (said to the dApp). */
  target(genesisHash: string, genesisId: string): Promise<Result<PostTarget, string>>;
  /** Sends the batches in order through that node (its host permission checked first). */
  send(genesisHash: string, signed: readonly Uint8Array[], txIds: readonly string[], batches: readonly Batch[]): Promise<BatchResult[]>;
  /** How long one batch may take to be confirmed. */
  confirmDeadlineMs: number;
}

export interface RequestEdges {
  phone: PhoneLink;
  network: PostNetwork;
  now(): number;
  newId(): string;
  queue: QueueStore;
  sites: SiteSessions;
  settings(): Promise<Settings>;
  blockedOrigins(): Promise<string[]>;
  /** The paired phones, in the order they were paired. */
  pairings(): Promise<Pairing[]>;
  /** Every account Tandem can offer, in the accounts list's order (lib/accounts/accounts.ts). */
  accounts(): Promise<Account[]>;
  approvalWindow: ApprovalWindow;
  showPendingCount(count: number): Promise<void>;
  /** Pushes an answer to the frame that asked; resolves true when the content script took it. */
  pushAnswer(tabId: number, frameId: number, key: string, outcome: Arc27Outcome): Promise<boolean>;
}
