import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { assetLabel, computeFacts, formatKnownAsset, largestHoldings, type AccountSnapshot, type AssetInfo } from '../../../lib/algorand/facts';

const [ME, OTHER, AUTH] = [algosdk.generateAccount(), algosdk.generateAccount(), algosdk.generateAccount()].map((a) => a.addr.toString()) as [string, string, string];
const PARAMS = { fee: 1000, flatFee: true, minFee: 1000, firstValid: 1, lastValid: 100, genesisID: 'testnet-v1.0', genesisHash: new Uint8Array(32) };
const USDC: AssetInfo = { id: '31566704', decimals: 6, name: 'USD Coin', unitName: 'USDC' };

const pay = (from: string, to: string, amount: number, closeRemainderTo?: string) =>
  algosdk.makePaymentTxnWithSuggestedParamsFromObject({ sender: from, receiver: to, amount, closeRemainderTo, suggestedParams: PARAMS });
const axfer = (from: string, to: string, amount: number, assetIndex = 31566704) =>
  algosdk.makeAssetTransferTxnWithSuggestedParamsFromObject({ sender: from, receiver: to, amount, assetIndex, suggestedParams: PARAMS });

function snapshot(microAlgos: number, assets: [string, number][] = [], authAddr?: string): AccountSnapshot {
  return { address: ME, microAlgos: BigInt(microAlgos), minBalance: 100_000n + 100_000n * BigInt(assets.length), authAddr, assets: new Map(assets.map(([id, n]) => [id, BigInt(n)])) };
}

describe('asset amounts', () => {
  it.each([
    [1_000_000n, USDC, '1.000000 USDC (USD Coin)'],
    [1_250n, { id: '5', decimals: 2, unitName: 'TT' }, '12.50 TT'],
    [7n, { id: '5', decimals: 0, name: 'Ticket' }, '7 Ticket'],
    [1_250n, { id: '5', decimals: 2 }, '12.50 asset 5'],
    [1_250n, null, '1250 of asset 5'],
    [1_250n, { id: '5', decimals: 25, unitName: 'BAD' }, '1250 of asset 5'],
  ] as const)('%s with %j reads %s', (amount, info, text) => {
    expect(formatKnownAsset(amount, info?.id ?? '5', info)).toBe(text);
  });

  it('labels an asset by unit and name, once when they are the same', () => {
    expect(assetLabel('1', { id: '1', decimals: 0, unitName: 'ALGX', name: 'ALGX' })).toBe('ALGX');
    expect(assetLabel('1', undefined)).toBe('asset 1');
  });
});

describe('computeFacts', () => {
  it('names each asset amount and derives the balances after the group', () => {
    const facts = computeFacts([axfer(ME, OTHER, 2_500_000), pay(ME, OTHER, 1_000_000), pay(OTHER, ME, 300_000)], [ME], new Map([[ME, snapshot(5_000_000, [[USDC.id, 10_000_000]])]]), new Map([[USDC.id, USDC]]));
    expect(facts.amounts).toEqual({ 0: '2.500000 USDC (USD Coin)' });
    expect(facts.balances).toEqual([
      { account: ME, asset: 'ALGO', label: 'ALGO', before: '5.000000', after: '4.298000', change: '-0.702000', belowMinimum: false },
      { account: ME, asset: USDC.id, label: 'USDC (USD Coin)', before: '10.000000', after: '7.500000', change: '-2.500000', belowMinimum: false },
    ]);
  });

  it('moves the remainder of a close-out and flags what falls below the minimum or below zero', () => {
    const closing = computeFacts([pay(ME, OTHER, 1_000, AUTH)], [ME], new Map([[ME, snapshot(2_000_000)]]), new Map());
    expect(closing.balances[0]).toMatchObject({ after: '0.000000', change: '-2.000000', belowMinimum: false });
    const tooMuch = computeFacts([pay(ME, OTHER, 1_950_000)], [ME], new Map([[ME, snapshot(2_000_000)]]), new Map());
    expect(tooMuch.balances[0]).toMatchObject({ after: '0.049000', belowMinimum: true });
    const overspend = computeFacts([pay(ME, OTHER, 3_000_000)], [ME], new Map([[ME, snapshot(2_000_000)]]), new Map());
    expect(overspend.balances[0]).toMatchObject({ after: '-1.001000', belowMinimum: true });
  });

  it('reports a rekeyed account and leaves out accounts it has no snapshot of', () => {
    const facts = computeFacts([pay(ME, OTHER, 1)], [ME, OTHER], new Map([[ME, snapshot(1_000_000, [], AUTH)]]), new Map());
    expect(facts.rekeyed).toEqual([{ account: ME, authAddr: AUTH }]);
    expect(facts.balances.map((b) => b.account)).toEqual([ME]);
  });
});

describe('largestHoldings', () => {
  it('ranks holdings by amount with decimals applied, and leaves out empty ones', () => {
    const holdings = new Map([
      ['1', 5_000_000n], // 5 USDC-like (6 decimals)
      ['2', 700n], // 700 tickets (0 decimals)
      ['3', 0n],
      ['4', 12_345n], // unknown asset: base units
    ]);
    const assets = new Map<string, AssetInfo | null>([
      ['1', { id: '1', decimals: 6, unitName: 'USDC' }],
      ['2', { id: '2', decimals: 0, name: 'Ticket' }],
      ['3', { id: '3', decimals: 0, name: 'Empty' }],
      ['4', null],
    ]);
    expect(largestHoldings(holdings, assets, 2)).toEqual([
      { label: 'asset 4', amount: '12345' },
      { label: 'Ticket', amount: '700' },
    ]);
    expect(largestHoldings(holdings, assets, 5).map((h) => h.label)).toEqual(['asset 4', 'Ticket', 'USDC']);
  });
});
