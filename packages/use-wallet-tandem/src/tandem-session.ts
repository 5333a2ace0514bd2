/**
 * What the v5 adapter and the v4 provider share: Tandem's side of connect, resume, disconnect and
 * signing, over an injectable ARC-0027 transport. Knows nothing of use-wallet's store; each
 * flavour maps results and errors into its own use-wallet.
 */
import type algosdk from 'algosdk';
import { Arc27Code, TandemError, notInstalledError } from './errors.js';
import { DEFAULT_INSTALL_URL } from './metadata.js';
import { sharedPageTransport, type Arc27Transport } from './page-transport.js';
import { SILENT_ENABLE, TANDEM_PARAMS_KEY, TANDEM_PROVIDER_ID } from './protocol.js';
import { discoverCanSignData, signDataWithTandem, type SignDataMetadata, type SignDataResponse } from './sign-data.js';
import { planSigning, readSignedTransactions, type TxnInput } from './txn-group.js';

/** A type alias, not an interface: use-wallet's adapter config needs it to fit `Record<string, unknown>`. */
export type TandemOptions = {
  /**
   * How long `connect()` waits for Tandem to answer ARC-0027 `discover` before it reports Tandem as
   * not installed. An installed Tandem answers within milliseconds. Default 1000.
   */
  discoverTimeoutMs?: number;
  /** Where the not-installed error sends users. */
  installUrl?: string;
};

/** use-wallet's account shape (the same in v4 and v5). */
export interface TandemAccount {
  name: string;
  address: string;
}

export const DEFAULT_DISCOVER_TIMEOUT_MS = 1000;
/** A silent enable or a disable never waits for a person; this only bounds a stuck extension. */
export const QUICK_REQUEST_TIMEOUT_MS = 10_000;
/** enable and sign_transactions wait for the user (and the phone): as long as AVMWebClient listens. */
export const USER_REQUEST_TIMEOUT_MS = 180_000;

function accountsOf(result: unknown): TandemAccount[] {
  const accounts = (typeof result === 'object' && result !== null ? (result as { accounts?: unknown }).accounts : undefined) as unknown;
  if (!Array.isArray(accounts)) throw new TandemError('Tandem answered enable without accounts', Arc27Code.Unknown);
  return accounts.flatMap((account: unknown, index) => {
    const { address, name } = (typeof account === 'object' && account !== null ? account : {}) as { address?: unknown; name?: unknown };
    if (typeof address !== 'string') return [];
    return [{ address, name: typeof name === 'string' && name.length > 0 ? name : `Tandem account ${index + 1}` }];
  });
}

function networksOf(result: unknown): string[] {
  const networks = (typeof result === 'object' && result !== null ? (result as { networks?: unknown }).networks : undefined) as unknown;
  if (!Array.isArray(networks)) return [];
  return networks.flatMap((network: unknown) => {
    const hash = typeof network === 'object' && network !== null ? (network as { genesisHash?: unknown }).genesisHash : undefined;
    return typeof hash === 'string' ? [hash] : [];
  });
}

/**
 * The genesis hash of use-wallet's active network: from its config, or (LocalNet, whose hash
 * differs per installation and is not in use-wallet's defaults) from algod.
 */
export async function activeGenesisHash(config: { genesisHash?: string } | undefined, algod: () => algosdk.Algodv2): Promise<string> {
  if (config?.genesisHash) return config.genesisHash;
  const version = await algod().versionsCheck().do();
  const bytes = version.genesisHashB64;
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export class TandemSession {
  private readonly transport: Arc27Transport;
  private readonly discoverTimeoutMs: number;
  private readonly installUrl: string;
  /** Whether Tandem's last discover said the paired phone signs data (ARC-0060). */
  canSignData = false;

  constructor(options: TandemOptions = {}, transport?: Arc27Transport) {
    this.transport = transport ?? sharedPageTransport();
    this.discoverTimeoutMs = options.discoverTimeoutMs ?? DEFAULT_DISCOVER_TIMEOUT_MS;
    this.installUrl = options.installUrl ?? DEFAULT_INSTALL_URL;
  }

  /**
   * Which networks the installed Tandem serves; throws the not-installed error when nothing
   * answers within the discover deadline (ARC-0027 itself would wait 3 minutes).
   */
  async discoverNetworks(): Promise<string[]> {
    try {
      const result = await this.transport.request('discover', { providerId: TANDEM_PROVIDER_ID }, this.discoverTimeoutMs);
      this.canSignData = discoverCanSignData(result);
      return networksOf(result);
    } catch (err) {
      if (err instanceof TandemError && err.reason === 'no-answer') throw notInstalledError(this.installUrl);
      throw err;
    }
  }

  /** ARC-0027 enable (Tandem prompts a site it has no session for). */
  async connect(genesisHash: string): Promise<TandemAccount[]> {
    const networks = await this.discoverNetworks();
    if (!networks.includes(genesisHash)) {
      throw new TandemError(`Tandem does not serve the network with genesis hash ${genesisHash}`, Arc27Code.NetworkNotSupported, { genesisHash });
    }
    const result = await this.transport.request('enable', { providerId: TANDEM_PROVIDER_ID, genesisHash }, USER_REQUEST_TIMEOUT_MS);
    const accounts = accountsOf(result);
    if (accounts.length === 0) throw new TandemError('Tandem shared no accounts', Arc27Code.UnauthorizedSigner);
    return accounts;
  }

  /**
   * The site's accounts if Tandem still holds its session for this network, else null. Never
   * prompts and never throws: Tandem answers the silent enable at once (4100 when there is no
   * session), and a Tandem that is not installed is found by discover's short deadline first.
   */
  async resume(genesisHash: string): Promise<TandemAccount[] | null> {
    try {
      await this.discoverNetworks();
      const result = await this.transport.request(
        'enable',
        { providerId: TANDEM_PROVIDER_ID, genesisHash, [TANDEM_PARAMS_KEY]: { ...SILENT_ENABLE } },
        QUICK_REQUEST_TIMEOUT_MS,
      );
      const accounts = accountsOf(result);
      return accounts.length > 0 ? accounts : null;
    } catch {
      return null;
    }
  }

  /** ARC-0027 disable: Tandem forgets the site's session. A Tandem that is gone has nothing to forget. */
  async disconnect(genesisHash: string | undefined): Promise<void> {
    const params: Record<string, unknown> = { providerId: TANDEM_PROVIDER_ID };
    if (genesisHash) params.genesisHash = genesisHash;
    try {
      await this.transport.request('disable', params, QUICK_REQUEST_TIMEOUT_MS);
    } catch (err) {
      if (err instanceof TandemError && err.reason === 'no-answer') return;
      throw err;
    }
  }

  /** use-wallet's signData (ARC-0060) for `address`, on Tandem's own page event. */
  signData(data: string, metadata: SignDataMetadata, address: string | null): Promise<SignDataResponse> {
    return signDataWithTandem(data, metadata, address, USER_REQUEST_TIMEOUT_MS);
  }

  /** use-wallet's signTransactions: the transactions to sign go to Tandem, the rest come back null. */
  async signTransactions(
    txnGroup: readonly TxnInput[] | readonly (readonly TxnInput[])[],
    indexesToSign: readonly number[] | undefined,
    addresses: readonly string[],
  ): Promise<(Uint8Array | null)[]> {
    const plan = planSigning(txnGroup, indexesToSign, addresses);
    // Nothing of ours to sign: answer use-wallet's way without showing the user an empty prompt.
    if (plan.toSign === 0) return plan.walletTxns.map(() => null);
    const result = await this.transport.request('sign_transactions', { providerId: TANDEM_PROVIDER_ID, txns: plan.walletTxns }, USER_REQUEST_TIMEOUT_MS);
    return readSignedTransactions(result, plan);
  }
}
