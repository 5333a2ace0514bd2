/** Every language says the same things: the same messages, with the same placeholders. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMessage, placeholderShape, type LocaleMessages } from '../../../lib/i18n/format-message';
import { t } from '../../../lib/i18n';

const LOCALES = new URL('../../../public/_locales/', import.meta.url);
const read = (lang: string) => JSON.parse(readFileSync(new URL(`${lang}/messages.json`, LOCALES), 'utf8')) as LocaleMessages;
const languages = readdirSync(LOCALES);
const english = read('en');

describe('messages.json', () => {
  it('ships English and Spanish', () => {
    expect(languages.sort()).toEqual(['en', 'es']);
  });

  it.each(languages)('%s has exactly the English keys', (lang) => {
    expect(Object.keys(read(lang)).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(languages)('%s gives each message the same placeholders as English', (lang) => {
    const messages = read(lang);
    for (const [key, entry] of Object.entries(english)) {
      expect([key, placeholderShape(messages[key]!)]).toEqual([key, placeholderShape(entry)]);
    }
  });

  it.each(languages)('%s uses every placeholder it declares, and declares every one it uses', (lang) => {
    for (const [key, entry] of Object.entries(read(lang))) {
      expect(entry.message.trim(), key).not.toBe('');
      const used = [...entry.message.replace(/\$\$/g, '').matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase());
      const declared = Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase());
      expect([key, [...new Set(used)].sort()]).toEqual([key, declared.sort()]);
      // A lone $ would be read by the browser as the start of a placeholder.
      expect(entry.message.replace(/\$\$|\$[A-Za-z0-9_@]+\$/g, ''), key).not.toContain('$');
    }
  });

  it('names every message as Chrome requires (letters, digits, _ and @; no @@ prefix)', () => {
    for (const key of Object.keys(english)) expect(key).toMatch(/^(?!@@)[A-Za-z0-9_@]+$/);
  });
});

describe('formatMessage', () => {
  const messages: LocaleMessages = {
    greet: { message: 'Hi $WHO$, $$5 from $FROM$', placeholders: { who: { content: '$1' }, from: { content: '$2' } } },
  };
  it('puts substitutions in their placeholders, names case-insensitively, and $$ as $', () => {
    expect(formatMessage(messages, 'GREET', ['Ana', 'Bo'])).toBe('Hi Ana, $5 from Bo');
  });
  it('gives an empty string for an unknown message, as browsers do', () => {
    expect(formatMessage(messages, 'nope')).toBe('');
  });
  it('words the Spanish file', () => {
    expect(formatMessage(read('es'), 'sign_heading_many', ['3'])).toBe('¿Firmar 3 transacciones?');
  });
});

describe('t', () => {
  it('reads English in unit tests', () => {
    expect(t('sign_heading_many', 3)).toBe('Sign 3 transactions?');
  });
});
