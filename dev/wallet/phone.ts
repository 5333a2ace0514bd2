/**
 * The phone: one object that owns the dev wallet's state and implements `window.devWallet`.
 * It runs connect (passkey, then signaling and the data channel), triages incoming frames,
 * keeps the queue of sign requests waiting for the user, and sends the replies `signer.ts`
 * computes. The UI only reads its state and calls its methods.
 */
import { v7 as uuidv7 } from 'uuid';
import { parseDeepLink } from '../../lib/liquid/deep-link';
import { PING_FRAME, decodeFrame } from '../../lib/liquid/frames';
import { answerConnections, triageConnections } from './connections-phone';
import { forgetCredentialId, loadCredentialId, saveCredentialId, type KeyValueStore } from './account';
import { AssertionUnavailable, DEVICE_NAME, assertPasskey, registerPasskey, type PasskeyOutcome } from './passkey';
import { openPeerLink, type PeerLink } from './peer';
import { loadSessionLink, saveSessionLink } from './reconnect';
import {
  answerSignRequest,
  triage,
  type PhoneBehaviour,
  type PhoneContext,
  type PhoneFault,
  type PhoneKey,
  type PhoneReply,
  type SignRequest,
} from './signer';
import { DATA_REFERENCES, answerDataRequest, helloUrlOf, triageData } from './sign-data';

export type PhonePhase = 'idle' | 'registering' | 'asserting' | 'linked' | 'offering' | 'connected' | 'closed' | 'error';

/** The automation surface, assigned to `window.devWallet`. */
export interface DevWallet {
  address: string;
  phase: PhonePhase;
  error?: string;
  connect(link: string): Promise<void>;
  /** As a wallet app reopened: assert with the last linked request's requestId, then offer again (reconnect.ts). */
  reconnect(): Promise<void>;
  disconnect(): void;
  setBehaviour(b: PhoneBehaviour): void;
  setAutoApprove(on: boolean): void;
  setFault(f: PhoneFault): void;
  sendRawFrame(frame: string): void;
  received: { at: number; frame: unknown }[];
  pending(): { requestId: string; count: number }[];
  approve(requestId?: string): Promise<void>;
  reject(requestId?: string): Promise<void>;
  stats: { requestsSigned: number; txnsSigned: number };
}

export interface PendingRequest {
  request: SignRequest;
  receivedAt: number;
}

export interface PhoneOptions {
  key: PhoneKey;
  providerId: string;
  store: KeyValueStore;
  /** The origin this page is served from; links must point at the same server. */
  pageOrigin: string;
  iceServers: RTCIceServer[];
  behaviour: PhoneBehaviour;
  autoApprove: boolean;
}

const MAX_RECEIVED = 200;
const IOS_PINGS = 10;
const IOS_PING_INTERVAL_MS = 500;
const MAX_LOG = 300;

export class Phone implements DevWallet {
  readonly address: string;
  phase: PhonePhase = 'idle';
  error?: string;
  behaviour: PhoneBehaviour;
  autoApprove: boolean;
  fault: PhoneFault = 'none';
  /** How the last connect proved the account: useful to check that a returning phone asserts. */
  lastPasskey?: { mode: 'registered' | 'asserted'; credId: string };
  readonly received: { at: number; frame: unknown }[] = [];
  readonly stats = { requestsSigned: 0, txnsSigned: 0 };
  readonly log: string[] = [];
  readonly queue: PendingRequest[] = [];

  private link?: PeerLink;
  /** The site the last hello named, and the data-signing envelopes in arrival order (sign-data.ts checks are async). */
  private helloUrl?: string;
  private dataChain: Promise<void> = Promise.resolve();
  private passkey?: PasskeyOutcome;
  private serverOrigin = '';
  /** Bumped by every connect and disconnect, so callbacks of an older attempt do nothing. */
  private attempt = 0;
  private readonly listeners = new Set<() => void>();
  /** Request ids seen on the current link (the biatec behaviour ignores repeats). */
  private readonly seenIds = new Set<string>();

  constructor(private readonly options: PhoneOptions) {
    this.address = options.key.address;
    this.behaviour = options.behaviour;
    this.autoApprove = options.autoApprove;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async connect(link: string): Promise<void> {
    const attempt = ++this.attempt;
    this.dropLink();
    this.queue.length = 0;
    this.seenIds.clear();
    this.error = undefined;
    try {
      const parsed = parseDeepLink(link);
      if (!parsed) throw new Error(`not a liquid:// link: ${link}`);
      if (parsed.origin !== this.options.pageOrigin) {
        // No CORS on the server and the WebAuthn RP ID is the page's host: the page must be the server's.
        throw new Error(`the link points at ${parsed.origin} but this page is served by ${this.options.pageOrigin}; open ${parsed.origin}/wallet`);
      }
      this.serverOrigin = parsed.origin;
      this.note(`connecting to ${parsed.origin} for request ${parsed.requestId}`);
      this.passkey = await this.provePasskey(parsed.origin, parsed.requestId, attempt);
      this.check(attempt);
      this.setPhase('linked');
      saveSessionLink(this.options.store, parsed.origin, this.address, link);
      this.note(`linked ${this.address} with passkey ${this.passkey.credId} (${this.lastPasskey?.mode})`);

      this.setPhase('offering');
      const peerLink = await openPeerLink({
        origin: parsed.origin,
        requestId: parsed.requestId,
        iceServers: this.options.iceServers,
        log: (line) => this.note(line),
      });
      if (attempt !== this.attempt) {
        peerLink.close();
        throw new Error('superseded by a newer connect or a disconnect');
      }
      this.link = peerLink;
      this.watch(peerLink, attempt);
      this.setPhase('connected');
      this.note('data channel open');
      if (this.behaviour === 'reference') this.sendCredentialFrame();
      if (this.behaviour === 'ios') this.sendPings(attempt);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (attempt === this.attempt) {
        this.dropLink();
        this.error = message;
        this.setPhase('error');
      }
      this.note(`connect failed: ${message}`);
      throw err instanceof Error ? err : new Error(message);
    }
  }

  async reconnect(): Promise<void> {
    const link = loadSessionLink(this.options.store, this.options.pageOrigin, this.address);
    if (!link) {
      this.error = `nothing to reconnect to: ${this.address} has not linked to a request on ${this.options.pageOrigin} yet (scan a QR code first)`;
      this.setPhase('error');
      throw new Error(this.error);
    }
    this.note('reopened: reconnecting to the request last linked, without a scan');
    return this.connect(link);
  }

  disconnect(): void {
    this.attempt++;
    const hadLink = this.dropLink();
    this.queue.length = 0;
    if (hadLink || this.phase !== 'idle') this.setPhase('closed');
    this.note('disconnected by the phone');
  }

  setBehaviour(b: PhoneBehaviour): void {
    this.behaviour = b;
    this.changed();
  }

  setAutoApprove(on: boolean): void {
    this.autoApprove = on;
    this.changed();
    if (on) this.drainQueueInBackground();
  }

  setFault(f: PhoneFault): void {
    this.fault = f;
    this.changed();
  }

  sendRawFrame(frame: string): void {
    this.send(frame);
  }

  pending(): { requestId: string; count: number }[] {
    return this.queue.map(({ request }) => ({ requestId: request.id, count: request.txns.length }));
  }

  async approve(requestId?: string): Promise<void> {
    this.requireOpen();
    this.answer(this.take(requestId), 'approve');
  }

  async reject(requestId?: string): Promise<void> {
    this.requireOpen();
    this.answer(this.take(requestId), 'reject');
  }

  // -------------------------------------------------------------------------------------------

  private async provePasskey(origin: string, requestId: string, attempt: number): Promise<PasskeyOutcome> {
    const store = this.options.store;
    const saved = loadCredentialId(store, origin, this.address);
    if (saved) {
      this.setPhase('asserting');
      try {
        const outcome = await assertPasskey({ origin, requestId, credId: saved });
        this.lastPasskey = { mode: 'asserted', credId: outcome.credId };
        return outcome;
      } catch (err) {
        if (!(err instanceof AssertionUnavailable)) throw err;
        this.note(`${err.message}; registering a new passkey`);
        forgetCredentialId(store, origin, this.address);
        this.check(attempt);
      }
    }
    this.setPhase('registering');
    const outcome = await registerPasskey({ origin, requestId, key: this.options.key });
    saveCredentialId(store, origin, this.address, outcome.credId);
    this.lastPasskey = { mode: 'registered', credId: outcome.credId };
    return outcome;
  }

  private watch(peerLink: PeerLink, attempt: number): void {
    const { channel, peerConnection } = peerLink;
    channel.addEventListener('message', (event: MessageEvent) => {
      if (attempt === this.attempt) this.onFrame(event.data);
    });
    const closedByRemote = (why: string): void => {
      if (attempt !== this.attempt || this.link !== peerLink) return;
      this.note(`link closed: ${why}`);
      this.dropLink();
      this.queue.length = 0;
      this.setPhase('closed');
    };
    channel.addEventListener('close', () => closedByRemote('data channel closed'));
    peerConnection.addEventListener('connectionstatechange', () => {
      if (peerConnection.connectionState === 'failed' || peerConnection.connectionState === 'closed') {
        closedByRemote(`peer connection ${peerConnection.connectionState}`);
      }
    });
  }

  /** The iOS reference SDK's greeting: the text `ping`, ten times, 0.5 s apart (§8). */
  private sendPings(attempt: number): void {
    let sent = 0;
    const next = (): void => {
      if (attempt !== this.attempt || this.link?.channel.readyState !== 'open' || sent >= IOS_PINGS) return;
      this.send(PING_FRAME);
      sent++;
      setTimeout(next, IOS_PING_INTERVAL_MS);
    };
    next();
  }

  /** The Android reference wallet's first frame after open: plain JSON, not CBOR (§5). */
  private sendCredentialFrame(): void {
    this.send(
      JSON.stringify({
        type: 'credential',
        address: this.address,
        device: DEVICE_NAME,
        origin: this.serverOrigin,
        id: this.passkey?.credId ?? '',
        prevCounter: this.passkey?.prevCounter ?? 0,
      }),
    );
  }

  private onFrame(data: unknown): void {
    const decoded = decodeFrame(data);
    const at = Date.now();
    switch (decoded.kind) {
      case 'invalid':
        this.remember(at, { invalid: decoded.reason, raw: typeof data === 'string' ? data.slice(0, 200) : typeof data });
        this.note(`ignored a frame: ${decoded.reason}`);
        return;
      case 'ping':
        this.remember(at, 'ping');
        return;
      case 'credential':
        this.remember(at, decoded.credential);
        this.note('ignored a credential frame (the phone sends those, it does not expect them)');
        return;
      case 'envelope': {
        this.remember(at, decoded.envelope);
        if (this.onDataEnvelope(decoded.envelope, at)) return;
        const outcome = this.behaviour === 'connections' ? triageConnections(decoded.envelope, this.context()) : triage(decoded.envelope, this.context());
        if (outcome.kind === 'reply') {
          this.deliver(outcome.reply, String(decoded.envelope.id ?? '?'));
          return;
        }
        this.queue.push({ request: outcome.request, receivedAt: at });
        this.note(`request ${outcome.request.id}: ${outcome.request.txns.length} txn(s)`);
        this.changed();
        if (this.autoApprove) this.drainQueueInBackground();
        return;
      }
      default: {
        const never: never = decoded;
        throw new Error(`unhandled frame ${JSON.stringify(never)}`);
      }
    }
  }

  /** Hello and data-signing envelopes (sign-data.ts): true when the envelope was one. */
  private onDataEnvelope(envelope: Record<string, unknown>, at: number): boolean {
    const helloUrl = helloUrlOf(envelope);
    if (helloUrl !== null) this.helloUrl = helloUrl;
    const site = this.helloUrl;
    const ctx = this.context();
    if (!(DATA_REFERENCES[ctx.behaviour] ?? []).includes(String(envelope.reference))) return false;
    this.dataChain = this.dataChain
      .then(async () => {
        const outcome = await triageData(envelope, ctx, site);
        if (!outcome) return;
        if (outcome.kind === 'reply') return this.deliver(outcome.reply, String(envelope.id ?? '?'));
        this.queue.push({ request: { id: outcome.request.id, txns: [], data: outcome.request }, receivedAt: at });
        this.note(`request ${outcome.request.id}: sign ${outcome.request.kind}`);
        this.changed();
        if (this.autoApprove) this.drainQueueInBackground();
      })
      .catch((err: unknown) => this.note(`data request failed: ${err instanceof Error ? err.message : String(err)}`));
    return true;
  }

  private drainQueueInBackground(): void {
    const drain = async (): Promise<void> => {
      while (this.autoApprove && this.queue.length > 0 && this.phase === 'connected') await this.approve();
    };
    drain().catch((err: unknown) => this.note(`auto-approve failed: ${err instanceof Error ? err.message : String(err)}`));
  }

  private take(requestId?: string): SignRequest {
    const index = requestId === undefined ? 0 : this.queue.findIndex((p) => p.request.id === requestId);
    const found = this.queue[index];
    if (!found) throw new Error(requestId ? `no pending request ${requestId}` : 'no pending request');
    this.queue.splice(index, 1);
    this.changed();
    return found.request;
  }

  private answer(request: SignRequest, decision: 'approve' | 'reject'): void {
    if (request.data) {
      const data = request.data;
      void answerDataRequest(data, decision, this.context())
        .then((reply) => {
        this.deliver(reply, request.id);
        if (reply.kind === 'send' && reply.signed > 0) this.stats.requestsSigned++;
        this.changed();
      })
        .catch((err: unknown) => this.note(`data reply failed: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    const reply = request.protocol === 'connections' ? answerConnections(request, decision, this.context()) : answerSignRequest(request, decision, this.context());
    this.deliver(reply, request.id);
    if (reply.kind === 'send' && reply.signed > 0) {
      this.stats.requestsSigned++;
      this.stats.txnsSigned += reply.signed;
      this.changed();
    }
  }

  private deliver(reply: PhoneReply, requestId: string): void {
    if (reply.kind === 'silent') {
      this.note(`no reply to ${requestId}: ${reply.reason}`);
      return;
    }
    this.send(reply.frame);
    const error = reply.envelope?.error;
    this.note(error ? `replied to ${requestId}: error ${error.code} ${error.message}` : `replied to ${requestId}`);
  }

  private send(frame: string): void {
    this.requireOpen().send(frame);
  }

  private requireOpen(): RTCDataChannel {
    const channel = this.link?.channel;
    if (!channel || channel.readyState !== 'open') throw new Error('the data channel is not open');
    return channel;
  }

  private context(): PhoneContext {
    return {
      key: this.options.key,
      providerId: this.options.providerId,
      behaviour: this.behaviour,
      fault: this.fault,
      // The iOS SDK writes upper-case UUIDs as response ids.
      newId: this.behaviour === 'ios' ? () => uuidv7().toUpperCase() : uuidv7,
      seenIds: this.seenIds,
      pendingCount: this.queue.length,
    };
  }

  private dropLink(): boolean {
    const link = this.link;
    this.link = undefined;
    link?.close();
    return link !== undefined;
  }

  private check(attempt: number): void {
    if (attempt !== this.attempt) throw new Error('superseded by a newer connect or a disconnect');
  }

  private remember(at: number, frame: unknown): void {
    this.received.push({ at, frame });
    if (this.received.length > MAX_RECEIVED) this.received.splice(0, this.received.length - MAX_RECEIVED);
  }

  private setPhase(phase: PhonePhase): void {
    this.phase = phase;
    this.changed();
  }

  private note(line: string): void {
    this.log.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    console.debug(`[dev-wallet] ${line}`);
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
