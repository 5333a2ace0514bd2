/**
 * The data-channel frame codec (liquid-protocol.md §5): each frame is a string holding
 * base64url(CBOR(envelope)). The Android reference wallet's first frame is plain JSON
 * (`{"type":"credential", ...}`); the iOS reference SDK's first frames are the text `ping`; the
 * connections envelope is JSON text (lib/phone/connections.ts). Decoding never throws: a bad frame
 * is reported, not fatal.
 */
import { decode, encode } from 'cbor-x';
import { fromBase64Loose, toBase64Url } from '../encoding/base64';
import { describeError } from '../result';

/** Keep each frame's CBOR under this many bytes (the JS provider library throws above it). */
export const MAX_FRAME_CBOR_BYTES = 255_000;

/**
 * What actually crosses the data channel is the base64url text, 4/3 of the CBOR, and Chromium's
 * RTCDataChannel.send throws above 262,144 bytes (max-message-size; checked on Chromium 156). So
 * frames are sized by their text, with headroom, in both directions. The bound also keeps frames
 * under the 350,000 characters above which Biatec Wallet drops a frame silently (liquid-protocol.md §8).
 */
export const MAX_FRAME_TEXT_CHARS = 250_000;

/** The base64url length of `cborBytes` bytes of CBOR. */
export function textLengthOf(cborBytes: number): number {
  return Math.ceil((cborBytes * 4) / 3);
}

export type DecodedFrame =
  | { kind: 'envelope'; envelope: Record<string, unknown> }
  | { kind: 'credential'; credential: Record<string, unknown> }
  /** The iOS reference SDK's keep-alive: the plain text `ping`, sent ten times when the channel opens. */
  | { kind: 'ping' }
  | { kind: 'invalid'; reason: string };

/** The iOS reference SDK's keep-alive frame (liquid-protocol.md §8): not JSON, not CBOR. */
export const PING_FRAME = 'ping';

export function encodeFrame(envelope: object): string {
  return toBase64Url(encode(envelope));
}

/** The CBOR size of an envelope, for splitting requests under MAX_FRAME_CBOR_BYTES. */
export function frameCborSize(envelope: object): number {
  return encode(envelope).length;
}

export function decodeFrame(frame: unknown): DecodedFrame {
  if (typeof frame !== 'string') return { kind: 'invalid', reason: 'frame is not a string' };
  const text = frame.trim();
  if (text === PING_FRAME) return { kind: 'ping' };
  if (text.startsWith('{')) return decodeJsonFrame(text);
  const bytes = fromBase64Loose(text);
  if (!bytes || bytes.length === 0) return { kind: 'invalid', reason: 'frame is not base64url' };
  let value: unknown;
  try {
    value = decode(bytes);
  } catch (err) {
    return { kind: 'invalid', reason: `frame is not CBOR: ${describeError(err)}` };
  }
  if (!isPlainRecord(value)) return { kind: 'invalid', reason: 'frame is not a CBOR map' };
  if (!isPlainData(value)) return { kind: 'invalid', reason: 'frame holds more than plain CBOR data' };
  return { kind: 'envelope', envelope: value };
}

function decodeJsonFrame(text: string): DecodedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'frame starts with { but is not JSON' };
  }
  if (!isPlainRecord(value)) return { kind: 'invalid', reason: 'JSON frame is not an object' };
  if (value.type === 'credential') return { kind: 'credential', credential: value };
  return { kind: 'envelope', envelope: value };
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Whether a decoded value holds only the plain CBOR data model: maps, arrays, text and byte
 * strings, numbers, big integers, booleans, null and undefined, each map or array reached once.
 * cbor-x also turns tags into Dates, Sets, Errors, RegExps, typed arrays and Tag objects, and
 * tags 28/29 into shared and circular references; no phone writes those (Jackson's CBOR has
 * none, liquid-protocol.md §5), and a cycle would break every later copy of the envelope
 * (runtime messaging, storage). Walked with a stack: nesting depth is the sender's choice.
 */
function isPlainData(root: object): boolean {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) {
      if (typeof value === 'function' || typeof value === 'symbol') return false;
      continue;
    }
    if (value instanceof Uint8Array) continue; // a byte string (a Buffer under Node)
    if (seen.has(value)) return false;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) pending.push(value[i]);
    } else if (isPlainRecord(value)) {
      for (const key of Object.keys(value)) pending.push(value[key]);
    } else {
      return false;
    }
  }
  return true;
}
