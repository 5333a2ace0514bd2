/**
 * dApp requests end to end: validate, queue (storage.session), ask the user in the approval
 * window, send to the phone, verify what comes back, and deliver exactly one answer.
 */
import browser from 'webextension-polyfill';
import { v7 as uuidv7 } from 'uuid';
import { decodeWalletTransactions, type DecodedTxn } from '@/lib/algorand/decode';
import { describeTransactions } from '@/lib/algorand/describe';
import { NETWORKS, localNet, networkByGenesisHash, type Network } from '@/lib/algorand/networks';
import { toPhoneTxns } from '@/lib/algorand/phone-request';
import { checkNetwork, checkSigners } from '@/lib/algorand/session-checks';
import { checkPhoneReply } from '@/lib/algorand/signatures';
import { chunkRanges, reassemble, splitAtGroupBoundaries } from '@/lib/algorand/split';
import { warningsFor } from '@/lib/algorand/warnings';
import { toBase64 } from '@/lib/algorand/base64';
import { buildPhoneSignRequest, parsePhoneReply } from '@/lib/arc27/phone-envelope';
import {
  Arc27ErrorCode,
  IMPLEMENTED_METHODS,
  TANDEM_PROVIDER_ID,
  arc27Error,
  type Arc27Error,
  type Arc27Outcome,
  type Arc27Request,
  type WalletTransaction,
} from '@/lib/arc27/types';
import { MAX_FRAME_CBOR_BYTES, MAX_FRAME_TEXT_CHARS, encodeFrame, frameCborSize, textLengthOf } from '@/lib/liquid/frames';
import { request } from '@/lib/messaging/channel';
import { contentPushChannel, type RequestStatus } from '@/lib/messaging/content-protocol';
import type { PageSender } from '@/lib/messaging/senders';
import type { PeerHost } from '@/lib/peer/peer-host';
import { blockedOriginsItem, loadSettings, pairingItem } from '@/lib/storage/items';
import type { QueuedConnect, QueuedRequest, QueuedSign, SiteMeta } from '@/lib/storage/types';
import { closeApprovalWindow, expectApprovalWindow, resumeApprovalWindow, showApprovalWindow } from './approval-window';
import { showPendingCount } from './badge';
import { decideQueue, findEntry, isOpen, mutateQueue, openFrom, readQueue } from './queue';
import { revokeSessions, saveSession, sessionsFor } from './sites';

/** Open requests one origin may have at once; more are refused at once (flood protection). */
export const MAX_OPEN_PER_ORIGIN = 16;
/**
 * storage.session holds 10 MiB in Chrome (`QUOTA_BYTES`, Chromium 156) and a write past it fails: the
 * request would get no answer, and neither would any other site's until the queue drained. One
 * legitimate request of 1,024 payments with 1 KB notes is 5.3 MB of JSON once described, and Chrome
 * counted 6.4 MB for it (it adds a per-value overhead: up to 1.5 bytes per JSON byte for 1,024
 * payments with 300-byte notes). So requests are admitted against a budget of JSON bytes, half the
 * quota, that includes room for the phone's reply, and no origin may take more than its share of it.
 */
export const QUEUE_BUDGET_BYTES = 5_000_000;
export const ORIGIN_BUDGET_BYTES = 3_500_000;
const PUSH_DEADLINE_MS = 3_000;

/** What a blocked site's requests are answered (4001). */
export const BLOCKED_MESSAGE = 'You blocked this site in Tandem';

export interface Requests {
  handle(sender: PageSender, key: string, req: Arc27Request, site: SiteMeta): Promise<RequestStatus>;
  poll(sender: PageSender, key: string): Promise<RequestStatus>;
  acknowledge(sender: PageSender, key: string): Promise<void>;
  approve(key: string): Promise<void>;
  reject(key: string, message?: string): Promise<void>;
  /** Answers every open request of the origin with 4001 (the user blocked it). */
  rejectOrigin(origin: string, message: string): Promise<void>;
  onPhoneFrame(value: Record<string, unknown>): Promise<void>;
  onChannelOpen(): Promise<void>;
  /** Notes on the requests waiting for the phone that it went offline (shown, and told the dApp on timeout). */
  onPhoneOffline(): Promise<void>;
  onApprovalWindowClosed(): Promise<void>;
  onTabRemoved(tabId: number): Promise<void>;
  /** Answers requests whose phone deadline passed (4002). */
  sweep(): Promise<void>;
  /** After a worker start: shows open requests whose approval window a killed worker never opened. */
  resume(): Promise<void>;
}

/**
 * The larger of a chunk's request frame and its worst-case reply, as data-channel text: a
 * spec phone answers with full signed transactions, each about 100 bytes longer than the
 * unsigned one (signature, keys, possibly `sgnr`).
 */
const REPLY_OVERHEAD_PER_TXN = 128;
const SIZING_ID = '0190d5a0-0000-7000-8000-000000000000';
function frameTextSize(chunk: WalletTransaction[]): number {
  const request = frameCborSize(buildPhoneSignRequest(SIZING_ID, TANDEM_PROVIDER_ID, chunk));
  const cbor = Math.min(request + chunk.length * REPLY_OVERHEAD_PER_TXN, Number.MAX_SAFE_INTEGER);
  return cbor > MAX_FRAME_CBOR_BYTES ? Number.MAX_SAFE_INTEGER : textLengthOf(cbor);
}

const done = (outcome: Arc27Outcome): RequestStatus => ({ state: 'done', outcome });
const failed = (error: Arc27Error): RequestStatus => done({ ok: false, error });
const tooMany = (origin: string) => failed(arc27Error(Arc27ErrorCode.Unknown, `Too many pending requests from ${origin}; try again later`));

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** What an entry may grow to in storage: itself, plus the phone's reply (the signed txns) for a sign request. */
function reservedBytes(entry: QueuedRequest): number {
  const own = jsonBytes(entry);
  if (entry.method !== 'sign_transactions') return own;
  return entry.txns.reduce((sum, t) => sum + t.txn.length + REPLY_OVERHEAD_PER_TXN, own);
}

/** An answered entry keeps only what delivering its answer needs, and counts what it still takes. */
function answered(entry: QueuedRequest, outcome: Arc27Outcome): QueuedRequest {
  let next: QueuedRequest;
  if (entry.method === 'enable') next = { ...entry, outcome };
  else {
    const { phoneReplies: _replies, ...rest } = entry;
    next = { ...rest, txns: [], descriptions: [], warnings: [], outcome };
  }
  return { ...next, reservedBytes: jsonBytes(next) };
}

export function createRequests(peer: PeerHost): Requests {
  /**
   * A sign request's decoded transactions and phone frames' chunks, by key. Both follow from the
   * entry's txns alone, so they are made once per worker life rather than at approval, at each
   * send and at the reply: each decode of 1,024 transactions took ~0.5 s on the 2-core machine.
   * Dropped when the request is answered; rebuilt from the queue after a worker restart.
   */
  const prepared = new Map<string, { decoded: DecodedTxn[]; chunks?: ReturnType<typeof splitAtGroupBoundaries> }>();

  async function refreshUi(queue?: QueuedRequest[]) {
    const entries = queue ?? (await readQueue());
    const open = entries.filter(isOpen);
    await showPendingCount(open.filter((e) => e.method === 'enable' || e.stage === 'awaiting-approval').length).catch(() => undefined);
    if (open.length === 0) await closeApprovalWindow();
  }

  async function deliver(entry: QueuedRequest) {
    if (!entry.outcome) return;
    const reply = await request(
      contentPushChannel,
      (m) => browser.tabs.sendMessage(entry.tabId, m, { frameId: entry.frameId }),
      'arc27/answer',
      { key: entry.key, outcome: entry.outcome },
      PUSH_DEADLINE_MS,
    );
    // If the push did not land, the content script's next poll collects the answer.
    if (reply.ok && reply.value.delivered) await mutateQueue((q) => ({ queue: q.filter((e) => e.key !== entry.key), result: undefined }));
  }

  async function finish(keys: string[], outcomeFor: (entry: QueuedRequest) => Arc27Outcome) {
    const finished = await mutateQueue((q) => {
      const out: QueuedRequest[] = [];
      const queue = q.map((entry) => {
        if (!keys.includes(entry.key) || !isOpen(entry)) return entry;
        const next = answered(entry, outcomeFor(entry));
        out.push(next);
        return next;
      });
      return { queue, result: out };
    });
    for (const key of keys) prepared.delete(key);
    // The dApps' answers first: the badge and closing the approval window (tens of ms) can wait.
    const delivered = Promise.all(finished.map(deliver));
    await refreshUi();
    await delivered;
  }

  async function enqueue(request: QueuedRequest): Promise<RequestStatus> {
    const entry = { ...request, reservedBytes: reservedBytes(request) };
    await expectApprovalWindow();
    const admitted = await mutateQueue((q) => {
      const existing = findEntry(q, entry.key);
      if (existing) return { queue: q, result: 'exists' as const };
      if (openFrom(q, entry.origin).length >= MAX_OPEN_PER_ORIGIN) return { queue: q, result: 'full' as const };
      // Answers not yet collected still take room, so every entry counts.
      const reserved = (entries: QueuedRequest[]) => entries.reduce((sum, e) => sum + (e.reservedBytes ?? 0), entry.reservedBytes);
      if (reserved(q.filter((e) => e.origin === entry.origin)) > ORIGIN_BUDGET_BYTES || reserved(q) > QUEUE_BUDGET_BYTES) return { queue: q, result: 'too-large' as const };
      return { queue: [...q, entry], result: 'added' as const };
    });
    if (admitted === 'full') return tooMany(entry.origin);
    if (admitted === 'too-large') return failed(arc27Error(Arc27ErrorCode.Unknown, 'Tandem cannot hold this request next to the ones already waiting; try a smaller request or try again later'));
    // The site was blocked while this request was being checked: refuse it like its others.
    if ((await blockedOriginsItem.getValue()).includes(entry.origin)) {
      await mutateQueue((q) => ({ queue: q.filter((e) => e.key !== entry.key), result: undefined }));
      await refreshUi();
      return failed(arc27Error(Arc27ErrorCode.MethodCanceled, BLOCKED_MESSAGE));
    }
    await refreshUi();
    await showApprovalWindow().catch((err) => console.error('[tandem] could not open the approval window', err));
    return { state: 'pending' };
  }

  /** The presets, plus LocalNet when the user gave its genesis hash in settings. */
  async function extraNetworks(): Promise<Network[]> {
    const { localNetGenesisHash } = await loadSettings();
    return localNetGenesisHash ? [localNet(localNetGenesisHash)] : [];
  }

  async function discover(): Promise<RequestStatus> {
    const networks = [...NETWORKS, ...(await extraNetworks())];
    return done({
      ok: true,
      result: {
        name: 'Tandem',
        providerId: TANDEM_PROVIDER_ID,
        networks: networks.map((n) => ({ genesisHash: n.genesisHash, genesisId: n.genesisId, methods: [...IMPLEMENTED_METHODS] })),
      },
    });
  }

  async function enable(sender: PageSender, key: string, genesisHash: string | undefined, silent: boolean, site: SiteMeta): Promise<RequestStatus> {
    const network = genesisHash === undefined ? NETWORKS.find((n) => n.name === 'MainNet') : networkByGenesisHash(genesisHash, await extraNetworks());
    if (!network) return failed(arc27Error(Arc27ErrorCode.NetworkNotSupported, `Tandem does not support the network ${genesisHash}`));
    const existing = (await sessionsFor(sender.origin)).find((s) => s.genesisHash === network.genesisHash);
    if (existing) {
      return done({
        ok: true,
        result: { accounts: existing.accounts.map((address) => ({ address })), genesisHash: existing.genesisHash, genesisId: existing.genesisId, providerId: TANDEM_PROVIDER_ID, sessionId: existing.sessionId },
      });
    }
    // A silent enable (a dApp restoring its connection on load) never prompts.
    if (silent) return failed(arc27Error(Arc27ErrorCode.UnauthorizedSigner, `${sender.origin} has no session in Tandem for ${network.name}`));
    const entry: QueuedConnect = { key, method: 'enable', tabId: sender.tabId, frameId: sender.frameId, origin: sender.origin, pageRequestId: '', createdAt: Date.now(), genesisHash: network.genesisHash, genesisId: network.genesisId, site };
    return enqueue(entry);
  }

  async function disable(sender: PageSender, genesisHash: string | undefined): Promise<RequestStatus> {
    const network = genesisHash === undefined ? undefined : networkByGenesisHash(genesisHash, await extraNetworks());
    if (genesisHash !== undefined && !network) return failed(arc27Error(Arc27ErrorCode.NetworkNotSupported, `Tandem does not support the network ${genesisHash}`));
    const removed = await revokeSessions(sender.origin, genesisHash);
    const reference = network ?? NETWORKS.find((n) => n.genesisHash === removed[0]?.genesisHash) ?? NETWORKS[0]!;
    return done({ ok: true, result: { genesisHash: reference.genesisHash, genesisId: reference.genesisId, providerId: TANDEM_PROVIDER_ID, sessionIds: removed.map((s) => s.sessionId) } });
  }

  async function signTransactions(sender: PageSender, key: string, txns: WalletTransaction[]): Promise<RequestStatus> {
    const decoded = decodeWalletTransactions(txns, { allowMultipleGroups: true });
    if (!decoded.ok) return failed(decoded.error);
    const sessions = await sessionsFor(sender.origin);
    if (sessions.length === 0) return failed(arc27Error(Arc27ErrorCode.UnauthorizedSigner, `${sender.origin} is not connected to Tandem; call enable first`));
    const first = decoded.value[0]!.txn.genesisHash;
    const hash = first ? toBase64(first) : '';
    const session = sessions.find((s) => s.genesisHash === hash) ?? sessions[0]!;
    const extra = await extraNetworks();
    const network = checkNetwork(decoded.value, session.genesisHash, extra);
    if (!network.ok) return failed(network.error);
    const signers = checkSigners(decoded.value, session.accounts);
    if (!signers.ok) return failed(signers.error);
    const settings = await loadSettings();
    const networkName = networkByGenesisHash(session.genesisHash, extra)?.name ?? session.genesisId;
    const descriptions = describeTransactions(decoded.value, { ownAccounts: session.accounts, network: { genesisHash: session.genesisHash, name: networkName } });
    const warnings = warningsFor(decoded.value, { ownAccounts: session.accounts, sessionGenesisHash: session.genesisHash, highFeeMicroAlgos: settings.highFeeMicroAlgos });
    const entry: QueuedSign = {
      key,
      method: 'sign_transactions',
      tabId: sender.tabId,
      frameId: sender.frameId,
      origin: sender.origin,
      pageRequestId: '',
      createdAt: Date.now(),
      genesisHash: session.genesisHash,
      genesisId: session.genesisId,
      txns,
      descriptions: descriptions as unknown as QueuedSign['descriptions'],
      warnings: warnings as unknown as QueuedSign['warnings'],
      stage: 'awaiting-approval',
    };
    const status = await enqueue(entry);
    if (status.state === 'pending') prepared.set(key, { decoded: decoded.value });
    return status;
  }

  function decodeEntry(entry: QueuedSign): DecodedTxn[] | null {
    const known = prepared.get(entry.key);
    if (known) return known.decoded;
    const decoded = decodeWalletTransactions(entry.txns, { allowMultipleGroups: true });
    if (!decoded.ok) return null;
    prepared.set(entry.key, { decoded: decoded.value });
    return decoded.value;
  }

  function phoneChunks(entry: QueuedSign, decoded: DecodedTxn[]) {
    const known = prepared.get(entry.key);
    if (known?.chunks) return known.chunks;
    const chunks = splitAtGroupBoundaries(toPhoneTxns(decoded), MAX_FRAME_TEXT_CHARS, frameTextSize);
    prepared.set(entry.key, { decoded, chunks });
    return chunks;
  }

  async function sendToPhone(entry: QueuedSign) {
    const decoded = decodeEntry(entry);
    const chunks = decoded ? phoneChunks(entry, decoded) : null;
    if (!chunks?.ok || !entry.phoneRequestIds) return;
    for (let i = 0; i < chunks.value.length; i++) {
      const id = entry.phoneRequestIds[i]!;
      if (entry.phoneReplies?.[id]) continue;
      const sent = await peer.send(encodeFrame(buildPhoneSignRequest(id, TANDEM_PROVIDER_ID, chunks.value[i]!)));
      if (!sent.ok) return noteOffline([entry.key]); // resent when the channel opens again
    }
  }

  /** Sets (or with `error` null, clears) `lastError` on those of `keys` still waiting for the phone. */
  async function setLastError(keys: string[], error: Arc27Error | null) {
    await mutateQueue((q) => {
      const touched = (e: QueuedRequest) => keys.includes(e.key) && e.method === 'sign_transactions' && isOpen(e) && e.stage === 'awaiting-phone' && (error !== null || e.lastError !== undefined);
      if (!q.some(touched)) return { queue: q, result: undefined };
      return { queue: q.map((e) => (touched(e) ? ({ ...e, lastError: error ?? undefined } as QueuedSign) : e)), result: undefined };
    });
  }

  const noteOffline = (keys: string[]) => setLastError(keys, arc27Error(Arc27ErrorCode.Unknown, 'Your phone went offline before it answered'));

  function awaitingPhone(queue: QueuedRequest[]): QueuedSign[] {
    return queue.filter((e): e is QueuedSign => e.method === 'sign_transactions' && isOpen(e) && e.stage === 'awaiting-phone');
  }

  async function approveSign(entry: QueuedSign) {
    const decoded = decodeEntry(entry);
    if (!decoded) return finish([entry.key], () => ({ ok: false, error: arc27Error(Arc27ErrorCode.InvalidInput, 'the request no longer decodes') }));
    const chunks = phoneChunks(entry, decoded);
    if (!chunks.ok) return finish([entry.key], () => ({ ok: false, error: chunks.error }));
    const settings = await loadSettings();
    // Decided here; stored while the request is on its way to the phone.
    const approved = await decideQueue((q) => {
      let result: QueuedSign | null = null;
      const queue = q.map((e) => {
        if (e.key !== entry.key || e.method !== 'sign_transactions' || !isOpen(e) || e.stage !== 'awaiting-approval') return e;
        result = { ...e, stage: 'awaiting-phone', approvedAt: Date.now(), deadlineAt: Date.now() + settings.requestDeadlineMs, phoneRequestIds: chunks.value.map(() => uuidv7()), phoneReplies: {} };
        return result;
      });
      return { queue, result };
    });
    // The phone first: the badge can wait.
    if (approved) await sendToPhone(approved);
    await refreshUi();
  }

  async function approveConnect(entry: QueuedConnect) {
    const pairing = await pairingItem.getValue();
    if (!pairing) throw new Error('pair your phone before connecting a site');
    const session = { origin: entry.origin, genesisHash: entry.genesisHash, genesisId: entry.genesisId, accounts: [pairing.wallet], sessionId: uuidv7(), connectedAt: Date.now(), ...entry.site };
    await saveSession(session);
    const queue = await readQueue();
    const same = queue.filter((e) => e.method === 'enable' && isOpen(e) && e.origin === entry.origin && e.genesisHash === entry.genesisHash).map((e) => e.key);
    await finish(same, () => ({ ok: true, result: { accounts: session.accounts.map((address) => ({ address })), genesisHash: session.genesisHash, genesisId: session.genesisId, providerId: TANDEM_PROVIDER_ID, sessionId: session.sessionId } }));
  }

  async function onReply(entry: QueuedSign, phoneRequestId: string, stxns: unknown[]) {
    const merged = await mutateQueue((q) => {
      let result = null as { current: QueuedSign; replies: Record<string, unknown[]>; complete: boolean } | null;
      const queue = q.map((e) => {
        if (e.key !== entry.key || e.method !== 'sign_transactions' || !isOpen(e)) return e;
        const replies = { ...e.phoneReplies, [phoneRequestId]: stxns };
        const complete = (e.phoneRequestIds ?? []).every((id) => replies[id]);
        result = { current: e, replies, complete };
        return { ...e, phoneReplies: replies };
      });
      // Earlier parts are stored, so a worker restart keeps them. The last part goes straight to
      // verification: storing it would write the whole request once more (about a second for
      // 1,024 transactions) only for the outcome to replace it.
      return { queue: result?.complete ? q : queue, result };
    });
    if (!merged?.complete) return;
    const { current, replies } = merged;
    const decoded = decodeEntry(current);
    const chunks = decoded ? phoneChunks(current, decoded) : null;
    if (!decoded || !chunks?.ok) return finish([current.key], () => ({ ok: false, error: arc27Error(Arc27ErrorCode.Unknown, 'the request no longer decodes') }));
    const joined = reassemble(chunkRanges(chunks.value), current.phoneRequestIds!.map((id) => replies[id]));
    const checked = joined.ok ? await checkPhoneReply(decoded, joined.value) : joined;
    await finish([current.key], () => (checked.ok ? { ok: true, result: { providerId: TANDEM_PROVIDER_ID, stxns: checked.value as (string | null)[] } } : { ok: false, error: checked.error }));
  }

  function statusOf(entry: QueuedRequest | undefined): RequestStatus {
    if (!entry) return { state: 'unknown' };
    return entry.outcome ? done(entry.outcome) : { state: 'pending' };
  }

  async function sweep() {
    const now = Date.now();
    const queue = await readQueue();
    const expired = queue.filter((e) => isOpen(e) && e.method === 'sign_transactions' && e.deadlineAt !== undefined && e.deadlineAt <= now);
    const timedOut = (e: QueuedRequest) =>
      arc27Error(Arc27ErrorCode.MethodTimedOut, e.method === 'sign_transactions' && e.lastError ? `${e.lastError.message}, and did not come back in time` : 'Your phone did not answer in time');
    if (expired.length) await finish(expired.map((e) => e.key), (e) => ({ ok: false, error: timedOut(e) }));
    // Answers nobody collected (the tab went away) are dropped after ten minutes.
    const stale = queue.filter((e) => !isOpen(e) && now - e.createdAt > 10 * 60_000).map((e) => e.key);
    if (stale.length) await mutateQueue((q) => ({ queue: q.filter((e) => !stale.includes(e.key)), result: undefined }));
    // Requests that left the queue without an answer (their tab closed) need no decoded copy.
    for (const key of prepared.keys()) if (!queue.some((e) => e.key === key && isOpen(e))) prepared.delete(key);
  }

  return {
    async handle(sender, key, req, site) {
      const queue = await readQueue();
      const existing = findEntry(queue, key);
      if (existing) return existing.tabId === sender.tabId && existing.origin === sender.origin ? statusOf(existing) : { state: 'unknown' };
      // A flood is refused before anything else: no storage read, no decoding. (Not so for enable:
      // a connected site's enable is answered from its session whatever is queued.)
      if (req.method === 'sign_transactions' && openFrom(queue, sender.origin).length >= MAX_OPEN_PER_ORIGIN) return tooMany(sender.origin);
      if ((await blockedOriginsItem.getValue()).includes(sender.origin)) return failed(arc27Error(Arc27ErrorCode.MethodCanceled, BLOCKED_MESSAGE));
      switch (req.method) {
        case 'discover':
          return discover();
        case 'enable':
          return enable(sender, key, req.params.genesisHash, req.params.tandem?.silent === true, site);
        case 'disable':
          return disable(sender, req.params.genesisHash);
        case 'sign_transactions':
          return signTransactions(sender, key, req.params.txns);
        case 'sign_message':
        case 'post_transactions':
        case 'sign_and_post_transactions':
          return failed(arc27Error(Arc27ErrorCode.MethodNotSupported, `Tandem does not support ${req.method}`));
        default: {
          const never: never = req;
          return never;
        }
      }
    },

    async poll(sender, key) {
      await sweep();
      const entry = findEntry(await readQueue(), key);
      return entry && entry.tabId === sender.tabId && entry.origin === sender.origin ? statusOf(entry) : { state: 'unknown' };
    },

    async acknowledge(sender, key) {
      // Every answer is acknowledged, refusals too (they were never queued): only write when something goes.
      await mutateQueue((q) => {
        const kept = q.filter((e) => !(e.key === key && e.tabId === sender.tabId && !isOpen(e)));
        return { queue: kept.length === q.length ? q : kept, result: undefined };
      });
    },

    async approve(key) {
      const entry = findEntry(await readQueue(), key);
      if (!entry || !isOpen(entry)) return;
      if (entry.method === 'enable') await approveConnect(entry);
      else await approveSign(entry);
    },

    async reject(key, message = 'You rejected the request') {
      await finish([key], () => ({ ok: false, error: arc27Error(Arc27ErrorCode.MethodCanceled, message) }));
    },

    async rejectOrigin(origin, message) {
      const keys = openFrom(await readQueue(), origin).map((e) => e.key);
      await finish(keys, () => ({ ok: false, error: arc27Error(Arc27ErrorCode.MethodCanceled, message) }));
    },

    async onPhoneFrame(value) {
      const reply = parsePhoneReply(value);
      if (reply.kind === 'invalid') return console.warn('[tandem] dropped a phone frame:', reply.reason);
      const queue = await readQueue();
      const entry = queue.find((e): e is QueuedSign => e.method === 'sign_transactions' && isOpen(e) && (e.phoneRequestIds ?? []).includes(reply.requestId));
      if (!entry) return console.warn('[tandem] dropped a reply to a request that is not waiting for the phone', reply.requestId);
      if (reply.kind === 'error') return finish([entry.key], () => ({ ok: false, error: reply.error }));
      if (entry.phoneReplies?.[reply.requestId]) return console.warn('[tandem] dropped a repeated reply', reply.requestId);
      await onReply(entry, reply.requestId, reply.stxns);
    },

    async onChannelOpen() {
      const waiting = awaitingPhone(await readQueue());
      await setLastError(waiting.map((e) => e.key), null);
      for (const entry of waiting) await sendToPhone(entry);
    },

    async onPhoneOffline() {
      await noteOffline(awaitingPhone(await readQueue()).map((e) => e.key));
    },

    async onApprovalWindowClosed() {
      const open = (await readQueue()).filter(isOpen).map((e) => e.key);
      await finish(open, () => ({ ok: false, error: arc27Error(Arc27ErrorCode.MethodCanceled, 'You closed the Tandem approval window') }));
    },

    async onTabRemoved(tabId) {
      await mutateQueue((q) => ({ queue: q.filter((e) => e.tabId !== tabId || (isOpen(e) && e.method === 'sign_transactions' && e.stage === 'awaiting-phone')), result: undefined }));
      await refreshUi();
    },

    sweep,

    async resume() {
      if ((await readQueue()).some(isOpen)) await resumeApprovalWindow();
    },
  };
}
