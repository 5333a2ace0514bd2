/**
 * A phone that misbehaves: raw frames on the data channel, a record of the frames the dev wallet
 * really sent (to replay them), and hand-made CBOR frames. Works on the dev wallet page.
 */
import { expect } from '@playwright/test';
import { encode } from 'cbor-x';
import { decodeFrame, encodeFrame } from '../../../lib/liquid/frames';
import { toBase64Url } from '../../../lib/encoding/base64';
import type { WalletPage } from './wallet-page';

type WalletWindow = {
  sentFrames?: string[];
  devWallet: { pending(): { requestId: string; count: number }[]; approve(requestId?: string): Promise<void>; sendRawFrame(frame: string): void };
};

/** From now on, every frame the wallet page sends on any data channel is also kept in `window.sentFrames`. */
export async function recordSentFrames(wallet: WalletPage): Promise<void> {
  await wallet.page.evaluate(() => {
    const w = window as unknown as WalletWindow;
    if (w.sentFrames) return;
    const sent: string[] = [];
    w.sentFrames = sent;
    const send = RTCDataChannel.prototype.send;
    RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: string) {
      if (typeof data === 'string') sent.push(data);
      return (send as (this: RTCDataChannel, d: string) => void).call(this, data);
    } as typeof RTCDataChannel.prototype.send;
  });
}

export function sentFrames(wallet: WalletPage): Promise<string[]> {
  return wallet.page.evaluate(() => [...((window as unknown as WalletWindow).sentFrames ?? [])]);
}

/** The requestId of the sign request waiting on the phone (auto-approve off), once there is one. */
export async function pendingOnPhone(wallet: WalletPage): Promise<string> {
  let id: string | undefined;
  await expect.poll(async () => (id = await wallet.page.evaluate(() => (window as unknown as WalletWindow).devWallet.pending()[0]?.requestId))).toBeDefined();
  return id!;
}

export async function approveOnPhone(wallet: WalletPage, requestId: string): Promise<void> {
  await wallet.page.evaluate((id) => (window as unknown as WalletWindow).devWallet.approve(id), requestId);
}

/** Sends a frame; returns the error text when the wallet's browser refuses to send it. */
export function trySendRawFrame(wallet: WalletPage, frame: string): Promise<string | null> {
  return wallet.page.evaluate((f) => {
    try {
      (window as unknown as WalletWindow).devWallet.sendRawFrame(f);
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }, frame);
}

/** A frame as the phone would encode it: base64url(CBOR(envelope)). */
export const cborFrame = (envelope: object): string => encodeFrame(envelope);

/** Any value as CBOR in a frame (a string, an array: not an envelope). */
export const cborValueFrame = (value: unknown): string => toBase64Url(encode(value));

/** Raw bytes as a frame (for CBOR that is not an envelope, or not CBOR at all). */
export const bytesFrame = (bytes: Uint8Array): string => toBase64Url(bytes);

/** The envelope inside a frame the phone sent (throws if it is not one). */
export function envelopeOf(frame: string): Record<string, unknown> {
  const decoded = decodeFrame(frame);
  if (decoded.kind !== 'envelope') throw new Error(`not an envelope frame: ${decoded.kind}`);
  return decoded.envelope;
}
