/**
 * The background: the single writer of persisted state; owns the signaling socket, the
 * request queue and the site sessions; routes between the popup, the content scripts and
 * the peer host. This file only wires listeners (MV3 wants them registered synchronously at
 * start-up); each concern lives in a file beside it. See README.md beside this file.
 */
import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { createReceiver } from '@/lib/messaging/channel';
import { INITIAL_CONNECTION, accountsItem, blockedOriginsItem, connectionItem, customWalletsItem, pairingsItem, settingsItem, sitesItem, verificationItem, walletChoiceItem } from '@/lib/storage/items';
import { DEFAULT_NETWORK } from '@/lib/algorand/networks';
import { v7 as uuidv7 } from 'uuid';
import { contentChannel, type ContentCatalogue } from '@/lib/messaging/content-protocol';
import { popupChannel, type PopupCatalogue } from '@/lib/messaging/popup-protocol';
import { ok } from '@/lib/result';
import { markHop } from '@/lib/perf/hop-marks';
import { concernsPeer } from '@/lib/messaging/peer-protocol';
import { isExtensionPage, pageSender, type PageSender } from '@/lib/messaging/senders';
import { watchApprovalWindow } from './approval-window';
import { createConnection } from './connection';
import { SWEEP_ALARM, createDeadlineTimer } from './deadlines';
import { createPlatformPeerHost } from './platform';
import { createPairingStore } from './pairing-store';
import { createPhoneSession } from './phone-session';
import { knownWalletForServer } from '@/lib/liquid/known-wallets';
import { createPopupHandlers } from './popup-handlers';
import { createPossessionCheck } from './possession';
import { createPreferences } from './preferences';
import { createRequestEdges } from './request-edges';
import { createRequests } from './requests';
import { createWallets } from './wallets';
import { algodReader, createNetworkReads } from './network-reads';
import { findEntry } from './queue';
import { createAccountsStore } from './accounts-store';
import { showConnectionPhase } from './badge';
import { migrateStoredState } from './stored-state';

/**
 * The peer host keeps one link per phone, by id; today Tandem drives one phone, under this id. The
 * per-pairing signaling machines of #16 will each pass their pairing's requestId instead.
 */
const PRIMARY_PEER_ID = 'phone-1';

export default defineBackground({
  // Firefox MV2: a persistent background page keeps the socket and the peer link alive.
  persistent: true,
  main() {
    const { host: peerHost, receiver: peerReceiver } = createPlatformPeerHost();
    const peer = peerHost.peerFor(PRIMARY_PEER_ID);
    const preferences = createPreferences({ settings: settingsItem, blockedOrigins: blockedOriginsItem });
    const wallets = createWallets({ choice: walletChoiceItem, custom: customWalletsItem });
    // Nothing polls: deadlines wake the sweep (deadlines.ts), the peer host reports its changes.
    const deadlines = createDeadlineTimer({ sweep: () => whenReady().then(() => requests.sweep()), now: () => Date.now(), alarms: browser.alarms });
    const phone = createPhoneSession({
      send: (frame) => peer.send(frame),
      pairing: () => pairingStore.load(),
      saveProfile: (requestId, profile) => pairingStore.saveProfile(requestId, profile),
      knownProtocol: (server) => knownWalletForServer(server)?.envelope ?? null,
      newId: () => uuidv7(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    });
    // One phone today: every leg goes to it (#16's per-pairing phones will pick by pairingId).
    const edges = createRequestEdges({ sendSign: (_pairingId, id, txns) => phone.sendSign(id, txns), sendFrame: (frame) => peer.send(frame) }, preferences, (queue) => deadlines.schedule(queue));
    const requests = createRequests(edges);
    const networkReads = createNetworkReads({
      settings: preferences.settings,
      hasHostAccess: (pattern) => browser.permissions.contains({ origins: [pattern] }),
      reader: algodReader,
      now: () => Date.now(),
    });
    const accounts = createAccountsStore(accountsItem, { pairings: () => pairingStore.list(), authLookups: (address) => networkReads.authLookups(address), now: () => Date.now() });
    const possession = createPossessionCheck({
      // One phone today: every pairing's check goes to it.
      phone: { sendSign: (_pairingId, id, txns) => phone.sendSign(id, txns) },
      item: verificationItem,
      now: () => Date.now(),
      newId: () => uuidv7(),
      randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
    });
    /** The phone is connected and its account known: have it prove it holds the key (possession.ts). */
    const checkPossession = async (options?: { force?: boolean }) => {
      const pairing = await pairingStore.load();
      const state = signaling.state();
      if (!pairing || state.phase !== 'connected') return false;
      await possession.onChannelOpen(pairing, state.fingerprint ?? '', options);
      return true;
    };
    /** The phone speaks first (phone-session.ts), then what waited for it goes out. */
    const greetPhone = () =>
      phone.onChannelOpen().then(() => {
        void requests.onChannelOpen();
        void checkPossession();
      });
    const pairingStore = createPairingStore(pairingsItem, edges.sites, (pairing) => {
      // The store keeps one pairing today: what a replaced or unpaired one proved goes with it.
      void possession.keep(pairing ? [pairing.requestId] : []);
      // A first pairing whose offer beat the link ack learns its account only now: greet its phone.
      if (pairing && signaling.state().phase === 'connected') void greetPhone();
    });
    const signaling = createConnection({
      peer,
      pairing: pairingStore,
      // A new pairing links through the chosen wallet app's server (wallets.ts).
      settings: async () => wallets.signalingSettings(await preferences.settings()),
      onChannelOpen: () => void greetPhone(),
      onChannelClosed: () => {
        phone.onChannelClosed();
        void requests.onPhoneOffline();
      },
    });

    // Stored values are migrated first: one that cannot be stops start-up (stored-state.ts), and
    // every message then answers with an error. Signaling never started, so it writes no state.
    const migrated = migrateStoredState([pairingsItem, verificationItem], async (failed) => {
      await connectionItem.setValue({ ...INITIAL_CONNECTION, ...failed, updatedAt: Date.now() });
      await showConnectionPhase('failed');
    });
    // State is reloaded from storage (and the peer host asked) before any message is handled.
    const ready = migrated.then(() => signaling.restore().catch((err) => console.error('[tandem] restoring state failed', err)));
    const whenReady = () => ready.then(() => undefined);
    void ready.then(() => requests.resume()).catch((err) => console.error('[tandem] resuming requests failed', err));

    peerHost.onEvent((event) => {
      // Another peer's events are no business of the one phone wired here.
      if (!concernsPeer(event, PRIMARY_PEER_ID)) return;
      void whenReady().then(async () => {
        // Phone frames are the requests' business; the link only follows the channel.
        if (event.kind !== 'peer/frame') await signaling.handlePeerEvent(event);
        else if (event.payload.kind === 'envelope') {
          const reply = await phone.onPhoneFrame(event.payload.value);
          // One phone today: its frames answer the first pairing's check.
          if (reply && !(await possession.onPhoneReply((await pairingStore.load())?.requestId ?? '', reply))) await requests.onPhoneReply(reply);
        }
      });
    });
    if (peerReceiver) browser.runtime.onMessage.addListener(peerReceiver);

    browser.runtime.onMessage.addListener(
      createReceiver<PopupCatalogue, void>(popupChannel, {
        authorize: (sender) => (isExtensionPage(sender) ? undefined : null),
        handlers: createPopupHandlers({
          signaling,
          requests,
          sites: edges.sites,
          preferences,
          wallets,
          accounts,
          pairing: () => pairingStore.load(),
          checkPossession: () => checkPossession({ force: true }),
          refresh: async () => {
            await Promise.all([requests.sweep(), signaling.checkPeer()]);
          },
          networkFacts: async (key) => {
            const entry = findEntry(await edges.queue.read(), key);
            return entry?.method === 'sign_transactions' ? networkReads.factsFor(entry) : null;
          },
          networkBalances: async () => {
            const pairing = await pairingStore.load();
            if (!pairing) return [];
            const networks = Object.values(await sitesItem.getValue()).map((site) => site.genesisHash);
            return networkReads.balancesFor(pairing.wallet, networks.length > 0 ? networks : [DEFAULT_NETWORK.genesisHash]);
          },
        }),
        ready: whenReady,
      }),
    );

    browser.runtime.onMessage.addListener(
      createReceiver<ContentCatalogue, PageSender>(contentChannel, {
        // The origin is taken from MessageSender, never from the payload.
        authorize: pageSender,
        handlers: {
          'arc27/request': ({ key, request, site }, sender) => (markHop('backgroundRequest'), requests.handle(sender, key, request, site).then(ok)),
          'arc27/poll': ({ key }, sender) => requests.poll(sender, key).then(ok),
          'arc27/ack': async ({ key }, sender) => {
            await requests.acknowledge(sender, key);
            return ok({});
          },
        },
        ready: whenReady,
      }),
    );

    watchApprovalWindow(() => void whenReady().then(() => requests.onApprovalWindowClosed()));
    browser.tabs.onRemoved.addListener((tabId) => void whenReady().then(() => requests.onTabRemoved(tabId)));
    // A worker stopped while a deadline was pending is woken by its alarm (Chrome; Firefox's page never sleeps).
    browser.alarms?.onAlarm.addListener((alarm) => {
      if (alarm.name === SWEEP_ALARM) void whenReady().then(() => requests.sweep());
    });
  },
});
