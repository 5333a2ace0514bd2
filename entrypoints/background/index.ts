/**
 * The background: the single writer of persisted state; owns the signaling socket, the
 * request queue and the site sessions; routes between the popup, the content scripts and
 * the peer host. This file only wires listeners (MV3 wants them registered synchronously at
 * start-up); each concern lives in a file beside it. See README.md beside this file.
 */
import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { createReceiver } from '@/lib/messaging/channel';
import { INITIAL_CONNECTION, accountsItem, attemptItem, blockedOriginsItem, connectionItem, customWalletsItem, pairingsItem, phonesItem, serverSessionsItem, settingsItem, sitesItem, verificationItem, walletChoiceItem } from '@/lib/storage/items';
import { DEFAULT_NETWORK } from '@/lib/algorand/networks';
import { v7 as uuidv7 } from 'uuid';
import { contentChannel, type ContentCatalogue } from '@/lib/messaging/content-protocol';
import { popupChannel, type PopupCatalogue } from '@/lib/messaging/popup-protocol';
import { ok } from '@/lib/result';
import { markHop } from '@/lib/perf/hop-marks';
import { isExtensionPage, pageSender, type PageSender } from '@/lib/messaging/senders';
import { watchApprovalWindow } from './approval-window';
import { createConnection } from './connection';
import { SWEEP_ALARM, createDeadlineTimer } from './deadlines';
import { createPlatformPeerHost } from './platform';
import { createPairingStore } from './pairing-store';
import { createPhoneSession } from './phone-session';
import { createPhones } from './phones';
import { createServerSessions } from './server-sessions';
import { sessionCookieJar } from './signal-socket';
import { listAccounts } from '@/lib/accounts/accounts';
import type { Pairing } from '@/lib/liquid/types';
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

export default defineBackground({
  // Firefox MV2: a persistent background page keeps the socket and the peer link alive.
  persistent: true,
  main() {
    const { host: peerHost, receiver: peerReceiver } = createPlatformPeerHost();
    const preferences = createPreferences({ settings: settingsItem, blockedOrigins: blockedOriginsItem });
    const wallets = createWallets({ choice: walletChoiceItem, custom: customWalletsItem });
    // Nothing polls: deadlines wake the sweep (deadlines.ts), the peer host reports its changes.
    const deadlines = createDeadlineTimer({ sweep: () => whenReady().then(() => requests.sweep()), now: () => Date.now(), alarms: browser.alarms });
    // Each request goes to the phone that holds its signer's key (phones.ts).
    const edges = createRequestEdges({ sendSign: (pairingId, id, txns) => phones.sendSign(pairingId, id, txns), sendFrame: (pairingId, frame) => phones.sendFrame(pairingId, frame) }, preferences, (queue) => deadlines.schedule(queue));
    const requests = createRequests(edges);
    const networkReads = createNetworkReads({
      settings: preferences.settings,
      hasHostAccess: (pattern) => browser.permissions.contains({ origins: [pattern] }),
      reader: algodReader,
      now: () => Date.now(),
    });
    const pairingStore = createPairingStore(pairingsItem, edges.sites);
    const accounts = createAccountsStore(accountsItem, { pairings: () => pairingStore.list(), authLookups: (address) => networkReads.authLookups(address), now: () => Date.now() });
    const possession = createPossessionCheck({
      // Each phone's check goes to that phone.
      phone: { sendSign: (pairingId, id, txns) => phones.sendSign(pairingId, id, txns) },
      item: verificationItem,
      now: () => Date.now(),
      newId: () => uuidv7(),
      randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
    });
    /** Phone `pairingId` is connected and its account known: have it prove it holds the key (possession.ts). */
    const checkPossession = async (pairingId: string, options?: { force?: boolean }) => {
      const pairing = (await pairingStore.list()).find((p) => p.requestId === pairingId);
      const state = phones.state(pairingId);
      if (!pairing || state?.phase !== 'connected') return false;
      await possession.onChannelOpen(pairing, state.fingerprint ?? '', options);
      return true;
    };
    // Every step that sends a server session's cookie runs one at a time, browser-wide (server-sessions.ts).
    const serverSessions = createServerSessions(sessionCookieJar, serverSessionsItem);
    // A new pairing links through the chosen wallet app's server (wallets.ts).
    const signalingSettings = async () => wallets.signalingSettings(await preferences.settings());
    const phones = createPhones({
      createSignaling: (machine) => createConnection(machine, serverSessions, signalingSettings),
      createSession: (machine) =>
        createPhoneSession({
          ...machine,
          saveProfile: (requestId, profile) => pairingStore.saveProfile(requestId, profile),
          knownProtocol: (server) => knownWalletForServer(server)?.envelope ?? null,
          newId: () => uuidv7(),
          setTimeout: (fn, ms) => setTimeout(fn, ms),
          clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        }),
      peerFor: (peerId) => peerHost.peerFor(peerId),
      pairings: pairingStore,
      items: { phones: phonesItem, attempt: attemptItem, connection: connectionItem },
      showPhase: showConnectionPhase,
      onPhoneReady: (pairingId) => {
        void requests.onChannelOpen(pairingId);
        void checkPossession(pairingId);
      },
      onPhoneOffline: (pairingId) => void requests.onPhoneOffline(pairingId),
    });
    /** After phones are unpaired: their accounts leave the sites, and their rekeyed accounts and names go. */
    const forgetPhones = async (gone: Pairing[], all: boolean) => {
      if (gone.length === 0) return;
      const list = listAccounts([...(await pairingStore.list()), ...gone], await accountsItem.getValue());
      const ids = new Set(gone.map((p) => p.requestId));
      if (all) await edges.sites.revokeAll();
      else await edges.sites.dropAccounts(list.filter((a) => ids.has(a.pairingId)).map((a) => a.address));
      for (const pairing of gone) await accounts.forgetPairing(pairing);
      // What the phones proved goes with them (and with any pairing replaced by its account's new one).
      await possession.keep((await pairingStore.list()).map((p) => p.requestId));
    };

    // Stored values are migrated first: one that cannot be stops start-up (stored-state.ts), and
    // every message then answers with an error. Signaling never started, so it writes no state.
    const migrated = migrateStoredState([pairingsItem, verificationItem], async (failed) => {
      await connectionItem.setValue({ ...INITIAL_CONNECTION, ...failed, updatedAt: Date.now() });
      await showConnectionPhase('failed');
    });
    // State is reloaded from storage (and the peer host asked) before any message is handled.
    const ready = migrated.then(() => phones.restore().catch((err) => console.error('[tandem] restoring state failed', err)));
    const whenReady = () => ready.then(() => undefined);
    void ready.then(() => requests.resume()).catch((err) => console.error('[tandem] resuming requests failed', err));

    peerHost.onEvent((event) => {
      void whenReady().then(async () => {
        // Phone frames are the requests' business; each phone's link only follows its channel.
        if (event.kind !== 'peer/frame') return phones.handlePeerEvent(event);
        const answered = await phones.onPhoneFrame(event);
        if (answered && !(await possession.onPhoneReply(answered.pairingId, answered.reply))) await requests.onPhoneReply(answered.reply);
      });
    });
    if (peerReceiver) browser.runtime.onMessage.addListener(peerReceiver);

    browser.runtime.onMessage.addListener(
      createReceiver<PopupCatalogue, void>(popupChannel, {
        authorize: (sender) => (isExtensionPage(sender) ? undefined : null),
        handlers: createPopupHandlers({
          phones,
          requests,
          sites: edges.sites,
          preferences,
          wallets,
          accounts,
          forgetPhones,
          checkPossession: (pairingId) => checkPossession(pairingId || (phones.keys()[0] ?? ''), { force: true }),
          refresh: async () => {
            await Promise.all([requests.sweep(), phones.checkPeers()]);
          },
          networkFacts: async (key) => {
            const entry = findEntry(await edges.queue.read(), key);
            return entry?.method === 'sign_transactions' ? networkReads.factsFor(entry) : null;
          },
          networkBalances: async () => {
            // The home view's balances are the first phone's account's.
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
