/** The pairing screen names the chosen wallet app when its server refuses Tandem's origin (issue #18). */
import { describe, expect, it } from 'vitest';
import { failureText } from '../../../components/failure-text';
import { originRefusedMessage } from '../../../lib/liquid/origin-refusal';

const REFUSED = { reason: 'origin-refused' as const, message: originRefusedMessage('chrome-extension://abcdefghijklmnop') };

describe('failureText', () => {
  it("names the wallet app whose server refused Tandem's origin", () => {
    expect(failureText(REFUSED, 'Biatec Wallet')).toBe("Biatec Wallet's Liquid Auth server does not accept Tandem (origin chrome-extension://abcdefghijklmnop). Ask its operator to allow it.");
  });

  it('keeps the message for a server of no known wallet app, and for other failures', () => {
    expect(failureText(REFUSED)).toBe(REFUSED.message);
    const other = { reason: 'server-unreachable' as const, message: 'Cannot reach the Liquid Auth server at https://liquid.biatec.io: offline' };
    expect(failureText(other, 'Biatec Wallet')).toBe(other.message);
  });
});
