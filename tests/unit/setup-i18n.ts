/**
 * WXT's fake browser leaves `browser.i18n` unimplemented. Unit tests get the extension's own
 * English messages (public/_locales/en), worded as browsers word them (lib/i18n/format-message.ts),
 * and an English-speaking browser.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import english from '../../public/_locales/en/messages.json';
import { formatMessage, type LocaleMessages } from '../../lib/i18n/format-message';

fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | (string | number)[]) =>
  formatMessage(english as LocaleMessages, key, typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []).map(String));
fakeBrowser.i18n.getUILanguage = () => 'en-US';
