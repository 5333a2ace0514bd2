/**
 * Asking the user for the host permission of a Liquid Auth server chosen in Settings. The manifest
 * grants only the build's default server; others come from the optional `https://*\/*`.
 * `permissions.request` must be called inside the click's own task (Firefox refuses it after an
 * await: "may only be called from a user input handler", MDN 2026), so callers make this call before
 * awaiting anything. It answers true at once, without a prompt, for a host already granted.
 */
import browser from 'webextension-polyfill';
import { serverHostPattern } from '@/lib/liquid/server-permission';

export function requestServerAccess(serverUrl: string): Promise<boolean> {
  // Not a URL, not http(s), or plain http on another host than the build's own server: not allowed.
  const pattern = serverHostPattern(serverUrl, __TANDEM_DEFAULT_SERVER__);
  if (pattern === null) return Promise.resolve(false);
  // Firefox refuses to request a host that the manifest already grants (it is not an optional
  // permission: "not declared in optional_permissions", checked with ESR 140), while Chrome answers
  // true at once. So ask whether it is granted alongside, in the same task as the request.
  const origins = [pattern];
  const granted = browser.permissions.contains({ origins }).catch(() => false);
  let asked: Promise<boolean>;
  try {
    asked = browser.permissions.request({ origins }).catch(() => false);
  } catch {
    asked = Promise.resolve(false);
  }
  return Promise.all([granted, asked]).then(([has, given]) => has || given);
}
