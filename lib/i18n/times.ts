/** Clock times and dates in the browser's UI language (not the OS's, which may differ from it). */
import { uiLocale } from './index';

const formats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions, id: string): Intl.DateTimeFormat {
  let format = formats.get(`${id} ${locale}`);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      format = new Intl.DateTimeFormat('en', options);
    }
    formats.set(`${id} ${locale}`, format);
  }
  return format;
}

/** "14:05:09" or "2:05:09 PM", as the locale writes a time of day to the second. */
export function formatClock(at: number, locale: string = uiLocale()): string {
  return dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }, 'clock').format(at);
}

/** A moment with its date, e.g. when the phone proved its account. */
export function formatMoment(at: number, locale: string = uiLocale()): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }, 'moment').format(at);
}
