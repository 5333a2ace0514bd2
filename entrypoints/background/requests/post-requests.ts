/**
 * Sending signed transactions to the network: post_transactions (the site's own signed
 * transactions, after the user agrees to send them) and the second half of
 * sign_and_post_transactions (the phone's signatures, verified by phone-dispatch.ts). Both are
 * checked (lib/algorand/post-checks.ts), sent batch by batch through the network's node in
 * Settings → Network, and answered with every id, or 4300 with the ids that were confirmed.
 * An entry being sent is stored with what it sends, so a worker that restarts sends it on.
 */
import { describeTransactions } from '@/lib/algorand/describe';
import { networkByGenesisHash, type Network } from '@/lib/algorand/networks';
import { checkSignedForPost, type CheckedPost } from '@/lib/algorand/post-checks';
import { postOutcome } from '@/lib/algorand/post-outcome';
import { checkNetwork } from '@/lib/algorand/session-checks';
import { Arc27ErrorCode, arc27Error } from '@/lib/arc27/types';
import type { RequestStatus } from '@/lib/messaging/content-protocol';
import type { PageSender } from '@/lib/messaging/senders';
import type { QueuedPost, QueuedRequest, QueuedSign } from '@/lib/storage/types';
import { isOpen } from '../queue';
import type { Admission } from './admission';
import type { Delivery } from './delivery';
import type { RequestEdges } from './edges';
import { failed } from './outcomes';

export interface PostRequests {
  /** post_transactions from a page: check, describe, queue for the user's consent. */
  post(sender: PageSender, key: string, stxns: string[]): Promise<RequestStatus>;
  /** The user agreed to send a post_transactions request. */
  approve(entry: QueuedPost): Promise<void>;
  /** sign_and_post_transactions: the verified signed transactions, to send now. */
  sendSigned(entry: QueuedSign, stxns: string[]): Promise<void>;
  /** After a worker start: sends on what a stopped worker was sending. */
  resume(): Promise<void>;
}

/** How long an entry may stay in 'posting' before the sweep answers it: one confirmation wait per batch, and a margin. */
const postingDeadline = (batches: number, confirmMs: number) => (batches + 1) * confirmMs;

const isPosting = (e: QueuedRequest): e is QueuedPost | QueuedSign => (e.method === 'post_transactions' || e.method === 'sign_transactions') && isOpen(e) && e.stage === 'posting';

export function createPostRequests(edges: RequestEdges, admission: Admission, delivery: Pick<Delivery, 'finish' | 'refreshUi'>, networks: () => Promise<Network[]>): PostRequests {
  async function send(key: string, genesisHash: string, checked: CheckedPost) {
    const txIds = checked.decoded.map((d) => d.txId);
    const results = await edges.network.send(genesisHash, checked.signed, txIds, checked.batches);
    await delivery.finish([key], () => postOutcome(txIds, checked.batches, results));
  }

  /** Moves the open entry `key` to 'posting' (with `signed` for a sign_and_post); null when it is no longer there to move. */
  async function startPosting(key: string, from: QueuedRequest['method'], batches: number, signed?: string[]) {
    return edges.queue.decide((q) => {
      let result: QueuedPost | QueuedSign | null = null;
      const now = edges.now();
      const deadlineAt = now + postingDeadline(batches, edges.network.confirmDeadlineMs);
      const queue = q.map((e): QueuedRequest => {
        if (e.key !== key || e.method !== from || !isOpen(e)) return e;
        if (e.method === 'post_transactions' && e.stage === 'awaiting-approval') return (result = { ...e, stage: 'posting', approvedAt: now, deadlineAt });
        if (e.method === 'sign_transactions' && e.stage !== 'posting' && signed) return (result = { ...e, stage: 'posting', signed, deadlineAt, lastError: undefined });
        return e;
      });
      return { queue, result };
    });
  }

  async function checkOrFinish(key: string, stxns: string[]): Promise<CheckedPost | null> {
    const checked = await checkSignedForPost(stxns);
    if (checked.ok) return checked.value;
    await delivery.finish([key], () => ({ ok: false, error: checked.error }));
    return null;
  }

  return {
    async post(sender, key, stxns) {
      const sessions = await edges.sites.sessionsFor(sender.origin);
      if (sessions.length === 0) return failed(arc27Error(Arc27ErrorCode.UnauthorizedSigner, `${sender.origin} is not connected to Tandem; call enable first`));
      const checked = await checkSignedForPost(stxns);
      if (!checked.ok) return failed(checked.error);
      const { decoded, genesisHash } = checked.value;
      const session = sessions.find((s) => s.genesisHash === genesisHash) ?? sessions[0]!;
      const known = await networks();
      const network = checkNetwork(decoded, session.genesisHash, known);
      if (!network.ok) return failed(network.error);
      const target = await edges.network.target(session.genesisHash, session.genesisId);
      if (!target.ok) return failed(arc27Error(Arc27ErrorCode.Unknown, target.error));
      const name = networkByGenesisHash(session.genesisHash, known)?.name ?? session.genesisId;
      const entry: QueuedPost = {
        key,
        method: 'post_transactions',
        tabId: sender.tabId,
        frameId: sender.frameId,
        origin: sender.origin,
        embeddedIn: sender.embeddedIn,
        createdAt: edges.now(),
        genesisHash: session.genesisHash,
        genesisId: session.genesisId,
        stxns,
        descriptions: describeTransactions(decoded, { ownAccounts: session.accounts, network: { genesisHash: session.genesisHash, name } }),
        auth: checked.value.auth,
        target: target.value,
        stage: 'awaiting-approval',
      };
      return admission.enqueue(entry);
    },

    async approve(entry) {
      const checked = await checkOrFinish(entry.key, entry.stxns);
      if (!checked) return;
      const posting = await startPosting(entry.key, 'post_transactions', checked.batches.length);
      await delivery.refreshUi();
      if (posting) await send(entry.key, entry.genesisHash, checked);
    },

    async sendSigned(entry, stxns) {
      // The dApp's own stxn entries are in the list too: every signature is checked before anything leaves.
      const checked = await checkOrFinish(entry.key, stxns);
      if (!checked) return;
      const posting = await startPosting(entry.key, 'sign_transactions', checked.batches.length, stxns);
      if (posting) await send(entry.key, entry.genesisHash, checked);
    },

    async resume() {
      for (const entry of (await edges.queue.read()).filter(isPosting)) {
        const stxns = entry.method === 'post_transactions' ? entry.stxns : (entry.signed ?? []);
        const checked = await checkOrFinish(entry.key, stxns);
        if (checked) await send(entry.key, entry.genesisHash, checked);
      }
    },
  };
}
