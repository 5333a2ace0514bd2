import { describe, expect, it } from 'vitest';
import { showsPairingQr } from '@/components/format';

const link = 'liquid://localhost:3000/?requestId=01a202d8-ce5b-752d-9793-b0968ef97b52';

describe('the pairing QR', () => {
  it('is not shown while Tandem is still contacting the server: its link is not registered yet', () => {
    expect(showsPairingQr({ phase: 'starting', link })).toBe(false);
  });

  it('is shown once the link is registered, and for a re-scan', () => {
    expect(showsPairingQr({ phase: 'waiting-for-scan', link })).toBe(true);
    expect(showsPairingQr({ phase: 'phone-offline', link })).toBe(true);
  });

  it('stays up through a server outage but not after the link timed out', () => {
    expect(showsPairingQr({ phase: 'failed', link, failure: { reason: 'server-unreachable', message: '' } })).toBe(true);
    expect(showsPairingQr({ phase: 'failed', link, failure: { reason: 'link-timeout', message: '' } })).toBe(false);
  });

  it('is never shown without a link or once linked', () => {
    expect(showsPairingQr({ phase: 'waiting-for-scan', link: undefined })).toBe(false);
    for (const phase of ['linked', 'connecting', 'connected', 'unpaired'] as const) expect(showsPairingQr({ phase, link })).toBe(false);
  });
});
