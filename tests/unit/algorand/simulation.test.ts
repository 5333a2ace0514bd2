/** Simulation summaries from fixtures built with algosdk's own SimulateResponse models (algod's shapes). */
import algosdk, { modelsv2 } from 'algosdk';
import { describe, expect, it } from 'vitest';
import { simulationGroups, summarizeSimulation } from '../../../lib/algorand/simulation';
import type { AssetInfo } from '../../../lib/algorand/facts';

const [ME, DAPP, APP_ACCOUNT] = [algosdk.generateAccount(), algosdk.generateAccount(), algosdk.generateAccount()].map((a) => a.addr.toString()) as [string, string, string];
const PARAMS = { fee: 1000, flatFee: true, minFee: 1000, firstValid: 1, lastValid: 100, genesisID: 'testnet-v1.0', genesisHash: new Uint8Array(32) };
const USDC: AssetInfo = { id: '31566704', decimals: 6, name: 'USD Coin', unitName: 'USDC' };
const ASSETS = new Map([[USDC.id, USDC]]);

const pay = (from: string, to: string, amount: number, closeRemainderTo?: string) =>
  algosdk.makePaymentTxnWithSuggestedParamsFromObject({ sender: from, receiver: to, amount, closeRemainderTo, suggestedParams: PARAMS });
const axfer = (from: string, to: string, amount: number) =>
  algosdk.makeAssetTransferTxnWithSuggestedParamsFromObject({ sender: from, receiver: to, amount, assetIndex: BigInt(USDC.id), suggestedParams: PARAMS });
const call = () => algosdk.makeApplicationNoOpTxnFromObject({ sender: ME, appIndex: 1234, suggestedParams: PARAMS });

function result(txn: algosdk.Transaction, extra: Partial<ConstructorParameters<typeof modelsv2.PendingTransactionResponse>[0]> = {}) {
  return new modelsv2.PendingTransactionResponse({ poolError: '', txn: new algosdk.SignedTransaction({ txn }), ...extra });
}

function response(groups: { results: modelsv2.PendingTransactionResponse[]; failedAt?: number[]; failureMessage?: string; appBudgetConsumed?: number; appBudgetAdded?: number }[]) {
  return new modelsv2.SimulateResponse({
    version: 2,
    lastRound: 100,
    txnGroups: groups.map(
      (g) =>
        new modelsv2.SimulateTransactionGroupResult({
          txnResults: g.results.map((txnResult) => new modelsv2.SimulateTransactionResult({ txnResult })),
          failedAt: g.failedAt,
          failureMessage: g.failureMessage,
          appBudgetConsumed: g.appBudgetConsumed,
          appBudgetAdded: g.appBudgetAdded,
        }),
    ),
  });
}

describe('summarizeSimulation', () => {
  const cases: { name: string; sim: modelsv2.SimulateResponse; starts?: number[]; expected: object }[] = [
    {
      name: 'a payment: the amount and the fee leave the account',
      sim: response([{ results: [result(pay(ME, DAPP, 1_500_000))] }]),
      expected: { wouldSucceed: true, changes: [{ account: ME, asset: 'ALGO', label: 'ALGO', change: '-1.501000' }], inner: [] },
    },
    {
      name: 'a close-out: the closing amount leaves too',
      sim: response([{ results: [result(pay(ME, DAPP, 1_000, DAPP), { closingAmount: 2_000_000 })] }]),
      expected: { changes: [{ asset: 'ALGO', change: '-2.002000' }] },
    },
    {
      name: 'an app call whose inner transactions pay the user, with the opcode budget',
      sim: response([
        {
          appBudgetConsumed: 512,
          appBudgetAdded: 700,
          results: [
            result(axfer(ME, APP_ACCOUNT, 10_000_000)),
            result(call(), {
              innerTxns: [result(pay(APP_ACCOUNT, ME, 4_000_000), { innerTxns: [result(axfer(APP_ACCOUNT, ME, 250_000))] })],
            }),
          ],
        },
      ]),
      expected: {
        wouldSucceed: true,
        budget: { consumed: 512, added: 700 },
        changes: [
          { asset: 'ALGO', change: '+3.998000' },
          { asset: USDC.id, label: 'USDC (USD Coin)', change: '-9.750000' },
        ],
        inner: [
          { parentIndex: 1, depth: 1, text: expect.stringMatching(/^Payment of 4\.000000 ALGO to /) },
          { parentIndex: 1, depth: 2, text: expect.stringMatching(/^Asset transfer of 0\.250000 USDC \(USD Coin\) to /) },
        ],
      },
    },
    {
      name: 'a failing second group: its message and the failing transaction by request index',
      sim: response([{ results: [result(pay(ME, DAPP, 1))] }, { results: [result(pay(ME, DAPP, 1)), result(pay(ME, DAPP, 9))], failedAt: [1], failureMessage: 'overspend' }]),
      starts: [0, 1],
      expected: { wouldSucceed: false, failure: { txnIndex: 2, message: 'overspend' } },
    },
  ];

  it.each(cases)('$name', ({ sim, starts, expected }) => {
    // Through algod's JSON shape and back, as a node's answer arrives.
    const decoded = algosdk.decodeJSON(algosdk.encodeJSON(sim), modelsv2.SimulateResponse);
    expect(summarizeSimulation(decoded, starts ?? [0], [ME], ASSETS)).toMatchObject(expected);
  });
});

describe('simulationGroups', () => {
  it('splits a request into its atomic groups and lone transactions', () => {
    const lone = pay(ME, DAPP, 1);
    const [a, b] = algosdk.assignGroupID([pay(ME, DAPP, 2), pay(ME, DAPP, 3)]);
    const { starts, groups } = simulationGroups([lone, a!, b!, pay(ME, DAPP, 4)]);
    expect(starts).toEqual([0, 1, 3]);
    expect(groups.map((g) => g.length)).toEqual([1, 2, 1]);
  });
});
