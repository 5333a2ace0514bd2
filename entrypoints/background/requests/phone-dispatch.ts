/**
 * Phone dispatch: an approved sign request is routed over the paired phones (one leg per phone
 * whose accounts sign, asked in turn: lib/accounts/routing.ts), each leg cut into frames at group
 * boundaries and sent to its phone, the replies merged (a worker restart keeps the parts and legs
 * already in), verified together against each transaction and signer, and the dApp answered.
 */
import { t } from '@/lib/i18n';
import type { DecodedTxn } from '@/lib/algorand/decode';
import { legTransactions, mergeLegReplies, planLegs, type Leg } from '@/lib/accounts/routing';
import { sentToPhone, spreadOverRequest, toPhoneTxns } from '@/lib/algorand/phone-request';
import { checkPhoneReply } from '@/lib/algorand/signatures';
import { chunkRanges, reassemble, splitAtGroupBoundaries } from '@/lib/algorand/split';
import { buildPhoneSignRequest, type PhoneReply } from '@/lib/arc27/phone-envelope';
import { Arc27ErrorCode, TANDEM_PROVIDER_ID, arc27Error, type Arc27Error, type WalletTransaction } from '@/lib/arc27/types';
import { MAX_FRAME_CBOR_BYTES, MAX_FRAME_TEXT_CHARS, frameCborSize, textLengthOf } from '@/lib/liquid/frames';
import type { QueuedRequest, QueuedSign } from '@/lib/storage/types';
import { isOpen } from '../queue';
import { REPLY_OVERHEAD_PER_TXN } from './admission';
import type { Delivery } from './delivery';
import type { RequestEdges } from './edges';
import type { PostRequests } from './post-requests';
import type { PreparedRequests } from './prepared';

const SIZING_ID = '0190d5a0-0000-7000-8000-000000000000';

/** The larger of a chunk's request frame and its worst-case reply, as data-channel text. */
function frameTextSize(chunk: WalletTransaction[]): number {
  const request = frameCborSize(buildPhoneSignRequest(SIZING_ID, TANDEM_PROVIDER_ID, chunk));
  const cbor = Math.min(request + chunk.length * REPLY_OVERHEAD_PER_TXN, Number.MAX_SAFE_INTEGER);
  return cbor > MAX_FRAME_CBOR_BYTES ? Number.MAX_SAFE_INTEGER : textLengthOf(cbor);
}

/** The entry's legs; an entry approved before routing has none, and its one phone signs everything. */
const legsOf = (entry: QueuedSign): Leg[] | undefined => (entry.legs && entry.legs.length > 0 ? entry.legs : undefined);
const legIndex = (entry: QueuedSign) => entry.leg ?? 0;

/**
 * The current leg's frames' transactions: the request as that phone is asked (signers: [] where
 * another phone signs), without what is withheld from phones (phone-request.ts).
 */
const splitForPhone = (entry: QueuedSign) => (decoded: DecodedTxn[]) => {
  const leg = legsOf(entry)?.[legIndex(entry)];
  const asked = leg ? legTransactions(decoded, leg) : decoded;
  return splitAtGroupBoundaries(toPhoneTxns(sentToPhone(asked, entry.withheld ?? [])), MAX_FRAME_TEXT_CHARS, frameTextSize);
};
const noLongerDecodes = (code: Arc27Error['code']) => ({ ok: false as const, error: arc27Error(code, 'the request no longer decodes') });

/** The phone an entry waits for: its current leg's (an entry approved before routing: the first phone's). */
const phoneOf = (entry: QueuedSign, first: string) => legsOf(entry)?.[legIndex(entry)]?.pairingId ?? first;

/** The requests waiting for phone `pairingId`: those whose current leg is that phone's. */
function awaitingPhone(queue: QueuedRequest[], pairingId: string, first: string): QueuedSign[] {
  return queue.filter((e): e is QueuedSign => e.method === 'sign_transactions' && isOpen(e) && e.stage === 'awaiting-phone' && phoneOf(e, first) === pairingId);
}

/**
 * The current id of the part that phone request id `id` was sent for, if it belongs to `entry`.
 * Each send of a part gets a fresh id (Biatec answers a repeated id with nothing), and the reply
 * to any of them is that part's.
 */
function currentIdOf(entry: QueuedSign, id: string): string | undefined {
  const ids = entry.phoneRequestIds ?? [];
  if (ids.includes(id)) return id;
  const part = entry.earlierPhoneIds?.[id];
  return part === undefined ? undefined : ids[part];
}

export interface PhoneDispatch {
  approve(entry: QueuedSign): Promise<void>;
  /** A reply from the phone to a request (classified by the phone session). */
  onPhoneReply(reply: PhoneReply): Promise<void>;
  /** Sends what is waiting for phone `pairingId` again, and clears its "went offline" notes. */
  onChannelOpen(pairingId: string): Promise<void>;
  /** Notes on the requests waiting for phone `pairingId` that it went offline (shown, and told the dApp on timeout). */
  onPhoneOffline(pairingId: string): Promise<void>;
}

export function createPhoneDispatch(edges: RequestEdges, prepared: PreparedRequests, delivery: Pick<Delivery, 'finish' | 'refreshUi'>, posts: Pick<PostRequests, 'sendSigned'>): PhoneDispatch {
  /** Sets (or with `error` null, clears) `lastError` on those of `keys` still waiting for the phone. */
  async function setLastError(keys: string[], error: Arc27Error | null) {
    await edges.queue.mutate((q) => {
      const touched = (e: QueuedRequest) => keys.includes(e.key) && e.method === 'sign_transactions' && isOpen(e) && e.stage === 'awaiting-phone' && (error !== null || e.lastError !== undefined);
      if (!q.some(touched)) return { queue: q, result: undefined };
      return { queue: q.map((e) => (touched(e) ? ({ ...e, lastError: error ?? undefined } as QueuedSign) : e)), result: undefined };
    });
  }
  const firstPairing = async () => (await edges.pairings())[0]?.requestId ?? '';
  const noteOffline = (keys: string[]) => setLastError(keys, arc27Error(Arc27ErrorCode.Unknown, t('error_phone_offline')));

  async function send(entry: QueuedSign) {
    const decoded = prepared.decoded(entry);
    const chunks = decoded ? prepared.chunks(entry, decoded, splitForPhone(entry)) : null;
    if (!chunks?.ok || !entry.phoneRequestIds) return;
    const pairingId = legsOf(entry)?.[legIndex(entry)]?.pairingId ?? '';
    for (let i = 0; i < chunks.value.length; i++) {
      const id = entry.phoneRequestIds[i]!;
      if (entry.phoneReplies?.[id]) continue;
      const sent = await edges.phone.sendSign(pairingId, id, chunks.value[i]!);
      if (!sent.ok) return noteOffline([entry.key]); // sent again when the channel opens again
    }
  }

  /** New ids for the parts still unanswered, the old ones kept as theirs; returns the entry as stored. */
  async function freshIds(key: string): Promise<QueuedSign | null> {
    return edges.queue.mutate((q) => {
      let result: QueuedSign | null = null;
      const queue = q.map((e) => {
        if (e.key !== key || e.method !== 'sign_transactions' || !isOpen(e) || e.stage !== 'awaiting-phone' || !e.phoneRequestIds) return e;
        const earlier = { ...e.earlierPhoneIds };
        const ids = e.phoneRequestIds.map((id, part) => {
          if (e.phoneReplies?.[id]) return id;
          earlier[id] = part;
          return edges.newId();
        });
        result = { ...e, phoneRequestIds: ids, earlierPhoneIds: earlier };
        return result;
      });
      return { queue, result };
    });
  }

  /** Keeps the finished leg's reply and sends the next leg to its phone, with fresh ids for its frames. */
  async function nextLeg(entry: QueuedSign, decoded: DecodedTxn[], reply: unknown[]) {
    const advanced = await edges.queue.mutate((q) => {
      let result: QueuedSign | null = null;
      const queue = q.map((e) => {
        if (e.key !== entry.key || e.method !== 'sign_transactions' || !isOpen(e) || e.stage !== 'awaiting-phone' || legIndex(e) !== legIndex(entry)) return e;
        const next: QueuedSign = { ...e, leg: legIndex(e) + 1, legReplies: [...(e.legReplies ?? []), reply], phoneReplies: {}, earlierPhoneIds: {} };
        const chunks = prepared.chunks(next, decoded, splitForPhone(next));
        result = { ...next, phoneRequestIds: chunks.ok ? chunks.value.map(() => edges.newId()) : [] };
        return result;
      });
      return { queue, result };
    });
    if (advanced) await send(advanced);
    await delivery.refreshUi();
  }

  async function onReply(entry: QueuedSign, phoneRequestId: string, stxns: unknown[]) {
    const merged = await edges.queue.mutate((q) => {
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
    const decoded = prepared.decoded(current);
    const chunks = decoded ? prepared.chunks(current, decoded, splitForPhone(current)) : null;
    if (!decoded || !chunks?.ok) return delivery.finish([current.key], () => noLongerDecodes(Arc27ErrorCode.Unknown));
    const joined = reassemble(chunkRanges(chunks.value), current.phoneRequestIds!.map((id) => replies[id]));
    if (!joined.ok) return delivery.finish([current.key], () => ({ ok: false, error: joined.error }));
    const reply = spreadOverRequest(decoded.length, current.withheld ?? [], joined.value);
    const legs = legsOf(current);
    // The next phone's turn: this leg's reply is kept, and the next leg is sent.
    if (legs && legIndex(current) + 1 < legs.length) return nextLeg(current, decoded, reply);
    const all = legs ? mergeLegReplies(decoded.length, legs, [...(current.legReplies ?? []), reply]) : reply;
    const checked = await checkPhoneReply(decoded, all);
    // sign_and_post_transactions: every entry is signed (sign-requests.ts checked it), and goes to the network.
    if (checked.ok && current.post) return posts.sendSigned(current, checked.value as string[]);
    await delivery.finish([current.key], () => (checked.ok ? { ok: true, result: { providerId: TANDEM_PROVIDER_ID, stxns: checked.value as (string | null)[] } } : { ok: false, error: checked.error }));
  }

  return {
    async approve(entry) {
      const decoded = prepared.decoded(entry);
      if (!decoded) return delivery.finish([entry.key], () => noLongerDecodes(Arc27ErrorCode.InvalidInput));
      // Which phone signs what, as paired now (a phone may have been unpaired since the request came).
      const planned = planLegs(decoded, await edges.accounts());
      if (!planned.ok) return delivery.finish([entry.key], () => ({ ok: false, error: arc27Error(Arc27ErrorCode.UnauthorizedSigner, t('error_no_phone_for_signer', String(planned.error.index), planned.error.signer), { index: planned.error.index }) }));
      const routed: QueuedSign = { ...entry, legs: planned.value, leg: 0 };
      const chunks = prepared.chunks(routed, decoded, splitForPhone(routed));
      if (!chunks.ok) return delivery.finish([entry.key], () => ({ ok: false, error: chunks.error }));
      // Nothing left for the phone to sign: the dApp gets its nulls without asking it.
      if (chunks.value.length === 0) {
        // sign_and_post_transactions with only the dApp's own signed entries: nothing to sign, all to send.
        const own = entry.post ? await checkPhoneReply(decoded, decoded.map(() => null)) : null;
        if (own?.ok) return posts.sendSigned(entry, own.value as string[]);
        return delivery.finish([entry.key], () => (own && !own.ok ? { ok: false, error: own.error } : { ok: true, result: { providerId: TANDEM_PROVIDER_ID, stxns: decoded.map(() => null) } }));
      }
      const { requestDeadlineMs } = await edges.settings();
      // Decided here; stored while the request is on its way to the phone.
      const approved = await edges.queue.decide((q) => {
        let result: QueuedSign | null = null;
        const queue = q.map((e) => {
          if (e.key !== entry.key || e.method !== 'sign_transactions' || !isOpen(e) || e.stage !== 'awaiting-approval') return e;
          const now = edges.now();
          result = { ...e, stage: 'awaiting-phone', approvedAt: now, deadlineAt: now + requestDeadlineMs, legs: planned.value, leg: 0, phoneRequestIds: chunks.value.map(() => edges.newId()), phoneReplies: {} };
          return result;
        });
        return { queue, result };
      });
      // The phone first: the badge can wait.
      if (approved) await send(approved);
      await delivery.refreshUi();
    },

    async onPhoneReply(reply) {
      if (reply.kind === 'invalid') return console.warn('[tandem] dropped a phone frame:', reply.reason);
      // A data signature answers a data-signing request (data-requests.ts), never a sign_transactions one.
      if (reply.kind === 'signature') return console.warn('[tandem] dropped a data signature for a request that is not data signing', reply.requestId);
      const queue = await edges.queue.read();
      const entry = queue.find((e): e is QueuedSign => e.method === 'sign_transactions' && isOpen(e) && e.stage === 'awaiting-phone' && currentIdOf(e, reply.requestId) !== undefined);
      if (!entry) return console.warn('[tandem] dropped a reply to a request that is not waiting for the phone', reply.requestId);
      if (reply.kind === 'error') return delivery.finish([entry.key], () => ({ ok: false, error: reply.error }));
      const id = currentIdOf(entry, reply.requestId)!;
      if (entry.phoneReplies?.[id]) return console.warn('[tandem] dropped a repeated reply', reply.requestId);
      await onReply(entry, id, reply.stxns);
    },

    async onChannelOpen(pairingId) {
      const waiting = awaitingPhone(await edges.queue.read(), pairingId, await firstPairing());
      await setLastError(waiting.map((e) => e.key), null);
      for (const entry of waiting) {
        const renewed = await freshIds(entry.key);
        if (renewed) await send(renewed);
      }
    },

    async onPhoneOffline(pairingId) {
      await noteOffline(awaitingPhone(await edges.queue.read(), pairingId, await firstPairing()).map((e) => e.key));
    },
  };
}
