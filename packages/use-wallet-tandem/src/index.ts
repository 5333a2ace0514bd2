/**
 * Tandem for use-wallet v5: `tandem()` returns the adapter config a WalletManager takes.
 *
 *   new WalletManager({ wallets: [tandem()] })
 *
 * The adapter follows v5's third-party contract (`@txnlab/use-wallet/adapter`, 5.0): a BaseWallet
 * subclass with a public constructor taking AdapterConstructorParams, and a factory returning
 * WalletAdapterConfig with static capabilities.
 */
import {
  BaseWallet,
  SignDataError,
  SignTxnsError,
  type AdapterConstructorParams,
  type StdSignDataResponse,
  type StdSignMetadata,
  type WalletAccount,
  type WalletAdapterConfig,
  type WalletFactoryOptions,
} from '@txnlab/use-wallet/adapter';
import type algosdk from 'algosdk';
import { toWalletError } from './errors.js';
import { SUPPORTED_NETWORKS, TANDEM_METADATA, WALLET_ID } from './metadata.js';
import { TandemSession, activeGenesisHash, type TandemOptions } from './tandem-session.js';

export { WALLET_ID, TANDEM_METADATA, SUPPORTED_NETWORKS } from './metadata.js';
export { TANDEM_PROVIDER_ID } from './protocol.js';
export { TandemError, Arc27Code } from './errors.js';
export type { TandemOptions } from './tandem-session.js';

function sameAddresses(a: readonly WalletAccount[], b: readonly WalletAccount[]): boolean {
  const left = new Set(a.map((account) => account.address));
  return left.size === new Set(b.map((account) => account.address)).size && b.every((account) => left.has(account.address));
}

export class TandemWallet extends BaseWallet<TandemOptions> {
  static override defaultMetadata = { ...TANDEM_METADATA };

  private readonly session: TandemSession;

  constructor(params: AdapterConstructorParams<TandemOptions>) {
    super(params);
    this.session = new TandemSession(this.options);
    // Set from Tandem's discover on connect and resume: true when the paired phone signs data.
    this.canSignData = false;
  }

  private genesisHash(): Promise<string> {
    return activeGenesisHash(this.activeNetworkConfig, this.getAlgodClient);
  }

  connect = async (): Promise<WalletAccount[]> => {
    this.logger.info('Connecting...');
    const accounts = await this.session.connect(await this.genesisHash());
    this.canSignData = this.session.canSignData;
    this.store.addWallet({ accounts, activeAccount: accounts[0]! });
    this.logger.info('Connected', accounts);
    return accounts;
  };

  disconnect = async (): Promise<void> => {
    this.logger.info('Disconnecting...');
    let genesisHash: string | undefined;
    try {
      genesisHash = await this.genesisHash();
    } catch {
      // algod unreachable (LocalNet down): disable every network's session of this site instead
    }
    this.onDisconnect();
    await this.session.disconnect(genesisHash);
  };

  /**
   * Restores the account use-wallet remembered, without a prompt (Tandem's silent enable). When
   * the session is gone (revoked in Tandem, or Tandem is not installed) the wallet is disconnected
   * quietly: use-wallet runs every wallet's resume on load and a throw would fail them all.
   */
  resumeSession = async (): Promise<void> => {
    const state = this.store.getWalletState();
    if (!state) return;
    let accounts: WalletAccount[] | null = null;
    try {
      accounts = await this.session.resume(await this.genesisHash());
    } catch {
      accounts = null;
    }
    if (!accounts) {
      this.logger.info('Tandem has no session for this site: disconnected');
      this.onDisconnect();
      return;
    }
    this.canSignData = this.session.canSignData;
    if (!sameAddresses(accounts, state.accounts)) this.store.setAccounts(accounts);
    this.logger.info('Session resumed');
  };

  signTransactions = async <T extends algosdk.Transaction[] | Uint8Array[]>(txnGroup: T | T[], indexesToSign?: number[]): Promise<(Uint8Array | null)[]> => {
    try {
      return await this.session.signTransactions(txnGroup, indexesToSign, this.addresses);
    } catch (err) {
      throw toWalletError(err, (message, code, data) => new SignTxnsError(message, code, data));
    }
  };

  /** ARC-0060 (Tandem's page event): Tandem checks the domain against this page's origin; the phone signs. */
  override signData = async (data: string, metadata: StdSignMetadata): Promise<StdSignDataResponse> => {
    try {
      return await this.session.signData(data, metadata, this.activeAddress);
    } catch (err) {
      throw toWalletError(err, (message, code, errData) => new SignDataError(message, code, errData));
    }
  };
}

/** Tandem's entry for WalletManager's `wallets`. */
export function tandem(options: TandemOptions & WalletFactoryOptions = {}): WalletAdapterConfig {
  const { metadata, ...adapterOptions } = options;
  return {
    id: WALLET_ID,
    metadata: { ...TANDEM_METADATA, ...metadata },
    Adapter: TandemWallet,
    options: adapterOptions as Record<string, unknown>,
    capabilities: { supportedNetworks: [...SUPPORTED_NETWORKS] },
  };
}
