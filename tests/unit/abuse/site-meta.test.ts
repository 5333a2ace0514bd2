/** The page's self-declared name and icon, as the background keeps them for prompts and the sites list. */
import { describe, expect, it } from 'vitest';
import { parseSiteMeta } from '../../../lib/messaging/content-protocol';

describe('parseSiteMeta', () => {
  it('escapes bidi controls and invisible characters instead of keeping them', () => {
    expect(parseSiteMeta({ name: 'Pay \u202Eevil\u200B site\u2066' })).toEqual({ name: 'Pay ⟨U+202E⟩evil⟨U+200B⟩ site⟨U+2066⟩' });
  });

  it('keeps markup as text and cuts at 80 code points, never inside a surrogate pair', () => {
    const name = `${'🦊'.repeat(79)}<img src=x onerror=alert(1)>`;
    const cut = parseSiteMeta({ name }).name!;
    expect(Array.from(cut)).toHaveLength(80);
    expect(cut.endsWith('🦊<')).toBe(true);
    expect(parseSiteMeta({ name: '<img src=x onerror=alert(1)>' }).name).toBe('<img src=x onerror=alert(1)>');
  });

  it('drops names that are blank, not strings or over 10,000 characters, and icons that are not http(s)', () => {
    expect(parseSiteMeta({ name: '   ' })).toEqual({});
    expect(parseSiteMeta({ name: 42 })).toEqual({});
    expect(parseSiteMeta({ name: 'x'.repeat(10_001) })).toEqual({});
    expect(parseSiteMeta({ icon: 'javascript:alert(1)' })).toEqual({});
    expect(parseSiteMeta({ icon: 'https://example.org/icon.png' })).toEqual({ icon: 'https://example.org/icon.png' });
    expect(parseSiteMeta('name')).toEqual({});
  });
});
