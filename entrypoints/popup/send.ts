/** The view's only way to change anything: a typed request to the background. */
import browser from 'webextension-polyfill';
import { request } from '@/lib/messaging/channel';
import { popupChannel, type PopupCatalogue } from '@/lib/messaging/popup-protocol';
import type { Reply } from '@/lib/messaging/result';

export function send<K extends keyof PopupCatalogue>(kind: K, payload: PopupCatalogue[K]['request'], deadlineMs = 15_000): Promise<Reply<PopupCatalogue[K]['response']>> {
  return request(popupChannel, (m) => browser.runtime.sendMessage(m), kind, payload, deadlineMs);
}
