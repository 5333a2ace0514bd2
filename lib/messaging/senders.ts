/**
 * Who sent a runtime message. The origin of a page always comes from MessageSender, never
 * from the payload. Extension pages (popup, approval window, offscreen) are privileged by URL:
 * the approval window is a tab of a popup window, so "no sender.tab" cannot be the test.
 */
import browser, { type Runtime } from 'webextension-polyfill';

export function extensionOrigin(): string {
  return new URL(browser.runtime.getURL('/')).origin;
}

/** True for the extension's own pages (popup, approval window, options, offscreen document). */
export function isExtensionPage(sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id || !sender.url) return false;
  try {
    return new URL(sender.url).origin === extensionOrigin();
  } catch {
    return false;
  }
}

export interface PageSender {
  origin: string;
  tabId: number;
  frameId: number;
  url: string;
  /** A subframe's top-level origin ('' when the browser does not tell); absent for a top-level page. */
  embeddedIn?: string;
}

/** A content script in a web page: its tab, frame and true origin, or null when not one. */
export function pageSender(sender: Runtime.MessageSender): PageSender | null {
  if (sender.id !== browser.runtime.id || !sender.tab || sender.tab.id === undefined || !sender.url) return null;
  let origin: string;
  try {
    origin = new URL(sender.url).origin;
  } catch {
    return null;
  }
  // Chrome reports the frame's origin separately (it differs from the URL for about:blank frames).
  const reported = (sender as { origin?: string }).origin;
  if (reported && reported !== origin) origin = reported;
  if (!/^https?:\/\//.test(origin)) return null;
  // Chrome says when a document is prerendered, in the back/forward cache or going away: such a
  // page is not the one the user sees, and may not ask for anything (Chrome 106+; Firefox has no
  // such field, and its content scripts do not run in prerendered pages).
  const lifecycle = (sender as { documentLifecycle?: string }).documentLifecycle;
  if (lifecycle !== undefined && lifecycle !== 'active') return null;
  return { origin, tabId: sender.tab.id, frameId: sender.frameId ?? 0, url: sender.url };
}
