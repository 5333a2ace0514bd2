/**
 * The v5 adapter inside use-wallet v5's real WalletManager, talking to a fake Tandem (the real
 * AVMWebProvider on a fake window): connect, silent resume, disconnect, signing, error mapping.
 */
import { SignDataError, SignTxnsError, WalletManager, ScopeType } from '@txnlab/use-wallet';
import algosdk from 'algosdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TandemError, WALLET_ID, tandem, TANDEM_PROVIDER_ID } from '../../../packages/use-wallet-tandem/src/index';
import { MAINNET_HASH, TESTNET_HASH, arc27Failure, defaultHandlers, installFakeTandem, type FakeTandem } from './fake-tandem';

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

function newManager(network = 'testnet') {
  return new WalletManager({ wallets: [tandem({ discoverTimeoutMs: 100 })], defaultNetwork: network });
}

function tandemOf(manager: WalletManager) {
  const wallet = manager.getWallet(WALLET_ID);
  if (!wallet) throw new Error('no Tandem wallet in the manager');
  return wallet;
}

const address = () => fake.account.addr.toString();

function payment(sender: string, amount = 1000) {
  return algosdk.makePaymentTxnWithSuggestedParamsFromObject({
    sender,
    receiver: sender,
    amount,
    suggestedParams: {
      fee: 1000,
      flatFee: true,
      minFee: 1000,
      firstValid: 1,
      lastValid: 1000,
      genesisID: 'testnet-v1.0',
      genesisHash: algosdk.base64ToBytes(TESTNET_HASH),
    },
  });
}

describe('tandem() config', () => {
  it('declares id, metadata with an SVG data-URI icon and static capabilities', () => {
    const config = tandem();
    expect(config.id).toBe('tandem');
    expect(config.metadata.name).toBe('Tandem');
    expect(config.metadata.icon).toMatch(/^data:image\/svg\+xml,/);
    expect(config.capabilities).toEqual({ supportedNetworks: ['mainnet', 'testnet', 'betanet', 'localnet'] });
    expect(tandem({ metadata: { name: 'Tandem (phone)' } }).metadata.name).toBe('Tandem (phone)');
  });

  it('is listed by the manager on TestNet and not on a network it does not declare', async () => {
    const manager = newManager();
    expect(manager.availableWallets.map((w) => w.id)).toContain('tandem');
    await manager.setActiveNetwork('fnet');
    expect(manager.availableWallets.map((w) => w.id)).not.toContain('tandem');
  });
});

describe('connect', () => {
  it('enables the active network and stores the accounts', async () => {
    const manager = newManager();
    const accounts = await tandemOf(manager).connect();
    expect(accounts).toEqual([{ address: address(), name: 'Phone' }]);
    expect(manager.activeAddress).toBe(address());
    const enable = fake.calls.find((c) => c.method === 'enable')!;
    expect(enable.params).toEqual({ providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH });
  });

  it('uses the genesis hash of the network the dApp switched to', async () => {
    const manager = newManager();
    await manager.setActiveNetwork('mainnet');
    await tandemOf(manager).connect();
    expect(fake.calls.find((c) => c.method === 'enable')!.params.genesisHash).toBe(MAINNET_HASH);
  });

  it('names unnamed accounts', async () => {
    fake.handlers.enable = (params) => ({ accounts: [{ address: address() }], genesisHash: params.genesisHash, genesisId: 'x', providerId: TANDEM_PROVIDER_ID });
    expect(await tandemOf(newManager()).connect()).toEqual([{ address: address(), name: 'Tandem account 1' }]);
  });

  it('fails with "not installed" and where to get Tandem when nothing answers discover', async () => {
    fake.uninstall();
    const manager = newManager();
    const error = await tandemOf(manager).connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TandemError);
    expect((error as TandemError).message).toMatch(/Tandem is not installed.*https:\/\//);
    expect((error as TandemError).data).toMatchObject({ reason: 'not-installed' });
    expect(fake.calls.map((c) => c.method)).toEqual(['discover']);
    expect(manager.activeAddress).toBeNull();
  });

  it('fails with 4004 when Tandem does not serve the active network', async () => {
    const manager = newManager('betanet');
    const error = await tandemOf(manager).connect().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 4004 });
    expect(fake.calls.map((c) => c.method)).toEqual(['discover']);
  });

  it.each([
    [4001, 'the user rejected the request'],
    [4002, 'the request timed out'],
    [4100, 'unauthorized signer'],
    [4200, 'invalid input'],
    [4300, 'failed to post some transactions'],
  ])('keeps ARC-0027 error %i and its message', async (code, message) => {
    fake.handlers.enable = () => {
      throw arc27Failure(code, message);
    };
    const error = await tandemOf(newManager()).connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code, message });
  });
});

describe('resumeSession', () => {
  async function connectedThenReloaded() {
    await tandemOf(newManager()).connect();
    fake.calls.length = 0;
    // A new manager reads the persisted state, as after a page reload.
    const manager = newManager();
    expect(manager.activeAddress).toBe(address());
    return manager;
  }

  it('restores the session with a silent enable', async () => {
    const manager = await connectedThenReloaded();
    await manager.resumeSessions();
    expect(manager.activeAddress).toBe(address());
    const enable = fake.calls.find((c) => c.method === 'enable')!;
    expect(enable.params).toEqual({ providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH, tandem: { silent: true } });
  });

  it('disconnects quietly when Tandem answers the silent enable with 4100', async () => {
    const manager = await connectedThenReloaded();
    fake.handlers.enable = () => {
      throw arc27Failure(4100, 'no session');
    };
    await expect(manager.resumeSessions()).resolves.toBeUndefined();
    expect(manager.activeAddress).toBeNull();
    expect(tandemOf(manager).isConnected).toBe(false);
  });

  it('disconnects quietly when Tandem is not installed', async () => {
    const manager = await connectedThenReloaded();
    fake.uninstall();
    await expect(manager.resumeSessions()).resolves.toBeUndefined();
    expect(manager.activeAddress).toBeNull();
  });

  it('asks nothing when use-wallet holds no Tandem session', async () => {
    await newManager().resumeSessions();
    expect(fake.calls).toEqual([]);
  });

  it('takes the accounts Tandem now shares', async () => {
    const manager = await connectedThenReloaded();
    const other = algosdk.generateAccount().addr.toString();
    fake.handlers.enable = (params) => ({ accounts: [{ address: other, name: 'New' }], genesisHash: params.genesisHash, genesisId: 'x', providerId: TANDEM_PROVIDER_ID });
    await manager.resumeSessions();
    expect(manager.activeAddress).toBe(other);
  });
});

describe('disconnect', () => {
  it('removes the session and sends disable for the network', async () => {
    const manager = newManager();
    await tandemOf(manager).connect();
    await tandemOf(manager).disconnect();
    expect(manager.activeAddress).toBeNull();
    expect(fake.calls.at(-1)).toEqual({ method: 'disable', params: { providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH } });
  });
});

describe('signTransactions', () => {
  it('signs the connected account\'s transactions and gives null for the rest', async () => {
    const manager = newManager();
    await tandemOf(manager).connect();
    const foreign = algosdk.generateAccount().addr.toString();
    const txns = algosdk.assignGroupID([payment(address(), 1), payment(foreign, 2), payment(address(), 3)]);
    const signed = await manager.signTransactions(txns, [0, 1]);
    expect(signed[1]).toBeNull();
    expect(signed[2]).toBeNull();
    const stxn = algosdk.decodeSignedTransaction(signed[0]!);
    expect(stxn.txn.txID()).toBe(txns[0]!.txID());
    const sent = fake.calls.find((c) => c.method === 'sign_transactions')!.params.txns as { signers?: string[] }[];
    expect(sent.map((w) => w.signers)).toEqual([undefined, [], []]);
  });

  it('works as an AtomicTransactionComposer signer', async () => {
    const manager = newManager();
    await tandemOf(manager).connect();
    const atc = new algosdk.AtomicTransactionComposer();
    atc.addTransaction({ txn: payment(address(), 1), signer: manager.transactionSigner });
    atc.addTransaction({ txn: payment(address(), 2), signer: manager.transactionSigner });
    const signed = await atc.gatherSignatures();
    expect(signed).toHaveLength(2);
    for (const bytes of signed) expect(algosdk.decodeSignedTransaction(bytes).sig).toBeDefined();
  });

  it('gives use-wallet\'s SignTxnsError with code 4001 when the user rejects', async () => {
    const manager = newManager();
    await tandemOf(manager).connect();
    fake.handlers.sign_transactions = () => {
      throw arc27Failure(4001, 'the user rejected the request');
    };
    const error = await manager.signTransactions([payment(address())]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignTxnsError);
    expect(error).toMatchObject({ code: 4001, message: 'the user rejected the request' });
  });

  it('does not ask Tandem when nothing is the connected account\'s', async () => {
    const manager = newManager();
    await tandemOf(manager).connect();
    fake.calls.length = 0;
    const foreign = algosdk.generateAccount().addr.toString();
    expect(await manager.signTransactions([payment(foreign)])).toEqual([null]);
    expect(fake.calls).toEqual([]);
  });
});

describe('signData', () => {
  it('says it cannot sign data until Tandem\'s discover lists sign_data, and refuses without an account with use-wallet\'s SignDataError', async () => {
    const wallet = tandemOf(newManager());
    expect(wallet.canSignData).toBe(false);
    const error = await wallet.signData('data', { scope: ScopeType.AUTH, encoding: 'base64' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignDataError);
    expect(error).toMatchObject({ code: 4100, message: 'No active account' });
  });
  it('reads canSignData from discover: a network listing sign_data', async () => {
    const { discoverCanSignData } = await import('../../../packages/use-wallet-tandem/src/sign-data');
    expect(discoverCanSignData({ networks: [{ genesisHash: 'h', methods: ['sign_transactions', 'sign_data'] }] })).toBe(true);
    expect(discoverCanSignData({ networks: [{ genesisHash: 'h', methods: ['sign_transactions'] }] })).toBe(false);
    expect(discoverCanSignData({ networks: 'all' })).toBe(false);
  });
});
