import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as decode from '../../../lib/algorand/decode';
import { REFUSALS_PER_WINDOW, REFUSAL_WINDOW_MS } from '../../../entrypoints/background/requests/refusals';
import { TANDEM_PROVIDER_ID, type Arc27Request } from '../../../lib/arc27/types';
import { b64, pay } from '../../fixtures/algorand/txns';
import { createBackground, sender } from './fakes';

vi.mock('../../../lib/algorand/decode', async (original) => {
  const actual = await original<typeof decode>();
  return { ...actual, decodeWalletTransactions: vi.fn(actual.decodeWalletTransactions) };
});

const sign = (n: number): Arc27Request => ({
  id: 's',
  method: 'sign_transactions',
  reference: 'arc0027:sign_transactions:request',
  params: { providerId: TANDEM_PROVIDER_ID, txns: Array.from({ length: n }, () => ({ txn: b64(pay()) })) },
});

describe('refusals (security review finding 8)', () => {
  beforeEach(() => vi.mocked(decode.decodeWalletTransactions).mockClear());

  it('refuses a page with no session before decoding anything', async () => {
    const bg = createBackground();
    const answer = await bg.requests.handle(sender(), 'k', sign(1024), {});
    expect(answer).toMatchObject({ outcome: { ok: false, error: { code: 4100 } } });
    expect(decode.decodeWalletTransactions).not.toHaveBeenCalled();
  });

  it(`answers an origin past ${REFUSALS_PER_WINDOW} refusals in a window from memory, other origins as usual, and again after the window`, async () => {
    const bg = createBackground();
    const writes = () => bg.sitesItem.writes + bg.queueItem.writes;
    for (let i = 0; i < REFUSALS_PER_WINDOW; i++) expect(await bg.requests.handle(sender(), `k${i}`, sign(1), {})).toMatchObject({ outcome: { error: { code: 4100 } } });
    const before = writes();
    const limited = await bg.requests.handle(sender(), 'over', sign(1), {});
    expect(limited).toMatchObject({ outcome: { ok: false, error: { code: 4000, message: expect.stringMatching(/Too many refused requests/) } } });
    expect(writes()).toBe(before);
    expect(await bg.requests.handle(sender({ origin: 'https://other.example' }), 'o', sign(1), {})).toMatchObject({ outcome: { error: { code: 4100 } } });
    bg.advance(REFUSAL_WINDOW_MS);
    expect(await bg.requests.handle(sender(), 'later', sign(1), {})).toMatchObject({ outcome: { error: { code: 4100 } } });
  });
});
