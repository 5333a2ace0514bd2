/**
 * Chrome's messages.json format, read without a browser: for the unit tests (vitest has no
 * extension, so `browser.i18n` is not there) and for the check that every language has the same
 * messages. Follows the format as Chrome and MDN define it (2026): a message's `$NAME$` stands for
 * its placeholder's `content`, `$1`…`$9` in that content for the substitutions, and `$$` for `$`.
 */
export interface LocaleMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type LocaleMessages = Record<string, LocaleMessage>;

function substitute(text: string, substitutions: readonly string[]): string {
  return text.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (substitutions[Number(which) - 1] ?? '')));
}

/** The message in `messages` named `key` (case-insensitive, as in browsers), or '' when there is none. */
export function formatMessage(messages: LocaleMessages, key: string, substitutions: readonly string[] = []): string {
  const entry = messages[key] ?? Object.entries(messages).find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
  if (entry === undefined) return '';
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  // Placeholders first (their content may name $1…), then the $1…$9 and $$ left in the text.
  const withPlaceholders = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const content = placeholders[name.toLowerCase()];
    return content === undefined ? whole : substitute(content, substitutions);
  });
  return withPlaceholders.replace(/\$\$/g, '$');
}

/** The placeholder names a message uses, sorted, with the substitution each stands for. */
export function placeholderShape(entry: LocaleMessage): string[] {
  return Object.entries(entry.placeholders ?? {})
    .map(([name, p]) => `${name.toLowerCase()}=${p.content}`)
    .sort();
}
