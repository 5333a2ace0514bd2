/** The phones list (#16): one row per phone with its own state, and the limit on pairing another. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PairAnother, PhonesList, type PhoneEntry } from '@/components/PhonesList';
import { LegProgress } from '@/components/LegProgress';
import { MAX_PAIRINGS } from '@/lib/peer/peer-links';
import type { ConnectionState, Pairing } from '@/lib/liquid/types';

const A = 'K4PCZK3EEP4UC4G4VIT4RM2PHA7Z6IDMOS26RSJUPAFK6NKLZXCE37NE44';
const pairing = (requestId: string): Pairing => ({ server: 'https://liquid.example', requestId, wallet: A, credId: 'c', pairedAt: 0, phone: null });
const entry = (requestId: string, name: string, state: Partial<ConnectionState>): PhoneEntry => ({
  pairing: pairing(requestId),
  name,
  state: { phase: 'connected', socket: 'connected', updatedAt: 0, ...state },
  verification: null,
});
const none = () => undefined;

describe('the phones list', () => {
  const html = renderToStaticMarkup(
    <PhonesList
      phones={[
        entry('r1', 'Pera', {}),
        entry('r2', 'Defly', { phase: 'phone-offline', link: 'liquid://liquid.example/?requestId=r2' }),
        entry('r3', 'Phone 3', { phase: 'failed', failure: { reason: 'channel-failed', message: 'The channel closed' } }),
      ]}
      onRetry={none}
      onUnpair={none}
      onVerify={none}
    />,
  );

  it("shows each phone with its own phase and name", () => {
    expect([...html.matchAll(/data-request-id="(\w+)" data-phase="([\w-]+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['r1', 'connected'],
      ['r2', 'phone-offline'],
      ['r3', 'failed'],
    ]);
    expect(html).toContain('Pera');
    expect(html).toContain('Phone offline');
  });

  it("gives the offline phone its re-scan link and the failed one Retry, each once", () => {
    expect(html.match(/data-testid="phone-link"/g)).toHaveLength(1);
    expect(html).toContain('liquid://liquid.example/?requestId=r2');
    expect(html.match(/data-testid="phone-retry"/g)).toHaveLength(1);
    expect(html).toContain('The channel closed');
  });

  it('names the phone each Unpair button unpairs', () => {
    expect(html).toContain('aria-label="Unpair Defly"');
  });
});

describe('pairing another phone', () => {
  it('is offered below the limit', () => {
    expect(renderToStaticMarkup(<PairAnother paired={MAX_PAIRINGS - 1} onPair={none} />)).toContain('Pair another phone');
  });

  it('says the limit once reached', () => {
    const html = renderToStaticMarkup(<PairAnother paired={MAX_PAIRINGS} onPair={none} />);
    expect(html).not.toContain('Pair another phone');
    expect(html).toContain(`You can pair up to ${MAX_PAIRINGS} phones.`);
  });
});

describe("a request's progress over several phones", () => {
  it("says which phone signed, which one waits for the user and which is next", () => {
    const html = renderToStaticMarkup(
      <LegProgress
        steps={[
          { pairingId: 'r1', state: 'done' },
          { pairingId: 'r2', state: 'current' },
          { pairingId: 'r3', state: 'waiting' },
        ]}
        nameOf={(id) => ({ r1: 'Pera', r2: 'Defly', r3: 'Phone 3' })[id]!}
      />,
    );
    expect(html).toContain('Pera: signed');
    expect(html).toContain('Defly: waiting for you to confirm on the phone');
    expect(html).toContain('Phone 3: next');
    expect(html).toContain('aria-current="step"');
  });

  it('says when the phone whose turn it is is offline, rather than that it waits for the user', () => {
    const html = renderToStaticMarkup(
      <LegProgress
        steps={[
          { pairingId: 'r1', state: 'done' },
          { pairingId: 'r2', state: 'current' },
        ]}
        nameOf={(id) => ({ r1: 'Pera', r2: 'Defly' })[id]!}
        offline
      />,
    );
    expect(html).toContain('Defly: offline<');
    expect(html).not.toContain('waiting for you to confirm');
    expect(html).toContain('data-offline="true"');
    expect(html).toContain('Pera: signed');
  });
});
