/**
 * Data signing: ARC-0060 signData and ARC-0027 sign_message, from the page to the phone and back.
 *
 * Before anything is shown: the site must be connected, the paired phone must have announced the
 * method (else 4003 at once, nothing sent), and a signData request must be bound to the requesting
 * frame's true origin (lib/algorand/sign-data-checks.ts). After approval the phone gets exactly
 * what was shown (signData preceded by a hello naming the site, since Biatec checks the domain
 * against it), and its signature is verified over those bytes before the page gets anything. Each
 * refusal carries its method's own code (lib/arc27/sign-data-errors.ts).
 */
import { t } from '@/lib/i18n';
import { fromBase64Strict, toBase64 } from '@/lib/encoding/base64';
import { checkSignData, verifyDataSignature, verifyMessageSignature } from '@/lib/algorand/sign-data-checks';
import { DataRefusal, dataError, pageSignDataCode, type DataRequestMethod } from '@/lib/arc27/sign-data-errors';
import type { PhoneReply } from '@/lib/arc27/phone-envelope';
import { buildPhoneSignDataRequest, buildPhoneSignMessageRequest, readPhoneSignature } from '@/lib/arc27/sign-data-phone';
import { TANDEM_PROVIDER_ID, arc27Error, type Arc27Outcome, type SignDataParams } from '@/lib/arc27/types';
import { encodeFrame } from '@/lib/liquid/frames';
import { buildHelloRequest } from '@/lib/phone/hello';
import type { RequestStatus } from '@/lib/messaging/content-protocol';
import type { PageSender } from '@/lib/messaging/senders';
import type { QueuedDataSign, QueuedRequest } from '@/lib/storage/types';
import { isOpen } from '../queue';
import type { Admission } from './admission';
import type { Delivery } from './delivery';
import type { RequestEdges } from './edges';
import { failed } from './outcomes';


const isDataSign = (e: QueuedRequest): e is QueuedDataSign => e.method === 'sign_data' || e.method === 'sign_message';
/** The requests waiting for phone `pairingId` (one approved before its phone was recorded: the first phone's). */
const awaitingPhone = (queue: QueuedRequest[], pairingId: string, first: string) =>
  queue.filter((e): e is QueuedDataSign => isDataSign(e) && isOpen(e) && e.stage === 'awaiting-phone' && (e.pairingId ?? first) === pairingId);

export interface DataRequests {
  signData(sender: PageSender, key: string, params: SignDataParams): Promise<RequestStatus>;
  signMessage(sender: PageSender, key: string, params: { message: string; signer?: string }): Promise<RequestStatus>;
  approve(entry: QueuedDataSign): Promise<void>;
  /** True when the reply answered one of these requests (consumed here). */
  onPhoneReply(reply: PhoneReply): Promise<boolean>;
  /** Phone `pairingId` is back: its waiting requests go out again. */
  onChannelOpen(pairingId: string): Promise<void>;
  onPhoneOffline(pairingId: string): Promise<void>;
}

export function createDataRequests(edges: RequestEdges, admission: Admission, delivery: Pick<Delivery, 'finish' | 'refreshUi'>): DataRequests {
  const refuse = (method: DataRequestMethod, reason: DataRefusal, message: string) => failed(dataError(method, reason, message));

  /**
   * The site's accounts, or the refusal when the site is not connected. (A phone that did not
   * announce the method never gets here: requests/index.ts answers 4003 before dispatch.)
   */
  async function admissible(sender: PageSender, method: DataRequestMethod): Promise<string[] | RequestStatus> {
    const sessions = await edges.sites.sessionsFor(sender.origin);
    if (sessions.length === 0) return refuse(method, DataRefusal.NotConnected, `${sender.origin} is not connected to Tandem; call enable first`);
    return [...new Set(sessions.flatMap((s) => s.accounts))];
  }

  const firstPairing = async () => (await edges.pairings())[0]?.requestId ?? '';

  const base = (sender: PageSender, key: string) => ({ key, tabId: sender.tabId, frameId: sender.frameId, origin: sender.origin, embeddedIn: sender.embeddedIn, createdAt: edges.now(), stage: 'awaiting-approval' as const });

  /** Sends the entry's frames under fresh ids (a phone ignores a repeated id), recording the ids first. */
  async function send(entry: QueuedDataSign) {
    const id = edges.newId();
    await edges.queue.decide((q) => ({
      queue: q.map((e) => (e.key === entry.key && isDataSign(e) && isOpen(e) ? ({ ...e, phoneRequestIds: [...(e.phoneRequestIds ?? []), id] } as QueuedDataSign) : e)),
      result: undefined,
    }));
    const frames =
      entry.method === 'sign_data'
        ? [encodeFrame(buildHelloRequest(edges.newId(), TANDEM_PROVIDER_ID, entry.origin)), encodeFrame(buildPhoneSignDataRequest(id, TANDEM_PROVIDER_ID, entry.request))]
        : [encodeFrame(buildPhoneSignMessageRequest(id, TANDEM_PROVIDER_ID, entry.message, entry.signer))];
    for (const frame of frames) {
      if (!(await edges.phone.sendFrame(entry.pairingId ?? '', frame)).ok) return setLastError([entry.key], t('error_phone_offline'));
    }
  }

  async function setLastError(keys: string[], message: string | null) {
    await edges.queue.mutate((q) => {
      const touched = (e: QueuedRequest) => keys.includes(e.key) && isDataSign(e) && isOpen(e) && e.stage === 'awaiting-phone' && (message !== null || e.lastError !== undefined);
      if (!q.some(touched)) return { queue: q, result: undefined };
      return { queue: q.map((e) => (touched(e) ? ({ ...e, lastError: message === null ? undefined : arc27Error(4000, message) } as QueuedDataSign) : e)), result: undefined };
    });
  }

  async function outcomeOf(entry: QueuedDataSign, signature: Uint8Array | null): Promise<Arc27Outcome> {
    const bad = (message: string): Arc27Outcome => ({ ok: false, error: dataError(entry.method, DataRefusal.BadSignature, message) });
    if (!signature) return bad('Your phone did not sign');
    if (entry.method === 'sign_message') {
      if (!(await verifyMessageSignature(entry.message, entry.signer, signature))) return bad("Your phone's signature does not verify over this message by the signer");
      return { ok: true, result: { providerId: TANDEM_PROVIDER_ID, signature: toBase64(signature), signer: entry.signer } };
    }
    const { request } = entry;
    const data = fromBase64Strict(request.data);
    const authenticatorData = fromBase64Strict(request.authenticatorData ?? '');
    const signerKey = fromBase64Strict(request.signer);
    if (!data || !authenticatorData || !signerKey || !(await verifyDataSignature({ data, authenticatorData, signerKey }, signature))) {
      return bad("Your phone's signature does not verify over this data by the signer");
    }
    const result = { providerId: TANDEM_PROVIDER_ID, data: request.data, signer: request.signer, domain: request.domain ?? '', authenticatorData: request.authenticatorData ?? '', signature: toBase64(signature) };
    return { ok: true, result: request.requestId === undefined ? result : { ...result, requestId: request.requestId } };
  }

  return {
    async signData(sender, key, params) {
      const accounts = await admissible(sender, 'sign_data');
      if (!Array.isArray(accounts)) return accounts;
      const checked = await checkSignData(params, sender.origin, accounts);
      if (!checked.ok) return refuse('sign_data', checked.error.reason, checked.error.message);
      return admission.enqueue({ ...base(sender, key), method: 'sign_data', signer: checked.value.signer, request: params, text: checked.value.text });
    },

    async signMessage(sender, key, params) {
      const accounts = await admissible(sender, 'sign_message');
      if (!Array.isArray(accounts)) return accounts;
      const signer = params.signer ?? accounts[0]!;
      if (!accounts.includes(signer)) return refuse('sign_message', DataRefusal.SignerNotPaired, `${signer} is not an account ${sender.origin} is connected to`);
      return admission.enqueue({ ...base(sender, key), method: 'sign_message', signer, message: params.message });
    },

    async approve(entry) {
      // The phone that holds the signer's key, as paired now (a phone may have been unpaired since).
      const holder = (await edges.accounts()).find((a) => a.address === entry.signer);
      if (!holder) return delivery.finish([entry.key], () => ({ ok: false, error: dataError(entry.method, DataRefusal.SignerNotPaired, t('error_no_phone_for_account', entry.signer)) }));
      const { requestDeadlineMs } = await edges.settings();
      const approved = await edges.queue.decide((q) => {
        let result: QueuedDataSign | null = null;
        const queue = q.map((e) => {
          if (e.key !== entry.key || !isDataSign(e) || !isOpen(e) || e.stage !== 'awaiting-approval') return e;
          const now = edges.now();
          result = { ...e, stage: 'awaiting-phone', approvedAt: now, deadlineAt: now + requestDeadlineMs, phoneRequestIds: [], pairingId: holder.pairingId };
          return result;
        });
        return { queue, result };
      });
      if (approved) await send(approved);
      await delivery.refreshUi();
    },

    async onPhoneReply(reply) {
      if (reply.requestId === undefined) return false;
      const requestId = reply.requestId;
      const entry = (await edges.queue.read()).find((e): e is QueuedDataSign => isDataSign(e) && isOpen(e) && (e.phoneRequestIds ?? []).includes(requestId));
      if (!entry) return false;
      const unreadable = (why: string) => delivery.finish([entry.key], () => ({ ok: false, error: dataError(entry.method, DataRefusal.BadSignature, `Your phone's answer was unreadable (${why})`) }));
      if (reply.kind === 'error') {
        const error = entry.method === 'sign_data' ? { ...reply.error, code: pageSignDataCode(reply.error.code) } : reply.error;
        await delivery.finish([entry.key], () => ({ ok: false, error }));
      } else if (reply.kind === 'invalid') await unreadable(reply.reason);
      else if (reply.kind === 'reply') await unreadable('it carries transactions, not a signature');
      else {
        const signature = readPhoneSignature(reply.signature);
        if (signature === 'unreadable') await unreadable('the signature is not base64');
        else {
          const outcome = await outcomeOf(entry, signature);
          await delivery.finish([entry.key], () => outcome);
        }
      }
      return true;
    },

    async onChannelOpen(pairingId) {
      const waiting = awaitingPhone(await edges.queue.read(), pairingId, await firstPairing());
      await setLastError(waiting.map((e) => e.key), null);
      for (const entry of waiting) await send(entry);
    },

    async onPhoneOffline(pairingId) {
      await setLastError(awaitingPhone(await edges.queue.read(), pairingId, await firstPairing()).map((e) => e.key), t('error_phone_offline'));
    },
  };
}
