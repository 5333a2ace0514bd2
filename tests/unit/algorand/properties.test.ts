/**
 * Whatever a page sends, the decoder answers with a Result and never throws: a throw inside the
 * background would leave the dApp's request without its one answer. (The phone-reply checker and
 * the describer are fuzzed with 10,000 inputs each in tests/unit/fuzz.)
 */
import algosdk from 'algosdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWalletTransactions } from '../../../lib/algorand/decode';
import { describeTransactions } from '../../../lib/algorand/describe';
import { warningsFor } from '../../../lib/algorand/warnings';
import { ALICE, BOB, OWN_ACCOUNTS } from '../../fixtures/algorand/accounts';
import { DESCRIBE_CASES } from '../../fixtures/algorand/describe-cases';
import { TESTNET_HASH } from '../../fixtures/algorand/txns';

const RUNS = 2_000;
const SAMPLES = DESCRIBE_CASES.map((c) => algosdk.encodeUnsignedTransaction(c.txn()));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A real transaction with a few bytes overwritten and maybe cut short. */
const mutatedTxn = fc
  .tuple(
    fc.constantFrom(...SAMPLES),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([sample, edits, cut]) => {
    const bytes = sample.slice();
    for (const [at, value] of edits) bytes[at % bytes.length] = value;
    return cut === undefined ? bytes : bytes.slice(0, cut % (bytes.length + 1));
  });

const txnText = fc.oneof(
  fc.string(),
  fc.uint8Array({ maxLength: 300 }).map(b64),
  mutatedTxn.map(b64),
  fc.constantFrom(...SAMPLES).map(b64),
);

const address = fc.oneof(fc.constantFrom(ALICE.addr, BOB.addr), fc.string());

const walletTxn = fc.record(
  {
    txn: fc.oneof(txnText, fc.anything()),
    signers: fc.oneof(fc.array(address, { maxLength: 2 }), fc.anything()),
    authAddr: fc.oneof(address, fc.anything()),
    stxn: fc.oneof(txnText, fc.anything()),
    msig: fc.anything(),
    message: fc.anything(),
  },
  { requiredKeys: ['txn'] },
);

describe('decodeWalletTransactions never throws', () => {
  it('on anything at all', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = decodeWalletTransactions(input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });

  it('on lists of near-valid WalletTransactions, and what it accepts can be described and warned about', () => {
    fc.assert(
      fc.property(fc.array(walletTxn, { minLength: 1, maxLength: 4 }), (txns) => {
        const result = decodeWalletTransactions(txns);
        if (!result.ok) {
          expect([4200, 4201]).toContain(result.error.code);
          expect(result.error.message.length).toBeGreaterThan(0);
          return;
        }
        const descriptions = describeTransactions(result.value, { ownAccounts: OWN_ACCOUNTS });
        expect(JSON.parse(JSON.stringify(descriptions))).toEqual(descriptions);
        warningsFor(result.value, { ownAccounts: OWN_ACCOUNTS, sessionGenesisHash: TESTNET_HASH });
      }),
      { numRuns: RUNS },
    );
  });
});
