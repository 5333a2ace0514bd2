/**
 * The extension's role (requester, answerer) played with the published Liquid client and nothing
 * else, as the benchmark baseline for Tandem: `SignalClient.peer(requestId, 'offer')` links the
 * requestId, waits for the wallet's offer and answers it, exactly as a dApp using
 * @algorandfoundation/liquid-client 1.0.0-canary.5 does.
 *
 * What the baseline inherits from that client on purpose (liquid-protocol.md §3, §5.3, read 2026):
 * - `peer()` calls `link()` itself, so `link` and `peer` are one call here; a separate `link()` first
 *   would make `peer()` throw "request in process" or link twice.
 * - It listens for `offer-description` only after the link ack, so an offer relayed before that is
 *   missed and the channel never opens (waitOpen times out).
 * - `peer()` resolves when the channel object exists, not when it is open; we wait for `open`.
 * - The default Socket.IO transports (polling, then upgrade) are kept unless `transports` is given.
 * Only the parts the client does not have are ours: deadlines, timing marks, and frames (the
 * Tandem codec, and Tandem's split at group boundaries so large requests fit in one data-channel
 * message each).
 */
import { SignalClient } from '@algorandfoundation/liquid-client/signal';
import { buildPhoneSignRequest, parsePhoneReply } from '../../lib/arc27/phone-envelope';
import { TANDEM_PROVIDER_ID, type WalletTransaction } from '../../lib/arc27/types';
import { splitAtGroupBoundaries } from '../../lib/algorand/split';
import { buildDeepLink } from '../../lib/liquid/deep-link';
import { MAX_FRAME_CBOR_BYTES, decodeFrame, encodeFrame } from '../../lib/liquid/frames';

/**
 * What RTCDataChannel.send accepts when the peer does not say (Chromium's SCTP max-message-size,
 * 256 KiB). A frame is base64url TEXT, 4/3 the size of its CBOR, so the limit applies to the text:
 * 255,000 bytes of CBOR become ~340,000 characters and Chromium throws "larger than
 * max-message-size" (seen 2026 with Debian Chromium against the dev wallet).
 */
const DEFAULT_MAX_MESSAGE_SIZE = 262_144;
/**
 * The reply must fit too, and it is bigger than the request: a signed transaction adds a 64-byte
 * `sig`, its keys and possibly a 32-byte `sgnr` to the unsigned bytes (at most ~112 bytes). A spec
 * wallet that cannot send its reply sends nothing (seen with the dev wallet: 672 payments fit the
 * request frame, and their signed reply did not).
 */
const SIGNED_TXN_EXTRA_BYTES = 112;
const PLACEHOLDER_ID = '0190d5a0-0000-7000-8000-000000000000';

function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

/** The larger of the request frame and a worst-case spec reply frame for `chunk`, in characters. */
function frameChars(providerId: string, chunk: WalletTransaction[]): number {
  const request = encodeFrame(buildPhoneSignRequest(PLACEHOLDER_ID, providerId, chunk)).length;
  const stxns = chunk.map((wtxn) => 'A'.repeat(Math.ceil((base64Bytes(wtxn.txn) + SIGNED_TXN_EXTRA_BYTES) / 3) * 4));
  const reply = encodeFrame({
    id: PLACEHOLDER_ID,
    reference: 'arc0027:sign_transactions:response',
    requestId: PLACEHOLDER_ID,
    result: { providerId, stxns },
  }).length;
  return Math.max(request, reply);
}

/** performance.now() marks; null until the event happened. */
export interface ReferenceTimings {
  startedAt: number | null;
  linkAckAt: number | null;
  offerAt: number | null;
  channelOpenAt: number | null;
}

export interface OpenTimings {
  linkToOpenMs: number;
  startToLinkMs: number;
  startToOpenMs: number;
  timings: ReferenceTimings;
}

export interface SignTimings {
  ms: number;
  stxns: unknown[];
  /** How many frames the request took (more than one above 255 KB of CBOR). */
  frames: number;
}

export interface ReferenceDappOptions {
  /** The Liquid server; the page is served from it so the session cookie goes with the socket. */
  origin: string;
  /** Socket.IO transports; default: the client's own (polling, then websocket). */
  transports?: ('polling' | 'websocket')[];
  iceServers?: RTCIceServer[];
  providerId?: string;
  onState?: (state: string) => void;
}

export interface ReferenceDapp {
  start(): Promise<{ requestId: string; link: string }>;
  waitOpen(timeoutMs?: number): Promise<OpenTimings>;
  signTransactions(txns: WalletTransaction[], timeoutMs?: number): Promise<SignTimings>;
  close(): void;
  readonly timings: ReferenceTimings;
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function whenOpen(channel: RTCDataChannel): Promise<RTCDataChannel> {
  if (channel.readyState === 'open') return Promise.resolve(channel);
  return new Promise((resolve, reject) => {
    channel.addEventListener('open', () => resolve(channel), { once: true });
    channel.addEventListener('close', () => reject(new Error('the data channel closed before opening')), { once: true });
  });
}

export function createReferenceDapp(options: ReferenceDappOptions): ReferenceDapp {
  const timings: ReferenceTimings = { startedAt: null, linkAckAt: null, offerAt: null, channelOpenAt: null };
  const state = (text: string) => options.onState?.(text);
  let client: SignalClient | undefined;
  let open: Promise<RTCDataChannel> | undefined;
  let channel: RTCDataChannel | undefined;
  /** Replies by phone request id, for frames that arrive while a sign call waits. */
  const waiting = new Map<string, (reply: ReturnType<typeof parsePhoneReply>) => void>();

  function onFrame(event: MessageEvent): void {
    const frame = decodeFrame(event.data);
    if (frame.kind !== 'envelope') return; // the Android credential frame, or junk: never fatal
    const reply = parsePhoneReply(frame.envelope);
    if (reply.requestId !== undefined) waiting.get(reply.requestId)?.(reply);
  }

  const dapp: ReferenceDapp = {
    timings,

    async start() {
      if (client) throw new Error('already started: reload the page for a new pairing');
      // The session cookie must exist before the socket's handshake so the link lands in this session.
      await fetch(`${options.origin}/auth/session`, { credentials: 'include' });
      const requestId = SignalClient.generateRequestId();
      const socketOptions = options.transports ? { transports: options.transports, autoConnect: true } : { autoConnect: true };
      const signal = new SignalClient(options.origin, socketOptions);
      client = signal;
      timings.startedAt = performance.now();
      signal.on('link-message', () => {
        timings.linkAckAt = performance.now();
        state('linked: waiting for the offer');
      });
      signal.on('offer-description', () => {
        timings.offerAt ??= performance.now();
        state('offer received: answering');
      });
      open = signal
        .peer(requestId, 'offer', { iceServers: options.iceServers ?? [] })
        .then(whenOpen)
        .then((ready) => {
          timings.channelOpenAt = performance.now();
          channel = ready;
          ready.addEventListener('message', onFrame);
          ready.addEventListener('close', () => state('channel closed'));
          state('channel open');
          return ready;
        });
      // Observed by waitOpen; this only keeps an early failure from being unhandled.
      open.catch((err: unknown) => state(`failed: ${err instanceof Error ? err.message : String(err)}`));
      // liquid-client emits `link` at once, and socket.io holds it until the socket connects. A phone
      // that scanned before then would authenticate with nobody waiting (the server drops that
      // `auth`) and its offer would reach nobody; so the link is handed out once it is on its way.
      await withDeadline(
        new Promise<void>((resolve) => (signal.socket.connected ? resolve() : signal.socket.once('connect', () => resolve()))),
        20_000,
        'the signaling socket did not connect',
      );
      state('waiting for the wallet to scan');
      return { requestId, link: buildDeepLink(options.origin, requestId) };
    },

    async waitOpen(timeoutMs = 60_000) {
      if (!open) throw new Error('call start() first');
      await withDeadline(open, timeoutMs, 'the data channel did not open');
      const { startedAt, linkAckAt, channelOpenAt } = timings;
      if (startedAt === null || linkAckAt === null || channelOpenAt === null) throw new Error('timings missing');
      return {
        linkToOpenMs: channelOpenAt - linkAckAt,
        startToLinkMs: linkAckAt - startedAt,
        startToOpenMs: channelOpenAt - startedAt,
        timings: { ...timings },
      };
    },

    async signTransactions(txns, timeoutMs = 120_000) {
      const ready = channel;
      if (!ready || ready.readyState !== 'open') throw new Error('the data channel is not open');
      const providerId = options.providerId ?? TANDEM_PROVIDER_ID;
      const maxFrameChars = Math.min(MAX_FRAME_CBOR_BYTES, client?.peerClient?.sctp?.maxMessageSize || DEFAULT_MAX_MESSAGE_SIZE);
      const split = splitAtGroupBoundaries(txns, maxFrameChars, (chunk) => frameChars(providerId, chunk));
      if (!split.ok) throw new Error(`cannot frame the request: ${split.error.message}`);
      const chunks = split.value;

      const started = performance.now();
      const replies = chunks.map((chunk) => {
        const id = SignalClient.generateRequestId();
        const reply = new Promise<unknown[]>((resolve, reject) => {
          waiting.set(id, (parsed) => {
            waiting.delete(id);
            if (parsed.kind === 'reply') resolve(parsed.stxns);
            else if (parsed.kind === 'error') reject(new Error(`the wallet answered ${parsed.error.code}: ${parsed.error.message}`));
            else reject(new Error(parsed.kind === 'invalid' ? `invalid reply: ${parsed.reason}` : 'invalid reply: a data signature, not signed transactions'));
          });
        });
        ready.send(encodeFrame(buildPhoneSignRequest(id, providerId, chunk)));
        return withDeadline(reply, timeoutMs, 'no reply from the wallet').finally(() => waiting.delete(id));
      });
      const parts = await Promise.all(replies);
      return { ms: performance.now() - started, stxns: parts.flat(), frames: chunks.length };
    },

    close() {
      try {
        client?.peerClient?.close();
      } catch {
        // already closed
      }
      client?.close(true);
      waiting.clear();
    },
  };
  return dapp;
}
