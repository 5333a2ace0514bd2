/**
 * Which algod node Tandem reads each network from (Settings → Network). Reads send the user's
 * addresses and the transactions of a request to that node, so the user chooses it and can turn
 * reads off. Pure: no I/O here (the reads are in entrypoints/background/network-reads.ts).
 */
import { BETANET, MAINNET, TESTNET, type Network } from './networks';

export type NetworkKey = 'mainnet' | 'testnet' | 'betanet' | 'localnet';
export const NETWORK_KEYS: readonly NetworkKey[] = ['mainnet', 'testnet', 'betanet', 'localnet'];
export const NETWORK_LABELS: Record<NetworkKey, string> = { mainnet: 'MainNet', testnet: 'TestNet', betanet: 'BetaNet', localnet: 'LocalNet' };

export interface AlgodEndpoint {
  /** e.g. https://testnet-api.4160.nodely.dev or http://localhost:4001; '' = no node for this network. */
  url: string;
  /** The header that carries the token (algod's own is X-Algo-API-Token; hosted nodes name others); '' = none. */
  tokenHeader: string;
  token: string;
}

export type AlgodEndpoints = Record<NetworkKey, AlgodEndpoint>;

/** Public nodes that need no token (Nodely's free tier, 2026). */
const PUBLIC_NODES: Record<Exclude<NetworkKey, 'localnet'>, string> = {
  mainnet: 'https://mainnet-api.4160.nodely.dev',
  testnet: 'https://testnet-api.4160.nodely.dev',
  betanet: 'https://betanet-api.4160.nodely.dev',
};

/** AlgoKit LocalNet's algod. */
export const LOCALNET_ALGOD = 'http://localhost:4001';

const endpoint = (url: string): AlgodEndpoint => ({ url, tokenHeader: '', token: '' });

/**
 * The defaults. `standIn` is a development build's algod stand-in (dev/algod), which then serves
 * every public network; a store build has none, and its CSP admits no localhost, so LocalNet has
 * no default there (the user enters a node, which needs a development build for a local one).
 */
export function defaultAlgodEndpoints(standIn: string | null): AlgodEndpoints {
  return {
    mainnet: endpoint(standIn ?? PUBLIC_NODES.mainnet),
    testnet: endpoint(standIn ?? PUBLIC_NODES.testnet),
    betanet: endpoint(standIn ?? PUBLIC_NODES.betanet),
    localnet: endpoint(standIn === null ? '' : LOCALNET_ALGOD),
  };
}

export function networkKeyOf(genesisHash: string, localNetGenesisHash: string): NetworkKey | null {
  const byHash: [Network, NetworkKey][] = [
    [MAINNET, 'mainnet'],
    [TESTNET, 'testnet'],
    [BETANET, 'betanet'],
  ];
  const found = byHash.find(([network]) => network.genesisHash === genesisHash);
  if (found) return found[1];
  return localNetGenesisHash !== '' && genesisHash === localNetGenesisHash ? 'localnet' : null;
}

/** `https://node.example/*` for an endpoint URL (match patterns have no port), or null when it is not http(s). */
export function algodHostPattern(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

/** A network's node as Settings → Network sets it: where it is and the host permission reaching it needs. */
export interface ConfiguredNode {
  endpoint: AlgodEndpoint;
  /** Its host permission's match pattern. */
  pattern: string;
  host: string;
}

/**
 * The node set for the network of `genesisHash`, with the network's name (`otherwise` for a network
 * Tandem does not know); `node` is null when none is set, or its URL is not http(s).
 */
export function configuredNode(settings: { algod: AlgodEndpoints; localNetGenesisHash: string }, genesisHash: string, otherwise: string): { network: string; node: ConfiguredNode | null } {
  const key = networkKeyOf(genesisHash, settings.localNetGenesisHash);
  const network = key ? NETWORK_LABELS[key] : otherwise;
  const endpoint = key ? settings.algod[key] : undefined;
  const pattern = endpoint ? algodHostPattern(endpoint.url) : null;
  if (!endpoint || pattern === null) return { network, node: null };
  return { network, node: { endpoint, pattern, host: new URL(endpoint.url).host } };
}

const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/;

/** Validates an untrusted `algod` settings value; null when any part is wrong. */
export function parseAlgodEndpoints(value: unknown): AlgodEndpoints | null {
  if (typeof value !== 'object' || value === null) return null;
  const out: Partial<AlgodEndpoints> = {};
  for (const key of NETWORK_KEYS) {
    const entry = (value as Record<string, unknown>)[key];
    if (typeof entry !== 'object' || entry === null) return null;
    const { url, tokenHeader, token } = entry as Record<string, unknown>;
    if (typeof url !== 'string' || typeof tokenHeader !== 'string' || typeof token !== 'string') return null;
    if (url !== '' && algodHostPattern(url) === null) return null;
    if (tokenHeader !== '' && !HEADER_NAME.test(tokenHeader)) return null;
    if (token.length > 512 || /[\r\n]/.test(token)) return null;
    out[key] = { url: url === '' ? '' : new URL(url).href.replace(/\/$/, ''), tokenHeader, token };
  }
  return out as AlgodEndpoints;
}
