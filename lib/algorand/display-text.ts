/**
 * Turning untrusted bytes and strings into text that is safe to show as plain text. "Safe"
 * here means it reads the same as it renders: no control characters, no bidi overrides or
 * isolates (which reorder what the user sees, "Trojan Source", CVE-2021-42574), no
 * zero-width or other invisible format characters, no private-use or unassigned code points.
 */

// Cc: controls; Cf: format (bidi controls, zero-width joiners/spaces, BOM, tags, soft hyphen);
// Cs: lone surrogates (a dApp's JS string can hold them; they render as U+FFFD);
// Co/Cn: private use and unassigned; Zl/Zp: line and paragraph separators; plus the Hangul
// fillers and object/replacement characters, which render as blanks or boxes.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\uFFFC\uFFFD]/u;
const UNSAFE_GLOBAL = new RegExp(UNSAFE.source, 'gu');

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of these bytes if they are valid UTF-8 and every character is safe to show; else undefined. */
export function printableText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
  return UNSAFE.test(text) ? undefined : text;
}

/** A string with every unsafe character replaced by a visible `\u{XXXX}` escape. */
export function safeText(text: string): string {
  return text.replace(UNSAFE_GLOBAL, (ch) => `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`);
}
