/**
 * The host permission a Liquid Auth server needs. Tandem's manifest grants only the build's default
 * server; any other server must be https and is an optional permission (`https://*\/*`) that the
 * user grants in the pairing screen's wallet step, and the background checks it before pairing. Plain
 * http is usable only for the default server's host and its subdomains (a dev build's localhost and
 * *.localhost, where the e2e tests run a second server): the extension pages' CSP lists no other
 * http or ws origin (wxt.config.ts). Match patterns carry no port (Firefox refuses one), so a grant
 * covers every port of the host.
 */

/**
 * `https://liquid.example.com/*` for `https://liquid.example.com:8443`; null for a server Tandem may
 * not use: not a URL, not http(s), or plain http on another host than `defaultServerUrl`'s (or a
 * subdomain of it).
 */
export function serverHostPattern(serverUrl: string, defaultServerUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return null;
  }
  if (url.protocol === 'http:') {
    const fallback = URL.canParse(defaultServerUrl) ? new URL(defaultServerUrl) : null;
    if (fallback?.protocol !== 'http:' || (fallback.hostname !== url.hostname && !url.hostname.endsWith(`.${fallback.hostname}`))) return null;
  } else if (url.protocol !== 'https:') {
    return null;
  }
  return `${url.protocol}//${url.hostname}/*`;
}
