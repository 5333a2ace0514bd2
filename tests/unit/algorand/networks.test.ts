import { describe, expect, it } from 'vitest';
import {
  BETANET,
  DEFAULT_NETWORK,
  LOCALNET,
  localNet,
  MAINNET,
  networkByGenesisHash,
  NETWORKS,
  TESTNET,
} from '../../../lib/algorand/networks';
import { fromBase64Strict } from '../../../lib/encoding/base64';

describe('networks', () => {
  it('holds 32-byte standard base64 genesis hashes for the public networks', () => {
    for (const network of NETWORKS) expect(fromBase64Strict(network.genesisHash)).toHaveLength(32);
    expect(NETWORKS.map((n) => n.genesisId)).toEqual(['mainnet-v1.0', 'testnet-v1.0', 'betanet-v1.0']);
  });

  it('finds a network by genesis hash, including configured extras', () => {
    expect(networkByGenesisHash(TESTNET.genesisHash)).toBe(TESTNET);
    expect(networkByGenesisHash(BETANET.genesisHash)?.name).toBe('BetaNet');
    expect(networkByGenesisHash('nope')).toBeUndefined();
    const local = localNet('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    expect(networkByGenesisHash(local.genesisHash, [local])).toEqual({ ...local, genesisId: LOCALNET.genesisId });
  });

  it('defaults to MainNet', () => {
    expect(DEFAULT_NETWORK).toBe(MAINNET);
  });
});
