/** The background's side of 'tandem/popup': every change the view asks for. */
import type { HandlerTable } from '@/lib/messaging/channel';
import type { PopupCatalogue } from '@/lib/messaging/popup-protocol';
import { messageError } from '@/lib/messaging/result';
import { describeError, fail, ok } from '@/lib/result';
import { markHop } from '@/lib/perf/hop-marks';
import type { Phones } from './phones';
import type { FactsReply, HomeBalance } from '@/lib/algorand/facts';
import type { Preferences } from './preferences';
import type { Requests } from './requests';
import type { SiteSessions } from './requests/edges';
import { blockedMessage } from './requests/outcomes';
import type { Wallets } from './wallets';
import type { AccountsStore } from './accounts-store';
import { inListOrder } from '@/lib/accounts/accounts';
import type { Pairing } from '@/lib/liquid/types';

const startedAt = Date.now();

export interface PopupHandlerDeps {
  phones: Phones;
  requests: Requests;
  sites: SiteSessions;
  preferences: Preferences;
  wallets: Wallets;
  accounts: AccountsStore;
  /** What follows unpairing: the phones' accounts leave the sites (every site's session when `all`). */
  forgetPhones(gone: Pairing[], all: boolean): Promise<void>;
  /** Asks phone `pairingId` ('' for the first) to prove its account again; false when it is not connected. */
  checkPossession(pairingId: string): Promise<boolean>;
  /** What a popup opening asks for: state brought up to date (deadlines swept, the peer host asked). */
  refresh(): Promise<void>;
  /** The network's facts about an open sign request; null when there is no such request. */
  networkFacts(key: string): Promise<FactsReply | null>;
  networkBalances(): Promise<HomeBalance[]>;
}

export function createPopupHandlers({ phones, requests, sites, preferences, wallets, accounts, forgetPhones, checkPossession, refresh, networkFacts, networkBalances }: PopupHandlerDeps): HandlerTable<PopupCatalogue, void> {
  return {
    'state/refresh': async () => {
      await refresh();
      return ok({ startedAt });
    },
    'pairing/start': async ({ fresh, requestId }) => {
      try {
        return ok({ requestId: await phones.startPairing({ fresh, requestId }) });
      } catch (err) {
        return fail(messageError('bad-request', describeError(err)));
      }
    },
    'pairing/cancel': async () => {
      await phones.cancelPairing();
      return ok({});
    },
    'pairing/unpair': async ({ requestId }) => {
      // The phones' accounts leave the list with them; their rekeyed accounts and names go too.
      await forgetPhones(await phones.unpair(requestId), requestId === undefined);
      return ok({});
    },
    'pairing/verify': async ({ requestId }) => ((await checkPossession(requestId ?? '')) ? ok({}) : fail(messageError('unavailable', 'Your phone is not connected'))),
    'settings/save': async (patch) => ok(await preferences.saveSettings(patch)),
    'wallet/choose': async (choice) => {
      await wallets.choose(choice);
      return ok({});
    },
    'wallets/save': async ({ wallets: list }) => ok({ wallets: await wallets.saveCustom(list) }),
    'sites/revoke': async ({ origin, genesisHash }) => ok({ revoked: (await sites.revoke(origin, genesisHash)).length }),
    'sites/block': async ({ origin }) => {
      await preferences.block(origin);
      await sites.revoke(origin);
      // Its waiting requests are answered now rather than left to be rejected one by one.
      await requests.rejectOrigin(origin, blockedMessage());
      return ok({});
    },
    'sites/unblock': async ({ origin }) => {
      await preferences.unblock(origin);
      return ok({});
    },
    'request/approve': async ({ key, accounts: chosen }) => {
      markHop('backgroundApproval');
      try {
        await requests.approve(key, chosen);
        return ok({});
      } catch (err) {
        return fail(messageError('failed', describeError(err)));
      }
    },
    'request/reject': async ({ key }) => {
      await requests.reject(key);
      return ok({});
    },
    'request/reject-all': async () => ok({ rejected: await requests.rejectAll() }),
    'network/facts': async ({ key }) => {
      const facts = await networkFacts(key);
      return facts ? ok(facts) : fail(messageError('bad-request', 'No such request'));
    },
    'network/balances': async () => ok(await networkBalances()),
    'accounts/add': async ({ address }) => {
      const added = await accounts.addRekeyed(address);
      return added.ok ? ok({ account: added.value }) : fail(messageError('bad-request', added.error.message));
    },
    'accounts/rename': async ({ address, name }) => {
      const renamed = await accounts.rename(address, name);
      return renamed.ok ? ok({}) : fail(messageError('bad-request', renamed.error));
    },
    'sites/choose': async ({ origin, genesisHash, accounts: chosen }) => {
      const shared = inListOrder(await accounts.list(), chosen);
      if (shared.length !== new Set(chosen).size) return fail(messageError('bad-request', 'Choose among your accounts'));
      return (await sites.choose(origin, genesisHash, shared)) ? ok({}) : fail(messageError('bad-request', 'That site is not connected'));
    },
  } satisfies HandlerTable<PopupCatalogue, void>;
}
