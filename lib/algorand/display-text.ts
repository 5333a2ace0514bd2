/**
 * Turning untrusted bytes and strings (notes, asset names, site names, a dApp's messages) into
 * text that reads the same as it renders. Valid UTF-8 is always shown as text, in any script and
 * with its emoji; the characters that would make it read differently from how it renders are
 * shown as visible marks such as `⟨U+202E⟩` inside that text, never raw and never as a reason to
 * hide it: bidi overrides and isolates (which reorder what the user sees, "Trojan Source",
 * CVE-2021-42574), zero-width and other invisible characters, controls, private-use and
 * unassigned code points. Markup is never interpreted: React renders every string as text.
 *
 * Pure: no DOM, no extension APIs, so the background (which describes requests) and the views use it.
 */

// Cc: controls; Cf: format (bidi controls, zero-width joiners/spaces, BOM, tags, soft hyphen);
// Cs: lone surrogates (a dApp's JS string can hold them; they render as U+FFFD);
// Co/Cn: private use and unassigned; Zl/Zp: line and paragraph separators; the variation
// selectors and the combining grapheme joiner (invisible marks); the Hangul and Braille fillers
// and the object/replacement characters, which render as blanks or boxes; and ⟨ itself, so a
// text cannot fake a mark and every mark can be read back (`unmarkText`).
const MARKED = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u034F\u180B-\u180D\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u115F\u1160\u2800\u3164\uFFA0\uFFFC\uFFFD\u27E8]/u;

/**
 * A whole emoji: one of Unicode's recommended (RGI) emoji, including ZWJ sequences such as
 * 👨‍👩‍👧, keycaps and the tag-sequence flags, or an emoji character asking for text
 * presentation (U+FE0E). The joiners, variation selectors and tags inside one belong to it.
 * `\p{RGI_Emoji}` needs the `v` flag (ES2024; Chrome 112, Firefox 116, Node 20), and a `v`-flag
 * class of strings tries its longest strings first, so a family matches as one emoji, not three.
 * Built from a string: TypeScript's target here predates the `v` flag in regex literals.
 */
const EMOJI = new RegExp('\\p{RGI_Emoji}|\\p{Emoji}\\uFE0E', 'gv');

const MARK = /⟨U\+([0-9A-F]{4,6})⟩/g;

function mark(ch: string): string {
  return `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

function markRun(run: string): string {
  return run.replace(new RegExp(MARKED.source, 'gu'), mark);
}

/**
 * The text with every bidi control, invisible or unassigned character replaced by a visible
 * `⟨U+XXXX⟩` mark, except the joiners and selectors inside a whole emoji.
 */
export function safeText(text: string): string {
  let shown = '';
  let from = 0;
  for (const emoji of text.matchAll(EMOJI)) {
    shown += markRun(text.slice(from, emoji.index)) + emoji[0];
    from = emoji.index + emoji[0].length;
  }
  return shown + markRun(text.slice(from));
}

/** Whether `safeText` would change this text. */
export function hasMarks(text: string): boolean {
  return safeText(text) !== text;
}

/** The original text of a `safeText` result (what the hex view of a note encodes). */
export function unmarkText(shown: string): string {
  return shown.replace(MARK, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** These bytes as display text (`safeText`) when they are valid UTF-8; else undefined (show hex). */
export function utf8Text(bytes: Uint8Array): string | undefined {
  const text = decodeUtf8(bytes);
  return text === undefined ? undefined : safeText(text);
}

/**
 * The text of these bytes only if they are valid UTF-8 with nothing to mark; else undefined. For
 * binary values that are often valid UTF-8 by accident (application arguments, box names: an
 * integer 1 is the bytes 00 00 00 00 00 00 00 01), where hex reads better than a row of marks.
 */
export function printableText(bytes: Uint8Array): string | undefined {
  const text = decodeUtf8(bytes);
  return text === undefined || hasMarks(text) ? undefined : text;
}
