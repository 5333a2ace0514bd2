/**
 * Base64 for transaction bytes, written out rather than taken from `atob`/`Buffer` because
 * the checks must be strict (one spelling per byte string) and identical in the service
 * worker, the offscreen page and Node.
 *
 * Toward dApps: standard alphabet, padded (what algosdk and every dApp library decode).
 * From the phone: either alphabet, padded or not (the Android wallet sends padded base64url).
 */

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function sextetTable(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const STANDARD_TABLE = sextetTable(STANDARD);
const URL_TABLE = sextetTable(URL_SAFE);

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

type Alphabet = 'standard' | 'url' | 'either';

/**
 * The shared decoder. Rejects (returns null) whitespace, characters of neither alphabet, a
 * mix of both alphabets, misplaced or excess padding, impossible lengths and non-zero unused
 * bits, so every accepted string decodes to exactly one byte string and re-encodes to itself.
 */
function decode(text: string, alphabet: Alphabet, requirePadding: boolean): Uint8Array | null {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  const padding = text.length - end;
  if (padding > 2) return null;
  if (padding > 0 && text.length % 4 !== 0) return null;
  if (requirePadding && text.length % 4 !== 0) return null;
  if (end % 4 === 1) return null;

  let table: Int16Array | null = alphabet === 'url' ? URL_TABLE : alphabet === 'standard' ? STANDARD_TABLE : null;
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
    if ((sextets[i + 1]! & 15) !== 0) return null;
    out[o++] = (sextets[i]! << 2) | (sextets[i + 1]! >>> 4);
  } else if (rest === 3) {
    if ((sextets[i + 2]! & 3) !== 0) return null;
    const n = (sextets[i]! << 18) | (sextets[i + 1]! << 12) | (sextets[i + 2]! << 6);
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 255;
  }
  return out;
}

/** What dApps must send: standard alphabet with its padding (ARC-0001 "base64"). */
export function fromBase64Strict(text: string): Uint8Array | null {
  return decode(text, 'standard', true);
}

/** What the phone may send: standard or URL-safe alphabet (not mixed), padded or not. */
export function fromBase64Lenient(text: string): Uint8Array | null {
  return decode(text, 'either', false);
}
