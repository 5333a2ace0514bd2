/**
 * Asking for the host permissions of the algod nodes chosen in Settings. Like server-access.ts:
 * `permissions.request` must run inside the click's own task (Firefox refuses it after an await),
 * so callers call this before awaiting anything. A development build's manifest already grants
 * localhost; other https nodes come from the optional `https://*\/*`.
 */
import browser from 'webextension-polyfill';
import { algodHostPattern } from '@/lib/algorand/algod-endpoints';

export function requestAlgodAccess(urls: string[]): Promise<boolean> {
  const patterns = [...new Set(urls.map(algodHostPattern))];
  if (patterns.includes(null)) return Promise.resolve(false);
  if (patterns.length === 0) return Promise.resolve(true);
  try {
    return browser.permissions.request({ origins: patterns as string[] }).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

/** The host permission of the node a request is sent through (a match pattern), from the Approve click. */
export function requestNodeAccess(pattern: string): Promise<boolean> {
  try {
    return browser.permissions.request({ origins: [pattern] }).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}
