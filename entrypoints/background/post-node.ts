/**
 * The node each network's signed transactions are sent to: the one in Settings → Network, as for
 * reads (network-reads.ts), but used only on the user's say-so (a post_transactions consent or a
 * sign_and_post_transactions approval). Sending is not a read: "network reads off" does not stop
 * it, since the user just asked for it in the prompt, which names the node.
 */
import browser from 'webextension-polyfill';
import { configuredNode } from '@/lib/algorand/algod-endpoints';
import { t } from '@/lib/i18n';
import { fail, ok } from '@/lib/result';
import type { Settings } from '@/lib/storage/types';
import { CONFIRM_DEADLINE_MS, algodPoster, sendBatches } from './algod-sender';
import { algodClient } from './network-reads';
import type { PostNetwork } from './requests/edges';

export function createPostNetwork(settings: () => Promise<Settings>): PostNetwork {
  async function nodeOf(genesisHash: string, genesisId: string) {
    const { network, node } = configuredNode(await settings(), genesisHash, genesisId);
    return node ? ok({ network, ...node }) : fail(t('error_no_algod_node', network));
  }

  return {
    confirmDeadlineMs: CONFIRM_DEADLINE_MS,

    async target(genesisHash, genesisId) {
      const node = await nodeOf(genesisHash, genesisId);
      return node.ok ? ok({ network: node.value.network, host: node.value.host, pattern: node.value.pattern }) : node;
    },

    async send(genesisHash, signed, txIds, batches) {
      const node = await nodeOf(genesisHash, genesisHash);
      const refuse = (message: string) => batches.map(() => ({ ok: false as const, message }));
      if (!node.ok) return refuse(node.error);
      // Asked for from the Approve click (the popup); never here, where there is no gesture.
      if (!(await browser.permissions.contains({ origins: [node.value.pattern] }))) return refuse(t('error_algod_not_allowed', node.value.host));
      return sendBatches(algodPoster(algodClient(node.value.endpoint)), signed, txIds, batches, { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    },
  };
}
