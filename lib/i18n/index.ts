/**
 * Every text Tandem shows goes through here: `t(key, ...substitutions)` over `browser.i18n`, which
 * reads `public/_locales/<language>/messages.json` in the browser's UI language (English when the
 * language has no file: `default_locale` in wxt.config.ts). The keys are typed from the English
 * file, so a key that does not exist there is a compile error.
 *
 * Texts made outside the view (warnings, pairing failures, request errors) are kept as a `Message`
 * (a key and its parameters) and worded when shown, so what is stored never depends on a language.
 */
import type english from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;

/** A text to word later: a message key and its parameters (plain text, an amount, or another message). */
export interface Message {
  key: MessageKey;
  params?: MessageParam[];
}

/** An amount of microAlgos (decimal string), worded in the reader's locale when shown. */
export interface MicroAlgosParam {
  microAlgos: string;
}

export type MessageParam = string | Message | MicroAlgosParam;

export function message(key: MessageKey, ...params: MessageParam[]): Message {
  return params.length === 0 ? { key } : { key, params };
}

interface I18nApi {
  getMessage(key: string, substitutions?: string[]): string;
  getUILanguage(): string;
}

/**
 * The extension's i18n API, read where it is needed rather than through the polyfill: both of its
 * calls are synchronous in every browser, and this module is also loaded outside an extension (the
 * bench and the dev tools run under Node), where the polyfill refuses to load at all.
 */
function i18nApi(): I18nApi | undefined {
  const scope = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return scope.browser?.i18n ?? scope.chrome?.i18n;
}

/** The text of `key` in the browser's language; `key` itself if the build has no such message (or outside an extension). */
export function t(key: MessageKey, ...substitutions: (string | number | bigint)[]): string {
  const text = i18nApi()?.getMessage(key, substitutions.map(String)) ?? '';
  return text === '' ? key : text;
}

/** The browser's UI language (BCP 47, e.g. "es-419"), the locale numbers and times are written in. */
export function uiLocale(): string {
  try {
    return i18nApi()?.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}
