/**
 * Reads from the algod node of a request's network (Settings → Network): the user's accounts and
 * the assets the request moves, for the approval window's facts. Never on the path to the phone:
 * the window asks once it has painted the request, and a slow or absent node only costs the facts.
 * Nothing is read when network reads are off, when the network has no node, or when the user has
 * not granted the node's host (asked only on a gesture: Save, or "Check with <host>").
 */
import { t } from '@/lib/i18n';
import * as algosdk from 'algosdk';
import { configuredNode, type AlgodEndpoint } from '@/lib/algorand/algod-endpoints';
import { assetIdsOf, computeFacts, largestHoldings, type AccountSnapshot, type AssetInfo, type FactsReply, type HomeBalance } from '@/lib/algorand/facts';
import { simulationGroups, summarizeSimulation } from '@/lib/algorand/simulation';
import { fromBase64Strict } from '@/lib/encoding/base64';
import type { QueuedSign, Settings } from '@/lib/storage/types';
import { ALGO_DECIMALS, formatCount, formatUnits } from '@/lib/algorand/format';
import { NETWORKS, localNet } from '@/lib/algorand/networks';
import type { AuthLookup } from '@/lib/accounts/rekey-check';
import { algodErrorMessage } from './algod-sender';

/** The window shows "couldn't check" after this long; the reads give up at the same time. */
export const FACTS_DEADLINE_MS = 3_000;
/** Asset parameters rarely change (names and decimals never do once created). */
const ASSET_TTL_MS = 10 * 60_000;

/** The reads the facts need: algosdk's Algodv2 in the extension, a fake in unit tests. */
export interface AlgodReader {
  account(address: string): Promise<AccountSnapshot>;
  /** null when the asset does not exist (algod answers 404). */
  asset(id: string): Promise<AssetInfo | null>;
  /** The node's genesis hash (standard base64), from `/v2/transactions/params`. */
  genesisHash(): Promise<string>;
  /** Simulates the groups unsigned (`allow-empty-signatures`, `allow-unnamed-resources`). */
  simulate(groups: algosdk.Transaction[][]): Promise<algosdk.modelsv2.SimulateResponse>;
}

export interface NetworkReadsDeps {
  settings(): Promise<Settings>;
  hasHostAccess(pattern: string): Promise<boolean>;
  reader(endpoint: AlgodEndpoint): AlgodReader;
  now(): number;
}

export interface NetworkReads {
  factsFor(request: QueuedSign): Promise<FactsReply>;
  /** The account's balance on each of these networks (genesis hashes), for the popup's home. */
  balancesFor(account: string, genesisHashes: readonly string[]): Promise<HomeBalance[]>;
  /** What each network's node says the account's auth-addr is (for adding a rekeyed account); [] when reads are off. */
  authLookups(address: string): Promise<AuthLookup[]>;
}

/** How many holdings the popup's home shows per account. */
const HOME_HOLDINGS = 3;
/** The holdings whose parameters are read to rank them (the rest are not ranked). */
const HOME_RANKED = 20;

export function algodClient(endpoint: AlgodEndpoint): algosdk.Algodv2 {
  const token = endpoint.tokenHeader === '' ? '' : { [endpoint.tokenHeader]: endpoint.token };
  // The port stays the URL's own: Algodv2 only overrides it when one is passed.
  return new algosdk.Algodv2(token as string, endpoint.url);
}

export function algodReader(endpoint: AlgodEndpoint): AlgodReader {
  const client = algodClient(endpoint);
  return {
    async account(address) {
      const info = await client.accountInformation(address).do();
      return {
        address,
        microAlgos: info.amount,
        minBalance: info.minBalance,
        authAddr: info.authAddr?.toString(),
        assets: new Map((info.assets ?? []).map((h) => [h.assetId.toString(), h.amount])),
      };
    },
    async asset(id) {
      try {
        const { params } = await client.getAssetByID(BigInt(id)).do();
        return params ? { id, decimals: params.decimals, name: params.name, unitName: params.unitName } : null;
      } catch (err) {
        if ((err as { status?: number }).status === 404) return null;
        throw err;
      }
    },
    async genesisHash() {
      const params = await client.getTransactionParams().do();
      return algosdk.bytesToBase64(params.genesisHash ?? new Uint8Array());
    },
    simulate(groups) {
      const request = new algosdk.modelsv2.SimulateRequest({
        txnGroups: groups.map((txns) => new algosdk.modelsv2.SimulateRequestTransactionGroup({ txns: txns.map((txn) => new algosdk.SignedTransaction({ txn })) })),
        allowEmptySignatures: true,
        allowUnnamedResources: true,
      });
      return client.simulateTransactions(request).do();
    },
  };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(t('algod_no_answer', formatCount(ms / 1000)))), ms);
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (err: unknown) => (clearTimeout(timer), reject(err instanceof Error ? err : new Error(String(err)))),
    );
  });
}

/** The user's accounts in a request: the signers Tandem asks the phone for and own senders. */
function ownAccounts(request: QueuedSign): string[] {
  const own = new Set<string>();
  for (const d of request.descriptions) {
    if (d.signer !== null) own.add(d.signer);
    if (d.senderIsOwn) own.add(d.sender);
  }
  return [...own];
}

export function createNetworkReads(deps: NetworkReadsDeps): NetworkReads {
  const assetCache = new Map<string, { info: AssetInfo | null; at: number }>();
  /** A node's genesis hash never changes: asked once per node URL. */
  const genesisCache = new Map<string, Promise<string>>();

  /** A node on another network than the request's would report another ledger's balances: refused. */
  async function checkGenesis(reader: AlgodReader, url: string, genesisHash: string, network: string): Promise<void> {
    let known = genesisCache.get(url);
    if (!known) {
      known = reader.genesisHash();
      genesisCache.set(url, known);
      known.catch(() => genesisCache.delete(url));
    }
    if ((await known) !== genesisHash) throw new Error(t('algod_wrong_network', network));
  }

  async function assetInfo(reader: AlgodReader, url: string, id: string): Promise<AssetInfo | null> {
    const key = `${url} ${id}`;
    const cached = assetCache.get(key);
    if (cached && deps.now() - cached.at < ASSET_TTL_MS) return cached.info;
    const info = await reader.asset(id);
    assetCache.set(key, { info, at: deps.now() });
    return info;
  }

  /** The node of a network, or why Tandem may not read it. */
  async function nodeFor(settings: Settings, genesisHash: string, genesisId: string) {
    const { network, node } = configuredNode(settings, genesisHash, genesisId);
    if (!node) return { network, state: 'no-node' as const };
    const { host, pattern, endpoint } = node;
    if (!(await deps.hasHostAccess(pattern))) return { network, state: 'not-allowed' as const, host, pattern };
    return { network, state: 'ok' as const, host, endpoint };
  }

  async function balanceOn(settings: Settings, account: string, genesisHash: string): Promise<HomeBalance> {
    const node = await nodeFor(settings, genesisHash, 'an unknown network');
    if (node.state === 'no-node') return { network: node.network, state: 'no-node', message: t('balances_no_node', node.network) };
    if (node.state === 'not-allowed') return { network: node.network, state: 'not-allowed', message: t('balances_not_allowed', node.host) };
    const reader = deps.reader(node.endpoint);
    try {
      return await withDeadline(
        (async (): Promise<HomeBalance> => {
          await checkGenesis(reader, node.endpoint.url, genesisHash, node.network);
          const snapshot = await reader.account(account);
          const ids = [...snapshot.assets.keys()].slice(0, HOME_RANKED);
          const infos = await Promise.all(ids.map((id) => assetInfo(reader, node.endpoint.url, id)));
          const assets = new Map(ids.map((id, i) => [id, infos[i]!]));
          const ranked = new Map([...snapshot.assets].filter(([id]) => assets.has(id)));
          return { network: node.network, state: 'ok', account, algo: formatUnits(snapshot.microAlgos, ALGO_DECIMALS), holdings: largestHoldings(ranked, assets, HOME_HOLDINGS) };
        })(),
        FACTS_DEADLINE_MS,
      );
    } catch (err) {
      return { network: node.network, state: 'failed', message: t('balances_failed', node.host, algodErrorMessage(err)) };
    }
  }

  async function authLookupOn(settings: Settings, address: string, genesisHash: string, name: string): Promise<AuthLookup> {
    const node = await nodeFor(settings, genesisHash, name);
    if (node.state !== 'ok') return { state: 'unavailable', network: node.network, reason: node.state };
    const reader = deps.reader(node.endpoint);
    try {
      const snapshot = await withDeadline(
        checkGenesis(reader, node.endpoint.url, genesisHash, node.network).then(() => reader.account(address)),
        FACTS_DEADLINE_MS,
      );
      return snapshot.authAddr ? { state: 'answered', network: node.network, authAddr: snapshot.authAddr } : { state: 'answered', network: node.network };
    } catch (err) {
      return { state: 'unavailable', network: node.network, reason: algodErrorMessage(err) };
    }
  }

  return {
    async authLookups(address) {
      const settings = await deps.settings();
      if (!settings.networkReads) return [];
      const networks = settings.localNetGenesisHash ? [...NETWORKS, localNet(settings.localNetGenesisHash)] : [...NETWORKS];
      return Promise.all(networks.map((n) => authLookupOn(settings, address, n.genesisHash, n.name)));
    },
    async balancesFor(account, genesisHashes) {
      const settings = await deps.settings();
      if (!settings.networkReads) return [{ network: '', state: 'off', message: t('balances_off') }];
      return Promise.all([...new Set(genesisHashes)].map((hash) => balanceOn(settings, account, hash)));
    },
    async factsFor(request) {
      const settings = await deps.settings();
      if (!settings.networkReads) return { state: 'off' };
      const node = await nodeFor(settings, request.genesisHash, request.genesisId);
      if (node.state === 'no-node') return { state: 'no-node', network: node.network };
      if (node.state === 'not-allowed') return { state: 'not-allowed', host: node.host, pattern: node.pattern };
      const { network, endpoint, host } = node;
      // The queue holds only transactions that decoded when the request was admitted.
      const txns = request.txns.map((t) => algosdk.decodeUnsignedTransaction(fromBase64Strict(t.txn)!));
      const reader = deps.reader(endpoint);
      const own = ownAccounts(request);
      const ids = assetIdsOf(txns);
      const { starts, groups } = simulationGroups(txns);
      const onNetwork = checkGenesis(reader, endpoint.url, request.genesisHash, network);
      // A simulation the node cannot run costs only the simulation, not the other facts.
      const simulated = onNetwork.then(() => reader.simulate(groups)).then(
        (response) => ({ ok: true as const, response }),
        (err: unknown) => ({ ok: false as const, message: algodErrorMessage(err) }),
      );
      try {
        const [snapshots, infos, simulation] = await withDeadline(
          onNetwork.then(() => Promise.all([Promise.all(own.map((address) => reader.account(address))), Promise.all(ids.map((id) => assetInfo(reader, endpoint.url, id))), simulated])),
          FACTS_DEADLINE_MS,
        );
        const accounts = new Map(snapshots.map((s) => [s.address, s]));
        const assets = new Map(ids.map((id, i) => [id, infos[i]!]));
        return {
          state: 'ok',
          host,
          facts: computeFacts(txns, own, accounts, assets),
          simulation: simulation.ok ? { state: 'ok', view: summarizeSimulation(simulation.response, starts, own, assets) } : { state: 'not-simulated', message: simulation.message },
        };
      } catch (err) {
        return { state: 'failed', host, message: algodErrorMessage(err) };
      }
    },
  };
}
