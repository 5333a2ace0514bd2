/**
 * The networks the test dApp can build transactions for. Kept here (not imported from lib/algorand)
 * so the page stays a plain outside dApp that only knows public facts.
 */

export interface DappNetwork {
  key: 'testnet' | 'mainnet' | 'betanet' | 'localnet' | 'unknown';
  label: string;
  genesisId: string;
  genesisHash: string;
}

/**
 * LocalNet has no fixed genesis hash (every `algokit localnet reset` makes a new one), so the page
 * takes it from `?localnetHash=`; this placeholder stands in when none is given.
 */
export const DEFAULT_LOCALNET_HASH = 'TE9DQUxORVQtUExBQ0VIT0xERVItR0VORVNJUy1IQVM=';

/** A well-formed genesis hash no wallet knows: enable / sign with it should give 4004. */
export const UNKNOWN_GENESIS_HASH = 'VU5LTk9XTi1ORVRXT1JLLUZPUi00MDA0LVRFU1RTLi4=';

export function dappNetworks(localnetHash: string = DEFAULT_LOCALNET_HASH): DappNetwork[] {
  return [
    { key: 'testnet', label: 'TestNet', genesisId: 'testnet-v1.0', genesisHash: 'SGO1GKSzyE7IEPItTxCByw9x8FmnrCDexi9/cOUJOiI=' },
    { key: 'mainnet', label: 'MainNet', genesisId: 'mainnet-v1.0', genesisHash: 'wGHE2Pwdvd7S12BL5FaOP20EGYesN73ktiC1qzkkit8=' },
    { key: 'betanet', label: 'BetaNet', genesisId: 'betanet-v1.0', genesisHash: 'mFgazF+2uRS1tMiL9dsj01hJGySEmPN28B/TjjvpVW0=' },
    { key: 'localnet', label: 'LocalNet', genesisId: 'dockernet-v1', genesisHash: localnetHash },
    { key: 'unknown', label: 'Unknown (4004 tests)', genesisId: 'unknown-v1', genesisHash: UNKNOWN_GENESIS_HASH },
  ];
}
