/** The request modules' edges in the worker: storage items, the window, the badge, the tabs. */
import browser from 'webextension-polyfill';
import { v7 as uuidv7 } from 'uuid';
import { request } from '@/lib/messaging/channel';
import { contentPushChannel } from '@/lib/messaging/content-protocol';
import { accountsItem, pairingsItem, queueItem, sitesItem } from '@/lib/storage/items';
import { listAccounts } from '@/lib/accounts/accounts';
import type { QueuedRequest } from '@/lib/storage/types';
import { approvalWindow } from './approval-window';
import { showPendingCount } from './badge';
import type { Preferences } from './preferences';
import { createQueueStore } from './queue';
import type { PhoneLink, RequestEdges } from './requests/edges';
import { createSiteSessions } from './sites';
import { createPostNetwork } from './post-node';

const PUSH_DEADLINE_MS = 3_000;

export function createRequestEdges(phone: PhoneLink, preferences: Preferences, onQueueWrite: (queue: QueuedRequest[]) => void): RequestEdges {
  return {
    phone,
    network: createPostNetwork(preferences.settings),
    now: () => Date.now(),
    newId: () => uuidv7(),
    queue: createQueueStore(queueItem, onQueueWrite),
    sites: createSiteSessions(sitesItem),
    settings: preferences.settings,
    blockedOrigins: preferences.blockedOrigins,
    pairings: () => pairingsItem.getValue(),
    accounts: async () => listAccounts(await pairingsItem.getValue(), await accountsItem.getValue()),
    approvalWindow,
    showPendingCount,
    async pushAnswer(tabId, frameId, key, outcome) {
      const reply = await request(contentPushChannel, (m) => browser.tabs.sendMessage(tabId, m, { frameId }), 'arc27/answer', { key, outcome }, PUSH_DEADLINE_MS);
      return reply.ok && reply.value.delivered;
    },
  };
}
