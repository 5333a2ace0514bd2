/**
 * The Algorand networks Tandem knows by name. A session is bound to one genesis hash; every
 * transaction it signs must carry that hash (ARC-0001 "Genesis Validation").
 */

export interface Network {
  name: string;
  genesisId: string;
  /** Standard base64 of the 32-byte genesis hash. */
  genesisHash: string;
}

export const MAINNET: Network = {
  name: 'MainNet',
  genesisId: 'mainnet-v1.0',
  genesisHash: 'wGHE2Pwdvd7S12BL5FaOP20EGYesN73ktiC1qzkkit8=',
};

export const TESTNET: Network = {
  name: 'TestNet',
  genesisId: 'testnet-v1.0',
  genesisHash: 'SGO1GKSzyE7IEPItTxCByw9x8FmnrCDexi9/cOUJOiI=',
};

export const BETANET: Network = {
  name: 'BetaNet',
  genesisId: 'betanet-v1.0',
  genesisHash: 'mFgazF+2uRS1tMiL9dsj01hJGySEmPN28B/TjjvpVW0=',
};

/**
 * AlgoKit LocalNet has a fixed genesis id but no fixed genesis hash: `algokit localnet
 * start/reset` creates a fresh private network whose genesis block holds newly generated
 * keys, so every instance has its own hash (public projects pin at least three different
 * hashes for `dockernet-v1`; AlgoKit Utils recognises LocalNet by genesis id only, 2026).
 * So LocalNet is a preset without a hash: build the real network with `localNet(hash)` from
 * the hash the user's node reports (algod `GET /v2/transactions/params`), kept in settings.
 */
export const LOCALNET = { name: 'LocalNet', genesisId: 'dockernet-v1', genesisHash: null } as const;

export function localNet(genesisHash: string): Network {
  return { name: LOCALNET.name, genesisId: LOCALNET.genesisId, genesisHash };
}

/** The public networks, which have a stable genesis hash. */
export const NETWORKS: readonly Network[] = [MAINNET, TESTNET, BETANET];

/**
 * The network a dApp gets when its `enable` names no genesis hash. MainNet, because the
 * dApps that omit it are overwhelmingly MainNet dApps, and because a wrong default cannot
 * cost funds either way: every transaction is checked against the session's genesis hash
 * (4004 on mismatch), so a TestNet dApp on a MainNet session fails loudly, never silently.
 */
export const DEFAULT_NETWORK: Network = MAINNET;

/** Finds a network by genesis hash among the presets plus any the user configured (LocalNet). */
export function networkByGenesisHash(genesisHash: string, extra: readonly Network[] = []): Network | undefined {
  return [...NETWORKS, ...extra].find((network) => network.genesisHash === genesisHash);
}
