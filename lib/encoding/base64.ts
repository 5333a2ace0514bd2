/**
 * Base64 for everything Tandem encodes: transaction bytes toward dApps, signatures from the
 * phone, and Liquid data-channel frames. Written out rather than taken from `atob`/`Buffer`
 * because the checks must be exact and identical in the service worker, the offscreen page and
 * Node. It imports nothing, so any context may use it without pulling in algosdk.
 *
 * Writing: standard padded toward dApps (what algosdk and every dApp library decode);
 * base64url without padding in frames (liquid-protocol.md §5).
 * Reading, from strictest to loosest:
 * - `fromBase64Strict`, dApp input: standard alphabet, padded, one spelling per byte string.
 * - `fromBase64Lenient`, values the phone sends: either alphabet (not mixed), padded or not,
 *   still one spelling per byte string (the Android wallet sends padded base64url).
 * - `fromBase64Loose`, whole frames: both alphabets even mixed, any run of trailing `=`, unused
 *   bits ignored. Frames have always been read this way; the CBOR decoder and the envelope
 *   checks after it are what refuse a bad frame.
 */

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function sextetTable(...alphabets: string[]): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (const alphabet of alphabets) for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const STANDARD_TABLE = sextetTable(STANDARD);
const URL_TABLE = sextetTable(URL_SAFE);
const MIXED_TABLE = sextetTable(STANDARD, URL_SAFE);

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

/** Standard, padded base64. */
export function toBase64(bytes: Uint8Array): string {
  return encode(bytes, STANDARD, true);
}

/** base64url without padding, as Tandem writes frames. */
export function toBase64Url(bytes: Uint8Array): string {
  return encode(bytes, URL_SAFE, false);
}

interface DecodeRules {
  /**
   * `standard` only; `either` alphabet, where the first alphabet-specific character decides and a
   * later character of the other one fails; `mixed`, both at once.
   */
  alphabet: 'standard' | 'either' | 'mixed';
  /**
   * `required`: padded to a multiple of four; `optional`: no padding or exactly the right padding;
   * `ignored`: any run of trailing `=` is dropped.
   */
  padding: 'required' | 'optional' | 'ignored';
  /** Whether the last character's unused bits must be zero, so each byte string has one spelling. */
  canonical: boolean;
}

/**
 * The shared decoder. Always rejects (returns null) whitespace, characters outside the alphabet,
 * `=` anywhere but at the end and impossible lengths; the rules say what else it rejects.
 */
function decode(text: string, rules: DecodeRules): Uint8Array | null {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (rules.padding !== 'ignored') {
    const padding = text.length - end;
    if (padding > 2) return null;
    if (padding > 0 && text.length % 4 !== 0) return null;
    if (rules.padding === 'required' && text.length % 4 !== 0) return null;
  }
  if (end % 4 === 1) return null;

  let table: Int16Array | null = rules.alphabet === 'standard' ? STANDARD_TABLE : rules.alphabet === 'mixed' ? MIXED_TABLE : null;
  const sextets = new Uint8Array(end);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return null;
    if (table === null) {
      // 'either': the first alphabet-specific character decides, and a later character of the other one fails.
      if (code === 43 || code === 47) table = STANDARD_TABLE;
      else if (code === 45 || code === 95) table = URL_TABLE;
    }
    const value = (table ?? STANDARD_TABLE)[code]!;
    if (value < 0) return null;
    sextets[i] = value;
  }

  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 3 < end; i += 4) {
    const n = (sextets[i]! << 18) | (sextets[i + 1]! << 12) | (sextets[i + 2]! << 6) | sextets[i + 3]!;
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 255;
    out[o++] = n & 255;
  }
  const rest = end - i;
  if (rest === 2) {
    if (rules.canonical && (sextets[i + 1]! & 15) !== 0) return null;
    out[o++] = (sextets[i]! << 2) | (sextets[i + 1]! >>> 4);
  } else if (rest === 3) {
    if (rules.canonical && (sextets[i + 2]! & 3) !== 0) return null;
    const n = (sextets[i]! << 18) | (sextets[i + 1]! << 12) | (sextets[i + 2]! << 6);
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 255;
  }
  return out;
}

/** What dApps must send: standard alphabet with its padding (ARC-0001 "base64"). */
export function fromBase64Strict(text: string): Uint8Array | null {
  return decode(text, { alphabet: 'standard', padding: 'required', canonical: true });
}

/** What the phone may send as a value: standard or URL-safe alphabet (not mixed), padded or not. */
export function fromBase64Lenient(text: string): Uint8Array | null {
  return decode(text, { alphabet: 'either', padding: 'optional', canonical: true });
}

/** What a frame may be: both alphabets (even mixed), padded, unpadded or over-padded, unused bits ignored. */
export function fromBase64Loose(text: string): Uint8Array | null {
  return decode(text, { alphabet: 'mixed', padding: 'ignored', canonical: false });
}
