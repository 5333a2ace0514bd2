/** The pairing check's outcome, stored in local:pairingVerification, worded when the popup shows it. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PairingPanel } from '../../../components/PairingPanel';
import { INITIAL_CONNECTION } from '../../../lib/storage/items';
import type { PairingVerification } from '../../../lib/storage/types';

const WALLET = 'K4PCZK3EEP4UC4G4VIT4RM2PHA7Z6IDMOS26RSJUPAFK6NKLZXCE37NE44';
const connection = { ...INITIAL_CONNECTION, phase: 'connected' as const, wallet: WALLET };
const render = (verification: PairingVerification) =>
  renderToStaticMarkup(<PairingPanel connection={connection} verification={verification} onPair={() => undefined} onRetry={() => undefined} onCancel={() => undefined} />);

describe('the verification line', () => {
  it('words a reason stored as a message key', () => {
    const html = render({ state: 'not-verified', requestId: 'r', wallet: WALLET, at: 0, reason: { key: 'verify_refused', params: ['4001'] } });
    expect(html).toContain('Not verified: the phone refused the check (4001). This address rests on the server&#x27;s word.');
  });

  it('shows a reason an earlier version stored as text, as it was stored', () => {
    const html = render({ state: 'not-verified', requestId: 'r', wallet: WALLET, at: 0, reason: 'the phone did not answer the check' });
    expect(html).toContain('Not verified: the phone did not answer the check. This address rests on the server&#x27;s word.');
  });
});
