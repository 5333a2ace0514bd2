/**
 * Base64 codecs for the wire. The server answers in base64url without padding and, like the real Liquid Auth
 * server, accepts padded and standard base64 on input (Kotlin clients pad).
 */

const BASE64_ANY = /^[A-Za-z0-9+/_-]*={0,2}$/;

export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Decodes base64url or standard base64, padded or not; `undefined` when the text is not base64 at all. */
export function fromBase64Any(text: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof text !== 'string' || !BASE64_ANY.test(text)) return undefined;
  const unpadded = text.replace(/=+$/, '');
  // A single leftover character cannot encode a byte: Buffer would silently drop it.
  if (unpadded.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(unpadded.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url'));
}

/** Re-encodes any accepted base64 form as canonical base64url; `undefined` when the text is not base64. */
export function canonicalBase64Url(text: unknown): string | undefined {
  const bytes = fromBase64Any(text);
  return bytes === undefined ? undefined : toBase64Url(bytes);
}
