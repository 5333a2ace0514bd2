/** The pairing QR's countdown: the message places it, so a message without its placeholder would drop it. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PairingPanel } from '../../../components/PairingPanel';

describe("the pairing QR's countdown", () => {
  it('is shown after "New code in"', () => {
    const connection = { phase: 'waiting-for-scan' as const, socket: 'connected' as const, updatedAt: 0, link: 'liquid://liquid.example/?requestId=r', linkExpiresAt: Date.now() + 90_000 };
    const html = renderToStaticMarkup(<PairingPanel connection={connection} onPair={() => undefined} onRetry={() => undefined} onCancel={() => undefined} />);
    expect(html).toMatch(/New code in <span data-testid="pairing-countdown">1:(29|30)<\/span>/);
  });
});
