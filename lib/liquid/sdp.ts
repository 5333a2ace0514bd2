/** What Tandem reads from an SDP. */

/** `a=fingerprint:sha-256 AB:CD:…` of an SDP (Tandem's answer), or '' when it has none. */
export function dtlsFingerprint(sdp: string): string {
  const match = /^a=fingerprint:(\S+) (\S+)/m.exec(sdp);
  return match ? `${match[1]} ${match[2]}` : '';
}
