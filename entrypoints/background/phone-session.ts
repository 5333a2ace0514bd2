/**
 * The paired phone's side of the channel: which envelope it speaks and what it can do
 * (liquid-protocol.md §8). When the channel opens, Tandem speaks first with the opener of the
 * phone's envelope: Biatec's hello for ARC-0027 phones, `connect` for connections phones. For a
 * phone whose envelope is not known yet, the CBOR hello goes first and the JSON `connect` only
 * after the hello went unanswered for HELLO_WAIT_MS: a real phone may mishandle a frame in an
 * envelope it does not speak, so the two are never sent together. What the phone answers is kept
 * in the pairing record (the pairing store writes it).
 *
 * Every request to the phone goes out through `sendSign`, in the phone's envelope, once the opener
 * has settled which envelope that is.
 */
import { buildPhoneSignRequest } from '@/lib/arc27/phone-envelope';
import { TANDEM_PROVIDER_ID, type WalletTransaction } from '@/lib/arc27/types';
import { encodeFrame } from '@/lib/liquid/frames';
import type { Pairing } from '@/lib/liquid/types';
import type { Reply } from '@/lib/messaging/result';
import { buildConnectRequest, buildConnectionsSignRequest, encodeConnectionsFrame } from '@/lib/phone/connections';
import { buildHelloRequest } from '@/lib/phone/hello';
import { SILENT_PHONE, type PhoneProfile, type PhoneProtocol } from '@/lib/phone/profile';
import { classifyPhoneEnvelope } from '@/lib/phone/replies';
import type { PhoneReply } from '@/lib/arc27/phone-envelope';

/** How long an unknown phone has to answer the hello before the connections opener is tried. */
export const HELLO_WAIT_MS = 3_000;
/** How long a phone has to answer `connect` before Tandem carries on without it. */
export const CONNECT_WAIT_MS = 3_000;

export interface PhoneSessionDeps {
  send(frame: string): Promise<Reply<Record<string, never>>>;
  pairing(): Promise<Pairing | null>;
  /** Stores what the phone of the pairing `requestId` said (the pairing store is the writer). */
  saveProfile(requestId: string, profile: PhoneProfile): Promise<void>;
  /** The envelope the known-wallets list gives the pairing's server, or null when unknown. */
  knownProtocol(server: string): PhoneProtocol | null;
  newId(): string;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PhoneSession {
  /** Runs the opener; resolves once the phone's envelope is settled for this channel. */
  onChannelOpen(): Promise<void>;
  onChannelClosed(): void;
  /** A sign_transactions request in the phone's envelope. */
  sendSign(id: string, txns: WalletTransaction[]): Promise<Reply<Record<string, never>>>;
  /**
   * A phone envelope: an opener's answer is consumed here (null); anything else comes back as the
   * reply to a request, in the one shape the rest of Tandem reads.
   */
  onPhoneFrame(value: Record<string, unknown>): Promise<PhoneReply | null>;
}

type Waiter = { id: string; resolve: (answered: boolean) => void; timer: unknown };

export function createPhoneSession(deps: PhoneSessionDeps): PhoneSession {
  /** Settled envelope of the current channel; null until an opener ran in this worker's life. */
  let settled: Promise<PhoneProtocol> | null = null;
  let waiter: Waiter | null = null;
  /** Opener ids sent on this channel, and which opener each was (answers are matched on them). */
  const openers = new Map<string, 'hello' | 'connect'>();
  /** Bumped by every open and close: an opener of an earlier channel concludes nothing. */
  let generation = 0;

  async function storedProtocol(): Promise<PhoneProtocol> {
    return (await deps.pairing())?.phone?.protocol ?? 'arc27';
  }

  /** Waits for an answer to opener `id`, at most `ms`; true when one came. */
  function answerTo(id: string, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = deps.setTimeout(() => {
        if (waiter?.id === id) waiter = null;
        resolve(false);
      }, ms);
      waiter = { id, resolve, timer };
    });
  }

  function settleWaiter(id: string, answered = true) {
    if (waiter?.id !== id) return;
    const { resolve, timer } = waiter;
    waiter = null;
    // No timer outlives its wait: an idle worker runs no callback (worker-idle.spec.ts).
    deps.clearTimeout(timer);
    resolve(answered);
  }

  async function sendHello(): Promise<string | null> {
    const id = deps.newId();
    openers.set(id, 'hello');
    const sent = await deps.send(encodeFrame(buildHelloRequest(id, TANDEM_PROVIDER_ID)));
    return sent.ok ? id : null;
  }

  async function sendConnect(): Promise<string | null> {
    const id = deps.newId();
    openers.set(id, 'connect');
    const sent = await deps.send(encodeConnectionsFrame(buildConnectRequest(id)));
    return sent.ok ? id : null;
  }

  async function open(channel: number): Promise<PhoneProtocol> {
    const pairing = await deps.pairing();
    if (!pairing) return 'arc27';
    const known = pairing.phone?.protocol ?? deps.knownProtocol(pairing.server);
    if (known === 'arc27') {
      // Its answer (methods) may come at any time; requests need not wait for it.
      await sendHello();
      return 'arc27';
    }
    if (known === 'connections') {
      const id = await sendConnect();
      if (id) await answerTo(id, CONNECT_WAIT_MS);
      return 'connections';
    }
    const hello = await sendHello();
    if (hello && (await answerTo(hello, HELLO_WAIT_MS))) return 'arc27';
    if (channel !== generation) return 'arc27';
    const connect = await sendConnect();
    if (connect && (await answerTo(connect, CONNECT_WAIT_MS))) return 'connections';
    // The channel closed meanwhile: nothing was learnt about the phone.
    if (channel !== generation || !connect) return 'arc27';
    // Neither opener was answered: an ARC-0027 phone that announces nothing (the reference phones).
    const current = await deps.pairing();
    if (current && current.requestId === pairing.requestId && !current.phone) await deps.saveProfile(pairing.requestId, SILENT_PHONE);
    return 'arc27';
  }

  async function remember(update: (before: PhoneProfile | null) => PhoneProfile) {
    const pairing = await deps.pairing();
    if (pairing) await deps.saveProfile(pairing.requestId, update(pairing.phone));
  }

  return {
    onChannelOpen() {
      openers.clear();
      const opening = open(++generation);
      settled = opening;
      return opening.then(() => undefined);
    },

    onChannelClosed() {
      generation++;
      if (waiter) settleWaiter(waiter.id, false);
      settled = null;
    },

    async sendSign(id, txns) {
      const protocol = await (settled ?? storedProtocol());
      const frame = protocol === 'connections' ? encodeConnectionsFrame(buildConnectionsSignRequest(id, txns)) : encodeFrame(buildPhoneSignRequest(id, TANDEM_PROVIDER_ID, txns));
      return deps.send(frame);
    },

    async onPhoneFrame(value) {
      const message = classifyPhoneEnvelope(value);
      switch (message.kind) {
        case 'hello':
          settleWaiter(message.requestId);
          await remember((before) => ({ ...(before ?? SILENT_PHONE), protocol: 'arc27', methods: message.methods, ...(message.name ? { name: message.name } : {}) }));
          return null;
        case 'connected':
          settleWaiter(message.requestId);
          await remember(() => ({ protocol: 'connections', methods: message.methods, accounts: message.accounts, ...(message.name ? { name: message.name } : {}) }));
          return null;
        default: {
          const opener = message.requestId === undefined ? undefined : openers.get(message.requestId);
          if (opener && message.requestId !== undefined) {
            // An opener refused (a spec phone without the hello answers 4003): the envelope is
            // still known, and the phone announced nothing.
            settleWaiter(message.requestId);
            if (message.kind === 'error') {
              await remember((before) => (opener === 'connect' ? { protocol: 'connections', methods: null, accounts: [] } : (before ?? SILENT_PHONE)));
            }
            return null;
          }
          return message;
        }
      }
    },
  };
}
