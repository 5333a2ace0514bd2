/**
 * Fakes for the request modules' edges: an in-memory queue and sessions, an approval window and a
 * badge that only record, a phone that records frames, tabs that take (or drop) pushed answers, and
 * a clock that moves only when told.
 */
import { decodeFrame, encodeFrame } from '../../../lib/liquid/frames';
import { buildPhoneSignRequest, parsePhoneReply } from '../../../lib/arc27/phone-envelope';
import { TANDEM_PROVIDER_ID, type Arc27Outcome } from '../../../lib/arc27/types';
import { messageError } from '../../../lib/messaging/result';
import { fail, ok } from '../../../lib/result';
import type { PageSender } from '../../../lib/messaging/senders';
import { DEFAULT_SETTINGS } from '../../../lib/storage/items';
import type { Pairing } from '../../../lib/liquid/types';
import type { PostTarget, QueuedRequest, Settings, SiteSession, StoredAccounts } from '../../../lib/storage/types';
import { listAccounts } from '../../../lib/accounts/accounts';
import type { Batch, BatchResult } from '../../../lib/algorand/post-outcome';
import { createQueueStore, type StoredValue } from '../../../entrypoints/background/queue';
import { createRequests } from '../../../entrypoints/background/requests';
import type { RequestEdges } from '../../../entrypoints/background/requests/edges';
import { createSiteSessions } from '../../../entrypoints/background/sites';

export class MemoryValue<T> implements StoredValue<T> {
  writes = 0;
  constructor(public value: T) {}
  async getValue() {
    return this.value;
  }
  async setValue(value: T) {
    this.writes++;
    this.value = value;
  }
}

export const ORIGIN = 'https://dapp.example';
export const sender = (over: Partial<PageSender> = {}): PageSender => ({ origin: ORIGIN, tabId: 7, frameId: 0, url: `${ORIGIN}/`, ...over });

export function createBackground(options: { pairing?: Pairing | null; pairings?: Pairing[]; settings?: Partial<Settings>; accounts?: StoredAccounts } = {}) {
  let now = 1_000_000;
  let ids = 0;
  const queueItem = new MemoryValue<QueuedRequest[]>([]);
  const sitesItem = new MemoryValue<Record<string, SiteSession>>({});
  const accountsItem = new MemoryValue<StoredAccounts>(options.accounts ?? { names: {}, rekeyed: [] });
  const frames: Record<string, unknown>[] = [];
  /** The pairing each sign frame went to, in order. */
  const sentTo: string[] = [];
  const pushed: { tabId: number; frameId: number; key: string; outcome: Arc27Outcome }[] = [];
  const state = {
    phoneOnline: true,
    tabsTakeAnswers: true,
    windowShown: 0,
    windowClosed: 0,
    badge: [] as number[],
    blocked: [] as string[],
    /** The node's answer per batch sent (absent: confirmed); null target: no node for the network. */
    postResults: [] as BatchResult[],
    postTarget: { network: 'TestNet', host: 'algod.test', pattern: 'http://algod.test/*' } as PostTarget | null,
  };
  const posted: { genesisHash: string; txIds: string[]; batches: Batch[]; signed: Uint8Array[] }[] = [];
  const edges: RequestEdges = {
    phone: {
      async sendSign(pairingId, id, txns) {
        if (!state.phoneOnline) return fail(messageError('unavailable', 'no channel'));
        const decoded = decodeFrame(encodeFrame(buildPhoneSignRequest(id, TANDEM_PROVIDER_ID, txns)));
        if (decoded.kind === 'envelope') frames.push(decoded.envelope);
        sentTo.push(pairingId);
        return ok({});
      },
      async sendFrame(pairingId, frame) {
        if (!state.phoneOnline) return fail(messageError('unavailable', 'no channel'));
        const decoded = decodeFrame(frame);
        if (decoded.kind === 'envelope') frames.push(decoded.envelope);
        sentTo.push(pairingId);
        return ok({});
      },
    },
    network: {
      confirmDeadlineMs: 30_000,
      target: async () => (state.postTarget ? ok(state.postTarget) : fail('Tandem has no algod node for TestNet: set one in Settings → Network')),
      async send(genesisHash, signed, txIds, batches) {
        posted.push({ genesisHash, txIds: [...txIds], batches: [...batches], signed: [...signed] });
        return batches.map((_, i) => state.postResults[i] ?? { ok: true });
      },
    },
    now: () => now,
    newId: () => `0190d5a0-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
    queue: createQueueStore(queueItem),
    sites: createSiteSessions(sitesItem),
    settings: async () => ({ ...DEFAULT_SETTINGS, ...options.settings }),
    blockedOrigins: async () => state.blocked,
    pairings: async () => options.pairings ?? (options.pairing ? [options.pairing] : []),
    accounts: async () => listAccounts(options.pairings ?? (options.pairing ? [options.pairing] : []), accountsItem.value),
    approvalWindow: {
      expect: async () => undefined,
      show: async () => void state.windowShown++,
      close: async () => void state.windowClosed++,
      resume: async () => undefined,
    },
    showPendingCount: async (count) => void state.badge.push(count),
    async pushAnswer(tabId, frameId, key, outcome) {
      pushed.push({ tabId, frameId, key, outcome });
      return state.tabsTakeAnswers;
    },
  };
  const requests = createRequests(edges);
  return {
    requests,
    /** A phone envelope, classified as the phone session does for an ARC-0027 phone. */
    phoneSays: (envelope: Record<string, unknown>) => requests.onPhoneReply(parsePhoneReply(envelope)),
    edges,
    queueItem,
    sitesItem,
    accountsItem,
    frames,
    sentTo,
    posted,
    pushed,
    state,
    advance: (ms: number) => void (now += ms),
    answerOf: (key: string) => pushed.find((p) => p.key === key)?.outcome,
  };
}
