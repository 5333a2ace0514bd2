import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasMarks, printableText, safeText, unmarkText, utf8Text } from '@/lib/algorand/display-text';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('utf8Text: valid UTF-8 is always text', () => {
  it.each([
    ['emoji', 'Dinner 🍕 — thanks! 🎉'],
    ['a ZWJ family', 'Dinner 🍕 — thanks! 👨‍👩‍👧'],
    ['skin tones and a ZWJ profession', '👩🏽‍💻 👍🏿'],
    ['a keycap and a variation selector', '1️⃣ ❤️'],
    ['a tag-sequence flag', 'from 🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
    ['Arabic', 'شكرا على العشاء'],
    ['Hebrew', 'תודה על הארוחה'],
    ['CJK and accents', '晚餐 — café, naïve'],
    ['markup', '<img src=x onerror=alert(1)><script>alert(2)</script>'],
  ])('shows %s exactly as written', (_, text) => {
    expect(utf8Text(utf8(text))).toBe(text);
  });

  it('marks a bidi override inside the text instead of hiding the text', () => {
    expect(utf8Text(utf8('pay \u202Eevil\u202C now'))).toBe('pay ⟨U+202E⟩evil⟨U+202C⟩ now');
  });

  it('marks the isolates and the markup stays literal around them', () => {
    expect(utf8Text(utf8('\u2068<img src=x onerror=alert(1)>\u2069 \u202E'))).toBe('⟨U+2068⟩<img src=x onerror=alert(1)>⟨U+2069⟩ ⟨U+202E⟩');
  });

  it('marks zero-width and invisible characters', () => {
    expect(utf8Text(utf8('a\u200Bb\u200Cc\u2060d\uFEFFe\u00ADf\u3164g\u2800h'))).toBe(
      'a⟨U+200B⟩b⟨U+200C⟩c⟨U+2060⟩d⟨U+FEFF⟩e⟨U+00AD⟩f⟨U+3164⟩g⟨U+2800⟩h',
    );
  });

  it('marks controls, private use and the replacement character', () => {
    expect(utf8Text(utf8('a\u0000b\nc\u{F0000}d\uFFFD'))).toBe('a⟨U+0000⟩b⟨U+000A⟩c⟨U+F0000⟩d⟨U+FFFD⟩');
  });

  it('marks a joiner or variation selector outside an emoji, keeps it inside one', () => {
    expect(utf8Text(utf8('👨‍👩‍👧 a\u200Db x\uFE0F'))).toBe('👨‍👩‍👧 a⟨U+200D⟩b x⟨U+FE0F⟩');
    // A joiner dangling after a whole emoji is not part of it.
    expect(utf8Text(utf8('👍\u200D'))).toBe('👍⟨U+200D⟩');
    // Tags are part of a flag, not free-standing.
    expect(utf8Text(utf8('x\u{E0067}'))).toBe('x⟨U+E0067⟩');
  });

  it('returns undefined for bytes that are not UTF-8, so the view shows hex', () => {
    expect(utf8Text(Uint8Array.of(0xff, 0xfe, 0x41))).toBeUndefined();
    expect(utf8Text(Uint8Array.of(0xc3))).toBeUndefined();
    // An encoded surrogate is not valid UTF-8.
    expect(utf8Text(Uint8Array.of(0xed, 0xa0, 0x80))).toBeUndefined();
  });

  it('keeps a leading byte-order mark visible instead of swallowing it', () => {
    expect(utf8Text(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('⟨U+FEFF⟩A');
  });
});

describe('safeText on strings (asset names, site names, dApp messages)', () => {
  it('marks a lone surrogate, which renders as a box', () => {
    expect(safeText('Buy \u202Eevil\uD800')).toBe('Buy ⟨U+202E⟩evil⟨U+D800⟩');
  });

  it('marks a literal ⟨ so a text cannot fake a mark', () => {
    expect(safeText('⟨U+202E⟩')).toBe('⟨U+27E8⟩U+202E⟩');
  });

  it('leaves ordinary text alone', () => {
    expect(hasMarks('USDC · Tether ✓')).toBe(false);
    expect(hasMarks('USD\u200BC')).toBe(true);
  });
});

describe('unmarkText gives back the exact text (for the hex view)', () => {
  it('on the cases above', () => {
    for (const text of ['pay \u202Eevil', '⟨U+202E⟩', '👨‍👩‍👧 a\u200Db', '\u{F0000}\u0000']) expect(unmarkText(safeText(text))).toBe(text);
  });

  it('on any well-formed string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => unmarkText(safeText(text)) === text));
  });
});

describe('printableText: binary values keep hex unless they are plain text', () => {
  it('is the text when nothing needs a mark', () => {
    expect(printableText(utf8('transfer'))).toBe('transfer');
  });

  it('is undefined for an integer that is valid UTF-8 by accident, or any marked character', () => {
    expect(printableText(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1))).toBeUndefined();
    expect(printableText(utf8('a\u202Eb'))).toBeUndefined();
  });
});
