import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { createNetworkReads, type AlgodReader } from '../../../entrypoints/background/network-reads';
import { MAINNET, TESTNET } from '../../../lib/algorand/networks';
import { DEFAULT_SETTINGS } from '../../../lib/storage/items';
import type { QueuedSign, Settings } from '../../../lib/storage/types';

const ME = algosdk.generateAccount().addr.toString();
const OTHER = algosdk.generateAccount().addr.toString();

function request(): QueuedSign {
  const txn = algosdk.makeAssetTransferTxnWithSuggestedParamsFromObject({
    sender: ME,
    receiver: OTHER,
    amount: 150,
    assetIndex: 9,
    suggestedParams: { fee: 1000, flatFee: true, minFee: 1000, firstValid: 1, lastValid: 10, genesisID: TESTNET.genesisId, genesisHash: algosdk.base64ToBytes(TESTNET.genesisHash) },
  });
  return {
    key: 'k',
    tabId: 1,
    frameId: 0,
    origin: 'https://dapp.example',
    createdAt: 0,
    method: 'sign_transactions',
    genesisHash: TESTNET.genesisHash,
    genesisId: TESTNET.genesisId,
    txns: [{ txn: Buffer.from(algosdk.encodeUnsignedTransaction(txn)).toString('base64') }],
    descriptions: [{ signer: ME, sender: ME, senderIsOwn: true } as QueuedSign['descriptions'][number]],
    warnings: [],
    stage: 'awaiting-approval',
  };
}

function setup(settings: Partial<Settings> = {}, granted = true, genesis = TESTNET.genesisHash) {
  const calls: string[] = [];
  let now = 0;
  const reader: AlgodReader = {
    account: async (address) => (calls.push(`account ${address}`), { address, microAlgos: 1_000_000n, minBalance: 200_000n, assets: new Map([['9', 1_000n]]) }),
    asset: async (id) => (calls.push(`asset ${id}`), { id, decimals: 2, unitName: 'TT' }),
    genesisHash: async () => (calls.push('genesis'), genesis),
    simulate: async (groups) => (calls.push(`simulate ${groups.length}`), new algosdk.modelsv2.SimulateResponse({ version: 2, lastRound: 1, txnGroups: [] })),
  };
  const reads = createNetworkReads({
    settings: async () => ({ ...DEFAULT_SETTINGS, ...settings }),
    hasHostAccess: async () => granted,
    reader: (endpoint) => (calls.push(`reader ${endpoint.url}`), reader),
    now: () => now,
  });
  return { reads, calls, advance: (ms: number) => (now += ms) };
}

describe('network reads', () => {
  it('reads the accounts and assets of a request from its network node', async () => {
    const { reads, calls } = setup();
    const reply = await reads.factsFor(request());
    expect(reply).toMatchObject({ state: 'ok', host: 'localhost:4180', facts: { amounts: { 0: '1.50 TT' } } });
    expect(calls).toEqual(['reader http://localhost:4180', 'genesis', 'simulate 1', `account ${ME}`, 'asset 9']);
  });

  it('asks nothing when reads are off, and nothing without the host permission', async () => {
    const off = setup({ networkReads: false });
    expect(await off.reads.factsFor(request())).toEqual({ state: 'off' });
    expect(off.calls).toEqual([]);
    const denied = setup({}, false);
    expect(await denied.reads.factsFor(request())).toEqual({ state: 'not-allowed', host: 'localhost:4180', pattern: 'http://localhost/*' });
    expect(denied.calls).toEqual([]);
  });

  it('refuses a node on another network, asking it only once', async () => {
    const { reads, calls } = setup({}, true, MAINNET.genesisHash);
    expect(await reads.factsFor(request())).toEqual({ state: 'failed', host: 'localhost:4180', message: 'the node is not on TestNet' });
    await reads.factsFor(request());
    expect(calls.filter((c) => c === 'genesis')).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('account'))).toEqual([]);
  });

  it('says so when the network has no node', async () => {
    const { reads } = setup({ algod: { ...DEFAULT_SETTINGS.algod, testnet: { url: '', tokenHeader: '', token: '' } } });
    expect(await reads.factsFor(request())).toEqual({ state: 'no-node', network: 'TestNet' });
  });

  it('keeps asset parameters for a while, per node', async () => {
    const { reads, calls, advance } = setup();
    await reads.factsFor(request());
    await reads.factsFor(request());
    expect(calls.filter((c) => c.startsWith('asset'))).toHaveLength(1);
    advance(11 * 60_000);
    await reads.factsFor(request());
    expect(calls.filter((c) => c.startsWith('asset'))).toHaveLength(2);
  });

  it('turns a failing node into "failed" with its message', async () => {
    const reads = createNetworkReads({
      settings: async () => DEFAULT_SETTINGS,
      hasHostAccess: async () => true,
      reader: () => ({
        account: async () => Promise.reject(new Error('connection refused')),
        asset: async () => null,
        genesisHash: async () => TESTNET.genesisHash,
        simulate: async () => Promise.reject(new Error('connection refused')),
      }),
      now: () => 0,
    });
    expect(await reads.factsFor(request())).toEqual({ state: 'failed', host: 'localhost:4180', message: 'connection refused' });
  });

  it('gives the home view the balance per network, and nothing when reads are off', async () => {
    const { reads } = setup();
    expect(await reads.balancesFor(ME, [TESTNET.genesisHash, TESTNET.genesisHash])).toEqual([
      { network: 'TestNet', state: 'ok', account: ME, algo: '1.000000', holdings: [{ label: 'TT', amount: '10.00' }] },
    ]);
    const off = setup({ networkReads: false });
    expect(await off.reads.balancesFor(ME, [TESTNET.genesisHash])).toEqual([{ network: '', state: 'off', message: 'Network reads are off' }]);
    expect(off.calls).toEqual([]);
  });
});
