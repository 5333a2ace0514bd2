import { describe, expect, it } from 'vitest';
import { wordSentence } from '../../../lib/i18n/words';
import { decodeWalletTransactions, type DecodedTxn } from '../../../lib/algorand/decode';
import { describeTransaction, describeTransactions, type TxnType } from '../../../lib/algorand/describe';
import { warningsFor } from '../../../lib/algorand/warnings';
import type { WalletTransaction } from '../../../lib/arc27/types';
import { ALICE, BOB, CAROL, OWN_ACCOUNTS } from '../../fixtures/algorand/accounts';
import { DESCRIBE_CASES } from '../../fixtures/algorand/describe-cases';
import { grouped, pay, TESTNET_HASH, wtx, axfer } from '../../fixtures/algorand/txns';

function decodeOk(txns: WalletTransaction[]): DecodedTxn[] {
  const result = decodeWalletTransactions(txns);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('describeTransaction and warningsFor, per transaction kind', () => {
  it.each(DESCRIBE_CASES)('$name', (c) => {
    const [decoded] = decodeOk([wtx(c.txn(), c.wallet)]);
    const description = describeTransaction(decoded!, {
      ownAccounts: OWN_ACCOUNTS,
      ...(c.assetDecimals ? { assetDecimals: c.assetDecimals } : {}),
    });

    expect(description).toMatchObject(c.expected);
    const rows = Object.fromEntries(description.details.map((r) => [r.label, r.value]));
    expect(rows).toMatchObject(c.details ?? {});
    expect(description.txId).toBe(decoded!.txn.txID());
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);

    const warnings = warningsFor([decoded!], { ownAccounts: OWN_ACCOUNTS, sessionGenesisHash: TESTNET_HASH });
    expect(warnings.map((w) => ({ kind: w.kind, severity: w.severity }))).toEqual(c.warnings);
    for (const w of warnings) {
      expect(w.index).toBe(0);
      expect(wordSentence(w.message).length).toBeGreaterThan(10);
    }
  });

  it('covers every transaction type', () => {
    const types = new Set<TxnType>();
    for (const c of DESCRIBE_CASES) {
      const [decoded] = decodeOk([wtx(c.txn(), c.wallet)]);
      types.add(describeTransaction(decoded!, { ownAccounts: [] }).type);
    }
    expect([...types].sort()).toEqual(['acfg', 'afrz', 'appl', 'axfer', 'hb', 'keyreg', 'pay', 'stpf']);
  });
});

describe('describeTransactions', () => {
  it('gives each member of a group its 1-based position, the size and the group id', () => {
    const txns = grouped([pay(), axfer({ sender: CAROL.addr, receiver: ALICE.addr }), pay({ sender: BOB.addr })]);
    const decoded = decodeOk(txns.map((t, i) => wtx(t, i === 1 ? { signers: [] } : {})));
    const groupId = Buffer.from(txns[0]!.group!).toString('base64');
    const descriptions = describeTransactions(decoded, { ownAccounts: OWN_ACCOUNTS });
    expect(descriptions.map((d) => d.group)).toEqual([
      { position: 1, size: 3, groupId },
      { position: 2, size: 3, groupId },
      { position: 3, size: 3, groupId },
    ]);
    expect(descriptions.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(descriptions.map((d) => d.signer)).toEqual([ALICE.addr, null, BOB.addr]);
  });

  it('leaves out group, note, lease, rekeyTo and closeTo when absent (no undefined values)', () => {
    const [decoded] = decodeOk([wtx(pay())]);
    const description = describeTransaction(decoded!, { ownAccounts: [] });
    for (const key of ['group', 'note', 'lease', 'rekeyTo', 'closeTo', 'assetId', 'appId', 'onComplete']) {
      expect(Object.keys(description)).not.toContain(key);
    }
    expect(Object.values(description)).not.toContain(undefined);
  });

  it("carries the dApp's messages escaped and cut, apart from what the wallet says", () => {
    const [a, b] = grouped([pay(), pay({ amount: 2n })]);
    const decoded = decodeOk([
      { ...wtx(a!), message: 'Buy \u202Eevil\uD800', groupMessage: 'x'.repeat(600) } as WalletTransaction,
      wtx(b!),
    ]);
    const [first, second] = describeTransactions(decoded, { ownAccounts: [] });
    // A lone surrogate renders as a replacement box: escaped like the bidi override.
    expect(first!.dappMessage).toBe('Buy ⟨U+202E⟩evil⟨U+D800⟩');
    expect(first!.dappGroupMessage).toBe(`${'x'.repeat(500)}…`);
    expect(second).not.toHaveProperty('dappMessage');
  });

  it("names a LocalNet session's network from the context", () => {
    const hash = Buffer.alloc(32, 7).toString('base64');
    const txn = pay({
      suggestedParams: {
        fee: 1000n,
        minFee: 1000n,
        flatFee: true,
        firstValid: 1n,
        lastValid: 2n,
        genesisID: 'dockernet-v1',
        genesisHash: new Uint8Array(32).fill(7),
      },
    });
    const [decoded] = decodeOk([wtx(txn)]);
    expect(describeTransaction(decoded!, { ownAccounts: [] }).networkName).toBeUndefined();
    const named = describeTransaction(decoded!, { ownAccounts: [], network: { genesisHash: hash, name: 'LocalNet' } });
    expect(named.networkName).toBe('LocalNet');
  });
});
