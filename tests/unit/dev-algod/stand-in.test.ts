/** The algod stand-in through algosdk's own client, as Tandem talks to a real node. */
import algosdk, { type Account } from 'algosdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAlgodStandIn, type RunningAlgodStandIn } from '../../../dev/algod/app';
import { TESTNET_GENESIS } from '../../../dev/algod/ledger';

const USDC = 10458941n;
let algod: RunningAlgodStandIn;
let client: algosdk.Algodv2;
let alice: Account;
let bob: Account;
let creator: Account;

beforeEach(async () => {
  [alice, bob, creator] = [algosdk.generateAccount(), algosdk.generateAccount(), algosdk.generateAccount()];
  algod = await startAlgodStandIn({
    port: 0,
    seed: {
      assets: [{ index: USDC, creator: creator.addr.toString(), decimals: 6, total: 1_000_000_000n, name: 'USDC', unitName: 'USDC' }],
      accounts: [
        { address: creator.addr.toString(), microAlgos: 10_000_000 },
        { address: alice.addr.toString(), microAlgos: 1_000_000, assets: [{ assetId: USDC, amount: 5_000_000 }] },
      ],
    },
  });
  client = new algosdk.Algodv2('', algod.url);
});

afterEach(async () => {
  await algod.close();
});

async function params() {
  return client.getTransactionParams().do();
}

async function pay(from: Account, to: string, amount: number, extra: { rekeyTo?: algosdk.Address } = {}) {
  return algosdk.makePaymentTxnWithSuggestedParamsFromObject({ sender: from.addr, receiver: to, amount, suggestedParams: await params(), ...extra });
}

async function axfer(from: Account, to: string, amount: number, extra: { closeRemainderTo?: string } = {}) {
  return algosdk.makeAssetTransferTxnWithSuggestedParamsFromObject({ sender: from.addr, receiver: to, amount, assetIndex: USDC, suggestedParams: await params(), ...extra });
}

async function send(...signed: Uint8Array[]) {
  const { txid } = await client.sendRawTransaction(signed).do();
  return algosdk.waitForConfirmation(client, txid, 4);
}

async function balance(account: Account): Promise<bigint> {
  return (await client.accountInformation(account.addr).do()).amount;
}

describe('algod stand-in', () => {
  it('answers status, params and assets in the shapes algosdk decodes', async () => {
    const status = await client.status().do();
    expect(status.lastRound).toBe(1000n);
    const suggested = await params();
    expect(suggested.genesisID).toBe(TESTNET_GENESIS.id);
    expect(algosdk.bytesToBase64(suggested.genesisHash!)).toBe(TESTNET_GENESIS.hash);
    expect(suggested.minFee).toBe(1000n);
    const asset = await client.getAssetByID(USDC).do();
    expect(asset.params).toMatchObject({ decimals: 6, name: 'USDC', unitName: 'USDC' });
    await expect(client.getAssetByID(999).do()).rejects.toThrow(/asset does not exist/);
  });

  it('reports an account with its holdings and minimum balance, and a never-seen one as empty', async () => {
    const info = await client.accountInformation(alice.addr).do();
    expect(info.amount).toBe(1_000_000n);
    expect(info.minBalance).toBe(200_000n);
    expect(info.assets?.map((h) => [h.assetId, h.amount])).toEqual([[USDC, 5_000_000n]]);
    const unseen = await client.accountInformation(bob.addr).do();
    expect(unseen.amount).toBe(0n);
    expect(unseen.authAddr).toBeUndefined();
  });

  it('applies a signed payment and confirms it', async () => {
    const txn = await pay(alice, bob.addr.toString(), 300_000);
    const confirmed = await send(txn.signTxn(alice.sk));
    expect(confirmed.confirmedRound).toBe(1001n);
    expect(await balance(bob)).toBe(300_000n);
    expect(await balance(alice)).toBe(1_000_000n - 300_000n - 1_000n);
  });

  it('refuses what algod refuses: overspend, below minimum balance, not opted in, bad signature', async () => {
    const overspend = await pay(alice, bob.addr.toString(), 2_000_000);
    await expect(send(overspend.signTxn(alice.sk))).rejects.toThrow(/overspend/);
    const belowMin = await pay(alice, bob.addr.toString(), 50_000);
    await expect(send(belowMin.signTxn(alice.sk))).rejects.toThrow(/balance 50000 below min 100000/);
    const notOptedIn = await axfer(alice, bob.addr.toString(), 1);
    await expect(send(notOptedIn.signTxn(alice.sk))).rejects.toThrow(new RegExp(`asset ${USDC} missing from ${bob.addr.toString()}`));
    const forged = await pay(alice, bob.addr.toString(), 200_000);
    await expect(send(forged.signTxn(bob.sk))).rejects.toThrow(/should have been authorized by/);
    expect(await balance(alice)).toBe(1_000_000n);
  });

  it('opts in, transfers and closes out an asset; a failing group changes nothing', async () => {
    await send((await pay(alice, bob.addr.toString(), 500_000)).signTxn(alice.sk));
    await send((await axfer(bob, bob.addr.toString(), 0)).signTxn(bob.sk));
    await send((await axfer(alice, bob.addr.toString(), 2_000_000)).signTxn(alice.sk));
    const closing = await axfer(alice, bob.addr.toString(), 1_000_000, { closeRemainderTo: bob.addr.toString() });
    const confirmed = await send(closing.signTxn(alice.sk));
    expect(confirmed.assetClosingAmount).toBe(2_000_000n);
    const bobInfo = await client.accountInformation(bob.addr).do();
    expect(bobInfo.assets?.[0]?.amount).toBe(5_000_000n);
    expect((await client.accountInformation(alice.addr).do()).assets ?? []).toEqual([]);

    const ok = await pay(bob, alice.addr.toString(), 1_000);
    const overspend = await pay(bob, alice.addr.toString(), 10_000_000);
    const [a, b] = algosdk.assignGroupID([ok, overspend]);
    await expect(send(a!.signTxn(bob.sk), b!.signTxn(bob.sk))).rejects.toThrow(/overspend/);
    expect(await balance(alice)).toBe(1_000_000n - 500_000n - 3_000n);
  });

  it('follows a rekey: the new key signs, the old one no longer does', async () => {
    const rekey = await pay(alice, alice.addr.toString(), 0, { rekeyTo: bob.addr });
    await send(rekey.signTxn(alice.sk));
    expect((await client.accountInformation(alice.addr).do()).authAddr?.toString()).toBe(bob.addr.toString());
    const byOldKey = await pay(alice, creator.addr.toString(), 1_000);
    await expect(send(byOldKey.signTxn(alice.sk))).rejects.toThrow(/signature/);
    const byNewKey = await pay(alice, creator.addr.toString(), 1_000);
    await send(byNewKey.signTxn(bob.sk));
  });

  it('simulates unsigned groups without changing the ledger, and says where one fails', async () => {
    const ok = await pay(alice, bob.addr.toString(), 300_000);
    const request = (txns: algosdk.Transaction[]) =>
      new algosdk.modelsv2.SimulateRequest({
        txnGroups: [new algosdk.modelsv2.SimulateRequestTransactionGroup({ txns: txns.map((txn) => new algosdk.SignedTransaction({ txn })) })],
        allowEmptySignatures: true,
        allowUnnamedResources: true,
      });
    const passed = await client.simulateTransactions(request([ok])).do();
    expect(passed.txnGroups[0]!.failureMessage).toBeUndefined();
    expect(passed.txnGroups[0]!.txnResults[0]!.txnResult.txn.txn.txID()).toBe(ok.txID());
    expect(await balance(bob)).toBe(0n);

    const fine = await pay(alice, bob.addr.toString(), 1_000);
    const overspend = await pay(alice, bob.addr.toString(), 5_000_000);
    const failed = await client.simulateTransactions(request(algosdk.assignGroupID([fine, overspend]))).do();
    expect(failed.txnGroups[0]!.failedAt).toEqual([1]);
    expect(failed.txnGroups[0]!.failureMessage).toMatch(/overspend/);
  });

  it('answers an app call simulation with "not evaluated", never a made-up result', async () => {
    const call = algosdk.makeApplicationNoOpTxnFromObject({ sender: alice.addr, appIndex: 1234, suggestedParams: await params() });
    const request = new algosdk.modelsv2.SimulateRequest({
      txnGroups: [new algosdk.modelsv2.SimulateRequestTransactionGroup({ txns: [new algosdk.SignedTransaction({ txn: call })] })],
      allowEmptySignatures: true,
    });
    await expect(client.simulateTransactions(request).do()).rejects.toThrow(/not evaluated/);
  });

  it('counts every request, and refuses requests without its token when it has one', async () => {
    const before = algod.requestCount();
    await client.status().do();
    expect(algod.requestCount()).toBe(before + 1);
    const guarded = await startAlgodStandIn({ port: 0, token: 'secret' });
    try {
      await expect(new algosdk.Algodv2('', guarded.url).status().do()).rejects.toThrow(/Invalid API Token/);
      await new algosdk.Algodv2({ 'X-Algo-API-Token': 'secret' }, guarded.url).status().do();
    } finally {
      await guarded.close();
    }
  });

  it('takes seeds over HTTP for development', async () => {
    const response = await fetch(`${algod.url}/stand-in/seed`, { method: 'POST', body: JSON.stringify({ accounts: [{ address: bob.addr.toString(), microAlgos: '7000000' }] }) });
    expect(response.status).toBe(200);
    expect(await balance(bob)).toBe(7_000_000n);
    const bad = await fetch(`${algod.url}/stand-in/seed`, { method: 'POST', body: JSON.stringify({ accounts: [{ address: 'nope', microAlgos: 1 }] }) });
    expect(bad.status).toBe(400);
  });
});
