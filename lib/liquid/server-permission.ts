/**
 * The host permission a Liquid Auth server needs. Tandem's manifest grants only the build's default
 * server; any other https server is an optional permission (`https://*\/*`) that the user grants
 * from Settings, and the background checks it before pairing. Match patterns carry no port
 * (Firefox refuses one), so a grant covers every port of the host.
 */

/** `https://liquid.example.com/*` for `https://liquid.example.com:8443`; null for anything that is not http(s). */
export function serverHostPattern(serverUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return `${url.protocol}//${url.hostname}/*`;
}
