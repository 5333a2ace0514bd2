/**
 * Signaling and the data channel, phone side (liquid-protocol.md §3, §5): the phone is the
 * OFFERER. It opens a Socket.IO connection with the session that the passkey step linked to the
 * wallet (so the server puts the socket in the wallet's room), then runs the published client's
 * `peer(requestId, 'answer')`, which creates the `liquid` channel, sends `offer-description` /
 * `offer-candidate` and waits for `answer-description` / `answer-candidate`.
 *
 * Workarounds for liquid-client 1.0.0-canary.5 (read 2026):
 * - `signal()` throws "Not authenticated" unless `link()` or `attestation()` ran on the same
 *   instance; we authenticate through our own passkey calls, so we set `authenticated` ourselves.
 *   It must be set before `peer()`: the offer is emitted first and the check comes after it.
 * - `peer()` resolves when the channel object exists, not when it is open, and never rejects
 *   when nobody answers: we wait for `open` under our own deadline.
 * - The default transports start with long-polling and upgrade; an offer sent mid-upgrade is
 *   late by ~100 ms. The constructor forwards socket.io options, so we ask for websocket only.
 * - `peer()`'s default config is Google STUN with a candidate pool; we always pass our own.
 */
import { SignalClient } from '@algorandfoundation/liquid-client/signal';

export const DATA_CHANNEL_LABEL = 'liquid';

export interface PeerLinkOptions {
  /** Server origin; the page must be served from it so the session cookie goes with the socket. */
  origin: string;
  requestId: string;
  iceServers: RTCIceServer[];
  /** Deadline for the socket to connect, in ms. */
  connectTimeoutMs?: number;
  /** Deadline from the offer to the channel being open, in ms. */
  openTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface PeerLink {
  channel: RTCDataChannel;
  peerConnection: RTCPeerConnection;
  /** Closes the channel, the peer connection and the signaling socket. Idempotent. */
  close(): void;
}

/** Resolves once the `liquid` channel is open; rejects with a clear reason otherwise. */
export async function openPeerLink(options: PeerLinkOptions): Promise<PeerLink> {
  const { origin, requestId, iceServers, connectTimeoutMs = 10_000, openTimeoutMs = 20_000 } = options;
  const log = options.log ?? (() => {});
  const client = new SignalClient(origin, { transports: ['websocket'], forceNew: true, autoConnect: true });
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    try {
      client.peerClient?.close();
    } catch {
      // already closed
    }
    client.close(true);
  };

  try {
    await waitForSocket(client, connectTimeoutMs);
    log(`signaling socket connected (${client.socket.io.engine?.transport?.name ?? '?'})`);
    client.authenticated = true;
    client.on('offer-description', () => log('offer sent'));
    client.on('answer-description', () => log('answer received'));

    const channel = await withDeadline(
      client.peer(requestId, 'answer', { iceServers }).then((ch) => waitForOpen(ch)),
      openTimeoutMs,
      `the data channel did not open within ${openTimeoutMs} ms (no answer from the extension?)`,
    );
    const peerConnection = client.peerClient;
    if (!peerConnection) throw new Error('liquid-client did not create a peer connection');
    // The socket stays connected (a phone stays online in the wallet's room), but candidates relayed
    // to the room from now on belong to other pairings of the same address; liquid-client would
    // feed them to this connection and leave the failed addIceCandidate promise unhandled.
    client.socket.off('answer-candidate');
    if (channel.label !== DATA_CHANNEL_LABEL) log(`unexpected channel label ${channel.label}`);
    return {
      channel,
      peerConnection,
      close: () => {
        try {
          channel.close();
        } catch {
          // already closed
        }
        close();
      },
    };
  } catch (err) {
    close();
    throw err;
  }
}

function waitForSocket(client: SignalClient, timeoutMs: number): Promise<void> {
  if (client.socket.connected) return Promise.resolve();
  return withDeadline(
    new Promise<void>((resolve, reject) => {
      client.socket.once('connect', () => resolve());
      client.socket.once('connect_error', (err: Error) => reject(new Error(`signaling socket failed: ${err.message}`)));
    }),
    timeoutMs,
    `the signaling socket did not connect within ${timeoutMs} ms`,
  );
}

function waitForOpen(channel: RTCDataChannel): Promise<RTCDataChannel> {
  if (channel.readyState === 'open') return Promise.resolve(channel);
  return new Promise((resolve, reject) => {
    channel.addEventListener('open', () => resolve(channel), { once: true });
    channel.addEventListener('close', () => reject(new Error('the data channel closed before it opened')), { once: true });
  });
}

function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
