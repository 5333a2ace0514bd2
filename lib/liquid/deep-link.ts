/**
 * The QR payload (liquid-protocol.md §4): `liquid://<server host>/?requestId=<uuid v7>`.
 * Phones read only the host and talk HTTPS on 443; a local dev server (localhost or a
 * *.localhost name) keeps its port and is reached over plain http. The npm client's `deepLink()` yields `liquid://http://host/...`
 * for an http server, so parsing accepts that form too.
 */

export interface LiquidLink {
  /** host[:port] as in the link. */
  host: string;
  requestId: string;
  /** The HTTP origin a client should talk to for this link. */
  origin: string;
}

export function buildDeepLink(serverUrl: string, requestId: string): string {
  const url = new URL(serverUrl);
  return `liquid://${url.host}/?requestId=${encodeURIComponent(requestId)}`;
}

export function parseDeepLink(link: string): LiquidLink | null {
  const match = /^liquid:\/\/(?:(https?):\/\/)?([^/?#]+)\/?\?(.*)$/.exec(link.trim());
  if (!match) return null;
  const [, scheme, host, query] = match as unknown as [string, string | undefined, string, string];
  const requestId = new URLSearchParams(query).get('requestId');
  if (!requestId) return null;
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host)) return null;
  const local = /^([a-z0-9-]+\.)*localhost(:\d+)?$/i.test(host);
  const protocol = scheme ?? (local ? 'http' : 'https');
  return { host, requestId, origin: `${protocol}://${host}` };
}
