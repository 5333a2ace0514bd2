/**
 * dApp requests end to end, composed from one file per concern: admission (floods, blocked sites,
 * the storage budget), the ARC-0027 session methods, sign requests, phone dispatch and delivery.
 * Every edge (queue, sessions, window, tabs, clock, ids, peer) comes in through `RequestEdges`.
 */
import { t } from '@/lib/i18n';
import { Arc27ErrorCode, arc27Error, type Arc27Request } from '@/lib/arc27/types';
import type { RequestStatus, SiteMeta } from '@/lib/messaging/content-protocol';
import type { PageSender } from '@/lib/messaging/senders';
import { anyPhoneCanServe } from '@/lib/phone/methods';
import { findEntry, isOpen, openFrom } from '../queue';
import { MAX_OPEN_PER_ORIGIN, blocked, createAdmission, tooMany } from './admission';
import { createSessionMethods } from './arc27-methods';
import { createDataRequests } from './data-requests';
import { createDelivery } from './delivery';
import type { RequestEdges } from './edges';
import { failed, rejected, statusOf } from './outcomes';
import { createPhoneDispatch, type PhoneDispatch } from './phone-dispatch';
import { createPreparedRequests } from './prepared';
import { createRefusalLimiter } from './refusals';
import { createPostRequests } from './post-requests';
import { createSignRequests } from './sign-requests';

export interface Requests extends Omit<PhoneDispatch, 'approve'> {
  handle(sender: PageSender, key: string, req: Arc27Request, site: SiteMeta): Promise<RequestStatus>;
  poll(sender: PageSender, key: string): Promise<RequestStatus>;
  acknowledge(sender: PageSender, key: string): Promise<void>;
  /** The user approved the request in view (a connect or a sign request). */
  /** `accounts`: for a connect, the accounts the user chose to share (else the default choice). */
  approve(key: string, accounts?: string[]): Promise<void>;
  reject(key: string, message?: string): Promise<void>;
  /** Answers every open request with 4001 (the user pressed Reject all); returns how many. */
  rejectAll(): Promise<number>;
  /** Answers every open request of the origin with 4001 (the user blocked it). */
  rejectOrigin(origin: string, message: string): Promise<void>;
  onApprovalWindowClosed(): Promise<void>;
  onTabRemoved(tabId: number): Promise<void>;
  /** Answers requests whose phone deadline passed (4002). */
  sweep(): Promise<void>;
  /** After a worker start: shows open requests whose approval window a killed worker never opened. */
  resume(): Promise<void>;
}

export function createRequests(edges: RequestEdges): Requests {
  const prepared = createPreparedRequests();
  const delivery = createDelivery(edges, prepared);
  const admission = createAdmission(edges, delivery);
  const sessions = createSessionMethods(edges, admission, delivery);
  const signTransactions = createSignRequests(edges, admission, prepared, sessions.networks);
  const posts = createPostRequests(edges, admission, delivery, sessions.networks);
  const phone = createPhoneDispatch(edges, prepared, delivery, posts);
  const data = createDataRequests(edges, admission, delivery);
  const refusals = createRefusalLimiter(edges.now);
  const ownedBy = (sender: PageSender) => (entry: { tabId: number; origin: string } | undefined) =>
    entry !== undefined && entry.tabId === sender.tabId && entry.origin === sender.origin;

  async function admitAndDispatch(sender: PageSender, key: string, req: Arc27Request, site: SiteMeta): Promise<RequestStatus> {
    const queue = await edges.queue.read();
    const existing = findEntry(queue, key);
    if (existing) return ownedBy(sender)(existing) ? statusOf(existing) : { state: 'unknown' };
    // A flood is refused before anything else: no storage read, no decoding. (Not so for enable:
    // a connected site's enable is answered from its session whatever is queued.)
    if (req.method !== 'discover' && req.method !== 'enable' && req.method !== 'disable' && openFrom(queue, sender.origin).length >= MAX_OPEN_PER_ORIGIN) return tooMany(sender.origin);
    if ((await edges.blockedOrigins()).includes(sender.origin)) return blocked();
    // A method no paired phone can serve is answered at once: no window, no frame to a phone.
    if (!anyPhoneCanServe(await edges.pairings(), req.method)) {
      return failed(arc27Error(Arc27ErrorCode.MethodNotSupported, t('error_phone_unsupported', req.method)));
    }
    switch (req.method) {
      case 'discover':
        return sessions.discover();
      case 'enable':
        return sessions.enable(sender, key, req.params.genesisHash, req.params.tandem?.silent === true, site);
      case 'disable':
        return sessions.disable(sender, req.params.genesisHash);
      case 'sign_transactions':
        return signTransactions(sender, key, req.params.txns);
      case 'sign_and_post_transactions':
        return signTransactions(sender, key, req.params.txns, { post: true });
      case 'post_transactions':
        return posts.post(sender, key, req.params.stxns);
      case 'sign_message':
        return data.signMessage(sender, key, req.params);
      case 'sign_data':
        return data.signData(sender, key, req.params);
      default: {
        const never: never = req;
        return never;
      }
    }
  }

  return {
    async onPhoneReply(reply) {
      if (!(await data.onPhoneReply(reply))) await phone.onPhoneReply(reply);
    },
    async onChannelOpen(pairingId) {
      await phone.onChannelOpen(pairingId);
      await data.onChannelOpen(pairingId);
    },
    async onPhoneOffline(pairingId) {
      await phone.onPhoneOffline(pairingId);
      await data.onPhoneOffline(pairingId);
    },

    async handle(sender, key, req, site) {
      const limited = refusals.check(sender.origin);
      if (limited) return limited;
      // A subframe is shown as embedded in its top-level page (its origin where the browser tells).
      const from = sender.frameId === 0 ? sender : { ...sender, embeddedIn: site.topOrigin ?? '' };
      return refusals.note(sender.origin, await admitAndDispatch(from, key, req, site));
    },

    async poll(sender, key) {
      await delivery.sweep();
      const entry = findEntry(await edges.queue.read(), key);
      return ownedBy(sender)(entry) ? statusOf(entry) : { state: 'unknown' };
    },

    async acknowledge(sender, key) {
      // Every answer is acknowledged, refusals too (they were never queued): only write when something goes.
      await edges.queue.mutate((q) => {
        const kept = q.filter((e) => !(e.key === key && e.tabId === sender.tabId && !isOpen(e)));
        return { queue: kept.length === q.length ? q : kept, result: undefined };
      });
    },

    async approve(key, accounts) {
      const entry = findEntry(await edges.queue.read(), key);
      if (!entry || !isOpen(entry)) return;
      if (entry.method === 'enable') await sessions.approveConnect(entry, accounts);
      else if (entry.method === 'sign_transactions') await phone.approve(entry);
      else if (entry.method === 'post_transactions') await posts.approve(entry);
      else await data.approve(entry);
    },

    async reject(key, message = t('error_rejected')) {
      await delivery.finish([key], () => rejected(message));
    },

    async rejectAll() {
      const keys = (await edges.queue.read()).filter(isOpen).map((e) => e.key);
      await delivery.finish(keys, () => rejected(t('error_rejected_all')));
      return keys.length;
    },

    async rejectOrigin(origin, message) {
      const keys = openFrom(await edges.queue.read(), origin).map((e) => e.key);
      await delivery.finish(keys, () => rejected(message));
    },

    async onApprovalWindowClosed() {
      const open = (await edges.queue.read()).filter(isOpen).map((e) => e.key);
      await delivery.finish(open, () => rejected(t('error_window_closed')));
    },

    async onTabRemoved(tabId) {
      // Requests already with the phone stay until the phone answers or their deadline passes.
      // So do requests being sent to the network: they end with the node's answer.
      await edges.queue.mutate((q) => ({ queue: q.filter((e) => e.tabId !== tabId || (isOpen(e) && e.method !== 'enable' && (e.stage === 'awaiting-phone' || e.stage === 'posting'))), result: undefined }));
      await delivery.refreshUi();
    },

    sweep: delivery.sweep,

    async resume() {
      if ((await edges.queue.read()).some(isOpen)) await edges.approvalWindow.resume();
      await posts.resume();
    },
  };
}
