/**
 * The v4 custom provider inside use-wallet v4's real WalletManager (the copy @txnlab/use-wallet-react
 * 4.x brings), talking to a fake Tandem: the same behaviour as the v5 adapter.
 */
import { WalletId, WalletManager, type CustomProvider } from '@txnlab/use-wallet-react';
import algosdk from 'algosdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignTxnsError, TandemProvider } from '../../../packages/use-wallet-tandem/src/v4/index';
import { TANDEM_PROVIDER_ID } from '../../../packages/use-wallet-tandem/src/protocol';
import { TESTNET_HASH, arc27Failure, defaultHandlers, installFakeTandem, type FakeTandem } from './fake-tandem';

let fake: FakeTandem;
beforeAll(() => {
  fake = installFakeTandem();
});
afterAll(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
beforeEach(() => {
  fake.handlers = defaultHandlers(fake.account);
  fake.calls.length = 0;
  localStorage.clear();
});

function setUp() {
  const tandem = new TandemProvider({ discoverTimeoutMs: 100 });
  // Compile-time check: the provider is a v4 CustomProvider as use-wallet v4 types it.
  const provider: CustomProvider = tandem;
  const manager = new WalletManager({
    wallets: [{ id: WalletId.CUSTOM, options: { provider }, metadata: tandem.metadata }],
    defaultNetwork: 'testnet',
  });
  tandem.attach(manager);
  return { tandem, manager, wallet: manager.getWallet(WalletId.CUSTOM)! };
}

const address = () => fake.account.addr.toString();

function payment(sender: string, amount = 1000) {
  return algosdk.makePaymentTxnWithSuggestedParamsFromObject({
    sender,
    receiver: sender,
    amount,
    suggestedParams: { fee: 1000, flatFee: true, minFee: 1000, firstValid: 1, lastValid: 1000, genesisID: 'testnet-v1.0', genesisHash: algosdk.base64ToBytes(TESTNET_HASH) },
  });
}

describe('TandemProvider in use-wallet v4', () => {
  it('shows as Tandem in the wallet list', () => {
    const { wallet } = setUp();
    expect(wallet.metadata.name).toBe('Tandem');
    expect(wallet.metadata.icon).toMatch(/^data:image\/svg\+xml,/);
  });

  it('connects with enable on the active network', async () => {
    const { wallet, manager } = setUp();
    await wallet.connect();
    expect(manager.activeAddress).toBe(address());
    expect(fake.calls.find((c) => c.method === 'enable')!.params).toEqual({ providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH });
  });

  it('fails with "not installed" when nothing answers', async () => {
    fake.uninstall();
    const { wallet } = setUp();
    await expect(wallet.connect()).rejects.toThrow(/Tandem is not installed/);
  });

  it('resumes silently after a reload', async () => {
    await setUp().wallet.connect();
    fake.calls.length = 0;
    const { manager } = setUp();
    await manager.resumeSessions();
    expect(manager.activeAddress).toBe(address());
    expect(fake.calls.find((c) => c.method === 'enable')!.params).toMatchObject({ tandem: { silent: true } });
  });

  it('drops use-wallet\'s state, without an error or a disable, when Tandem has no session', async () => {
    await setUp().wallet.connect();
    fake.calls.length = 0;
    fake.handlers.enable = () => {
      throw arc27Failure(4100, 'no session');
    };
    const { manager, wallet } = setUp();
    await expect(manager.resumeSessions()).resolves.toBeUndefined();
    expect(wallet.isConnected).toBe(false);
    expect(manager.activeAddress).toBeNull();
    expect(fake.calls.map((c) => c.method)).toEqual(['discover', 'enable']);
  });

  it('signs, with null for foreign senders, and rejects with a SignTxnsError carrying 4001', async () => {
    const { wallet, manager } = setUp();
    await wallet.connect();
    const foreign = algosdk.generateAccount().addr.toString();
    const txns = algosdk.assignGroupID([payment(address(), 1), payment(foreign, 2)]);
    const signed = await manager.signTransactions(txns);
    expect(signed[1]).toBeNull();
    expect(algosdk.decodeSignedTransaction(signed[0]!).txn.txID()).toBe(txns[0]!.txID());

    fake.handlers.sign_transactions = () => {
      throw arc27Failure(4001, 'the user rejected the request');
    };
    const error = await manager.signTransactions([payment(address())]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignTxnsError);
    expect(error).toMatchObject({ name: 'SignTxnsError', code: 4001 });
  });

  it('signs through an AtomicTransactionComposer', async () => {
    const { wallet, manager } = setUp();
    await wallet.connect();
    const atc = new algosdk.AtomicTransactionComposer();
    atc.addTransaction({ txn: payment(address(), 1), signer: manager.transactionSigner });
    atc.addTransaction({ txn: payment(address(), 2), signer: manager.transactionSigner });
    expect(await atc.gatherSignatures()).toHaveLength(2);
  });

  it('disconnects with disable', async () => {
    const { wallet, manager } = setUp();
    await wallet.connect();
    await wallet.disconnect();
    expect(manager.activeAddress).toBeNull();
    expect(fake.calls.at(-1)).toEqual({ method: 'disable', params: { providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH } });
  });

  it('says what is missing when used before attach', async () => {
    const tandem = new TandemProvider();
    await expect(tandem.connect()).rejects.toThrow(/attach\(manager\)/);
  });
});
