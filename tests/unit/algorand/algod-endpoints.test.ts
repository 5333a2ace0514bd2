import { describe, expect, it } from 'vitest';
import { algodHostPattern, configuredNode, defaultAlgodEndpoints, networkKeyOf, parseAlgodEndpoints } from '../../../lib/algorand/algod-endpoints';
import { BETANET, MAINNET, TESTNET } from '../../../lib/algorand/networks';
import { parseSettingsPatch } from '../../../lib/messaging/popup-protocol';
import { DEFAULT_SETTINGS } from '../../../lib/storage/items';

const LOCAL_HASH = 'H1ta0ZdZg+9Xf4K0hO6vQd9xW6ZlZ6pU0zfMkXbE1sE=';

describe('algod endpoints', () => {
  it('a development build reads every public network from the stand-in and LocalNet from localhost:4001', () => {
    const dev = defaultAlgodEndpoints('http://localhost:4180');
    expect([dev.mainnet.url, dev.testnet.url, dev.betanet.url, dev.localnet.url]).toEqual(['http://localhost:4180', 'http://localhost:4180', 'http://localhost:4180', 'http://localhost:4001']);
    expect(DEFAULT_SETTINGS.algod).toEqual(dev);
    expect(DEFAULT_SETTINGS.networkReads).toBe(true);
  });

  it('a store build reads public https nodes and has no LocalNet default', () => {
    const store = defaultAlgodEndpoints(null);
    for (const key of ['mainnet', 'testnet', 'betanet'] as const) expect(store[key].url).toMatch(/^https:\/\//);
    expect(store.localnet.url).toBe('');
  });

  it('finds the network of a genesis hash, LocalNet only when its hash is set', () => {
    expect(networkKeyOf(MAINNET.genesisHash, '')).toBe('mainnet');
    expect(networkKeyOf(TESTNET.genesisHash, '')).toBe('testnet');
    expect(networkKeyOf(LOCAL_HASH, '')).toBeNull();
    expect(networkKeyOf(LOCAL_HASH, LOCAL_HASH)).toBe('localnet');
  });

  it('asks for a host without its port', () => {
    expect(algodHostPattern('https://node.example:8443/base')).toBe('https://node.example/*');
    expect(algodHostPattern('ftp://node.example')).toBeNull();
    expect(algodHostPattern('nope')).toBeNull();
  });

  it('accepts endpoints with a token header and refuses bad ones', () => {
    const good = { ...defaultAlgodEndpoints(null), testnet: { url: 'https://node.example/', tokenHeader: 'X-API-Key', token: 'abc' } };
    expect(parseAlgodEndpoints(good)?.testnet).toEqual({ url: 'https://node.example', tokenHeader: 'X-API-Key', token: 'abc' });
    expect(parseAlgodEndpoints({ ...good, testnet: { url: 'javascript:alert(1)', tokenHeader: '', token: '' } })).toBeNull();
    expect(parseAlgodEndpoints({ ...good, testnet: { url: 'https://n.example', tokenHeader: 'Bad Header:', token: '' } })).toBeNull();
    expect(parseAlgodEndpoints({ ...good, testnet: { url: 'https://n.example', tokenHeader: 'X', token: 'a\r\nInjected: 1' } })).toBeNull();
    expect(parseAlgodEndpoints({ mainnet: good.mainnet })).toBeNull();
  });

  it('settings/save takes the endpoints and the reads switch, and refuses a non-boolean switch', () => {
    const algod = defaultAlgodEndpoints(null);
    expect(parseSettingsPatch({ algod, networkReads: false })).toEqual({ algod, networkReads: false });
    expect(parseSettingsPatch({ networkReads: 'no' })).toBeNull();
  });
});

describe("a network's configured node (reads and sending share it)", () => {
  const algod = { ...defaultAlgodEndpoints(null), testnet: { url: 'https://node.example:8443/algod', tokenHeader: '', token: '' }, betanet: { url: 'ftp://node.example', tokenHeader: '', token: '' } };
  it('names the network and gives the endpoint, its host and its host permission pattern', () => {
    expect(configuredNode({ algod, localNetGenesisHash: '' }, TESTNET.genesisHash, 'x')).toEqual({
      network: 'TestNet',
      node: { endpoint: algod.testnet, host: 'node.example:8443', pattern: 'https://node.example/*' },
    });
  });
  it('has no node for a URL that is not http(s), and names an unknown network as told', () => {
    expect(configuredNode({ algod, localNetGenesisHash: '' }, 'unknown-hash', 'devnet-v1')).toEqual({ network: 'devnet-v1', node: null });
    expect(configuredNode({ algod, localNetGenesisHash: '' }, BETANET.genesisHash, 'x')).toEqual({ network: 'BetaNet', node: null });
  });
});
