/** The ARC-0027 session methods: discover, enable (and approving a connect), disable. */
import { NETWORKS, localNet, networkByGenesisHash, type Network } from '@/lib/algorand/networks';
import { anyPhoneCanServe } from '@/lib/phone/methods';
import { Arc27ErrorCode, IMPLEMENTED_METHODS, SIGN_DATA_METHOD, type PageMethod, TANDEM_PROVIDER_ID, arc27Error, type EnableResult } from '@/lib/arc27/types';
import type { RequestStatus } from '@/lib/messaging/content-protocol';
import type { PageSender } from '@/lib/messaging/senders';
import type { QueuedConnect, SiteSession } from '@/lib/storage/types';
import type { SiteMeta } from '@/lib/messaging/content-protocol';
import { defaultChoice, inListOrder } from '@/lib/accounts/accounts';
import { isOpen } from '../queue';
import type { Admission } from './admission';
import type { Delivery } from './delivery';
import type { RequestEdges } from './edges';
import { done, failed } from './outcomes';

export interface SessionMethods {
  discover(): Promise<RequestStatus>;
  /** `silent`: Tandem's silent enable answers from an existing session or 4100, never a prompt. */
  enable(sender: PageSender, key: string, genesisHash: string | undefined, silent: boolean, site: SiteMeta): Promise<RequestStatus>;
  disable(sender: PageSender, genesisHash: string | undefined): Promise<RequestStatus>;
  /** `chosen`: the accounts the user ticked; absent, the default choice (lib/accounts/accounts.ts). */
  approveConnect(entry: QueuedConnect, chosen?: string[]): Promise<void>;
  /** The presets, plus LocalNet when the user gave its genesis hash in settings. */
  networks(): Promise<Network[]>;
}

const notSupported = (genesisHash: string | undefined) => failed(arc27Error(Arc27ErrorCode.NetworkNotSupported, `Tandem does not support the network ${genesisHash}`));

export function enableResult(session: SiteSession): EnableResult {
  return {
    accounts: session.accounts.map((address) => ({ address })),
    genesisHash: session.genesisHash,
    genesisId: session.genesisId,
    providerId: TANDEM_PROVIDER_ID,
    sessionId: session.sessionId,
  };
}

export function createSessionMethods(edges: RequestEdges, admission: Admission, delivery: Pick<Delivery, 'finish'>): SessionMethods {
  async function networks(): Promise<Network[]> {
    const { localNetGenesisHash } = await edges.settings();
    return localNetGenesisHash ? [...NETWORKS, localNet(localNetGenesisHash)] : [...NETWORKS];
  }

  async function networkFor(genesisHash: string | undefined): Promise<Network | undefined> {
    // ARC-0027: enable without a genesis hash means MainNet.
    if (genesisHash === undefined) return NETWORKS.find((n) => n.name === 'MainNet');
    return networkByGenesisHash(genesisHash, await networks());
  }

  return {
    networks,

    async discover() {
      // What no paired phone can do is not offered: the union of what they can (lib/phone/methods.ts).
      const phones = await edges.pairings();
      const methods = ([...IMPLEMENTED_METHODS, SIGN_DATA_METHOD] as PageMethod[]).filter((m) => anyPhoneCanServe(phones, m));
      return done({
        ok: true,
        result: {
          name: 'Tandem',
          providerId: TANDEM_PROVIDER_ID,
          networks: (await networks()).map((n) => ({ genesisHash: n.genesisHash, genesisId: n.genesisId, methods: [...methods] })),
        },
      });
    },

    async enable(sender, key, genesisHash, silent, site) {
      const network = await networkFor(genesisHash);
      if (!network) return notSupported(genesisHash);
      const existing = (await edges.sites.sessionsFor(sender.origin)).find((s) => s.genesisHash === network.genesisHash);
      if (existing) {
        // Accounts that left the list (an unpaired phone's) are never handed out; the order is the list's.
        const accounts = inListOrder(await edges.accounts(), existing.accounts);
        if (accounts.length > 0) return done({ ok: true, result: enableResult({ ...existing, accounts }) });
      }
      // A silent enable (a dApp restoring its connection on load) never prompts.
      if (silent) return failed(arc27Error(Arc27ErrorCode.UnauthorizedSigner, `${sender.origin} has no session in Tandem for ${network.name}`));
      const entry: QueuedConnect = { key, method: 'enable', tabId: sender.tabId, frameId: sender.frameId, origin: sender.origin, embeddedIn: sender.embeddedIn, createdAt: edges.now(), genesisHash: network.genesisHash, genesisId: network.genesisId, site };
      return admission.enqueue(entry);
    },

    async disable(sender, genesisHash) {
      const network = genesisHash === undefined ? undefined : networkByGenesisHash(genesisHash, await networks());
      if (genesisHash !== undefined && !network) return notSupported(genesisHash);
      const removed = await edges.sites.revoke(sender.origin, genesisHash);
      const reference = network ?? NETWORKS.find((n) => n.genesisHash === removed[0]?.genesisHash) ?? NETWORKS[0]!;
      return done({ ok: true, result: { genesisHash: reference.genesisHash, genesisId: reference.genesisId, providerId: TANDEM_PROVIDER_ID, sessionIds: removed.map((s) => s.sessionId) } });
    },

    async approveConnect(entry, chosen) {
      const accounts = await edges.accounts();
      if (accounts.length === 0) throw new Error('pair your phone before connecting a site');
      const shared = chosen ? inListOrder(accounts, chosen) : defaultChoice(accounts, await edges.sites.sessionsFor(entry.origin));
      if (shared.length === 0 || (chosen && shared.length !== new Set(chosen).size)) throw new Error('choose at least one of your accounts to share');
      const session: SiteSession = { origin: entry.origin, genesisHash: entry.genesisHash, genesisId: entry.genesisId, accounts: shared, sessionId: edges.newId(), connectedAt: edges.now(), ...entry.site };
      await edges.sites.save(session);
      // Every waiting connect of the same site and network is answered by this one approval.
      const same = (await edges.queue.read()).filter((e) => e.method === 'enable' && isOpen(e) && e.origin === entry.origin && e.genesisHash === entry.genesisHash).map((e) => e.key);
      await delivery.finish(same, () => ({ ok: true, result: enableResult(session) }));
    },
  };
}
