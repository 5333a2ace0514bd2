import { describe, expect, it } from 'vitest';
import { postOutcome } from '../../../lib/algorand/post-outcome';
import { TANDEM_PROVIDER_ID } from '../../../lib/arc27/types';

const IDS = ['A', 'B', 'C', 'D'];
const BATCHES = [
  { start: 0, end: 1 },
  { start: 1, end: 3 },
  { start: 3, end: 4 },
];

describe('postOutcome (the 4300 mapping)', () => {
  it('answers every id when every batch was confirmed', () => {
    expect(postOutcome(IDS, BATCHES, [{ ok: true }, { ok: true }, { ok: true }])).toEqual({ ok: true, result: { providerId: TANDEM_PROVIDER_ID, txnIDs: IDS } });
  });

  it.each([
    ['the first alone', [{ ok: false, message: 'overspend' }, { ok: true }, { ok: true }], [null, 'B', 'C', 'D'], 'stxns[0] failed: overspend', '3 of 4'],
    ['a group', [{ ok: true }, { ok: false, message: 'below min' }, { ok: true }], ['A', null, null, 'D'], 'the group stxns[1..2] failed: below min', '2 of 4'],
    ['everything', [{ ok: false, message: 'x' }, { ok: false, message: 'y' }, { ok: false, message: 'z' }], [null, null, null, null], 'stxns[0] failed: x', '0 of 4'],
  ] as const)('gives 4300 with successTxnIDs when %s failed', (_name, results, successTxnIDs, where, count) => {
    const outcome = postOutcome(IDS, BATCHES, results);
    expect(outcome).toMatchObject({ ok: false, error: { code: 4300, data: { successTxnIDs } } });
    expect(!outcome.ok && outcome.error.message).toContain(where);
    expect(!outcome.ok && outcome.error.message).toContain(`${count} transactions were confirmed`);
  });

  it('counts a batch with no result as not sent', () => {
    expect(postOutcome(IDS, BATCHES, [{ ok: true }])).toMatchObject({ ok: false, error: { data: { successTxnIDs: ['A', null, null, null] } } });
  });
});
