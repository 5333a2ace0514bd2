/** A Liquid Auth server's origin, the form in which Tandem stores and compares servers. */

/** `https://host[:port]` of an http(s) URL; null for anything else. */
export function originOf(serverUrl: string): string | null {
  if (!URL.canParse(serverUrl)) return null;
  const url = new URL(serverUrl);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
}
