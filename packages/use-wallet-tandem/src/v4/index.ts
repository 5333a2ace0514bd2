/**
 * Tandem for use-wallet v4 (`@tandem-wallet/use-wallet/v4`): a CustomProvider for WalletId.CUSTOM.
 *
 *   const tandem = new TandemProvider()
 *   const manager = new WalletManager({
 *     wallets: [{ id: WalletId.CUSTOM, options: { provider: tandem }, metadata: tandem.metadata }],
 *   })
 *   tandem.attach(manager)
 *
 * It imports no use-wallet code at run time (only this package's core and algosdk), so a v4 dApp
 * never bundles a second copy of use-wallet. v4's CustomWallet gives a provider no access to the
 * store or the network, hence `attach(manager)`: the provider reads the active network from the
 * manager, and disconnects the custom wallet when a resumed session turns out to be gone.
 */
import type algosdk from 'algosdk';
import { toWalletError } from '../errors.js';
import { TANDEM_METADATA } from '../metadata.js';
import { signDataNotSupported } from '../sign-data.js';
import { TandemSession, activeGenesisHash, type TandemAccount, type TandemOptions } from '../tandem-session.js';

export { TANDEM_METADATA } from '../metadata.js';
export { TANDEM_PROVIDER_ID } from '../protocol.js';
export { TandemError, Arc27Code } from '../errors.js';
export type { TandemAccount, TandemOptions } from '../tandem-session.js';

/** v4's WalletId.CUSTOM: the key of the custom wallet in the manager. */
const CUSTOM_WALLET_KEY = 'custom';

/** use-wallet v4's error class for signing, reproduced by shape (name, message, code, data) so nothing is imported. */
export class SignTxnsError extends Error {
  code: number;
  data?: unknown;
  constructor(message: string, code: number, data?: unknown) {
    super(message);
    this.name = 'SignTxnsError';
    this.code = code;
    this.data = data;
  }
}

/** use-wallet v4's error class for signData, by shape. */
export class SignDataError extends Error {
  code: number;
  data?: unknown;
  constructor(message: string, code: number, data?: unknown) {
    super(message);
    this.name = 'SignDataError';
    this.code = code;
    this.data = data;
  }
}

/** The parts of a v4 WalletManager the provider uses (structural, so no import is needed). */
export interface V4ManagerLike {
  readonly activeNetworkConfig: { genesisHash?: string } | undefined;
  getAlgodClient: () => algosdk.Algodv2;
  getWallet(walletKey: never): { disconnect(): Promise<void>; readonly accounts: { address: string }[] } | undefined;
}

export class TandemProvider {
  readonly metadata = { ...TANDEM_METADATA };
  /** ARC-0060 data signing is wired for use-wallet v5 only (see `signData`). */
  readonly canSignData = false;

  private readonly session: TandemSession;
  private manager: V4ManagerLike | null = null;
  private accounts: TandemAccount[] = [];
  /** Set while the provider itself drops use-wallet's state for a session Tandem no longer has. */
  private dropping = false;

  constructor(options: TandemOptions = {}) {
    this.session = new TandemSession(options);
  }

  /** Gives the provider the manager it serves. Call once, right after `new WalletManager(...)`. */
  attach(manager: V4ManagerLike): this {
    this.manager = manager;
    return this;
  }

  private attached(): V4ManagerLike {
    if (!this.manager) throw new Error('Tandem: call tandem.attach(manager) after creating the WalletManager');
    return this.manager;
  }

  private genesisHash(): Promise<string> {
    const manager = this.attached();
    return activeGenesisHash(manager.activeNetworkConfig, manager.getAlgodClient);
  }

  private wallet() {
    return this.manager?.getWallet(CUSTOM_WALLET_KEY as never);
  }

  connect = async (): Promise<TandemAccount[]> => {
    this.accounts = await this.session.connect(await this.genesisHash());
    return this.accounts;
  };

  disconnect = async (): Promise<void> => {
    this.accounts = [];
    if (this.dropping) return;
    let genesisHash: string | undefined;
    try {
      genesisHash = await this.genesisHash();
    } catch {
      // no manager or algod: disable the site's sessions on every network
    }
    await this.session.disconnect(genesisHash);
  };

  /**
   * Restores the session without a prompt. v4's CustomWallet only calls this when it remembers a
   * session; when Tandem no longer has one it gets nothing back and the provider disconnects the
   * custom wallet itself (quietly, no disable sent: there is nothing left to disable).
   */
  resumeSession = async (): Promise<TandemAccount[] | void> => {
    let accounts: TandemAccount[] | null = null;
    try {
      accounts = await this.session.resume(await this.genesisHash());
    } catch {
      accounts = null;
    }
    if (accounts) {
      this.accounts = accounts;
      return accounts;
    }
    this.accounts = [];
    const wallet = this.wallet();
    if (!wallet) return;
    this.dropping = true;
    try {
      await wallet.disconnect();
    } catch {
      // the state is removed before the provider is called; nothing else can fail here
    } finally {
      this.dropping = false;
    }
  };

  signTransactions = async <T extends algosdk.Transaction[] | Uint8Array[]>(txnGroup: T | T[], indexesToSign?: number[]): Promise<(Uint8Array | null)[]> => {
    const addresses = this.accounts.length > 0 ? this.accounts.map((a) => a.address) : (this.wallet()?.accounts ?? []).map((a) => a.address);
    try {
      return await this.session.signTransactions(txnGroup, indexesToSign, addresses);
    } catch (err) {
      throw toWalletError(err, (message, code, data) => new SignTxnsError(message, code, data));
    }
  };

  /** algosdk's TransactionSigner: only the signed transactions, in order. */
  transactionSigner = async (txnGroup: algosdk.Transaction[], indexesToSign: number[]): Promise<Uint8Array[]> =>
    (await this.signTransactions(txnGroup, indexesToSign)).filter((stxn): stxn is Uint8Array => stxn !== null);

  signData = (_data: string, _metadata: unknown): Promise<never> => signDataNotSupported((message, code) => new SignDataError(message, code));
}

/** The same as `new TandemProvider(options)`. */
export function tandemProvider(options: TandemOptions = {}): TandemProvider {
  return new TandemProvider(options);
}
