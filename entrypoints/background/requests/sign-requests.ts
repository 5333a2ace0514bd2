/** sign_transactions from a page: decode, check against the site's session, describe, warn, queue. */
import { t } from '@/lib/i18n';
import { decodeWalletTransactions } from '@/lib/algorand/decode';
import { describeTransactions } from '@/lib/algorand/describe';
import { networkByGenesisHash, type Network } from '@/lib/algorand/networks';
import { withheldFromPhone } from '@/lib/algorand/phone-request';
import { checkNetwork, checkSigners } from '@/lib/algorand/session-checks';
import { warningsFor } from '@/lib/algorand/warnings';
import { toBase64 } from '@/lib/encoding/base64';
import { Arc27ErrorCode, arc27Error, type WalletTransaction } from '@/lib/arc27/types';
import type { RequestStatus } from '@/lib/messaging/content-protocol';
import type { PageSender } from '@/lib/messaging/senders';
import type { QueuedSign } from '@/lib/storage/types';
import type { Admission } from './admission';
import type { RequestEdges } from './edges';
import { failed } from './outcomes';
import type { PreparedRequests } from './prepared';

/** SHA-256 of what the user is shown and the phone is sent (hex), so work made from other bytes is never used. */
export async function txnsDigest(txns: WalletTransaction[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(txns)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export type SignTransactions = (sender: PageSender, key: string, txns: WalletTransaction[]) => Promise<RequestStatus>;

export function createSignRequests(edges: RequestEdges, admission: Admission, prepared: PreparedRequests, networks: () => Promise<Network[]>): SignTransactions {
  return async (sender, key, txns) => {
    // The session first: a page with none must not make Tandem decode up to 1,024 transactions.
    const sessions = await edges.sites.sessionsFor(sender.origin);
    if (sessions.length === 0) return failed(arc27Error(Arc27ErrorCode.UnauthorizedSigner, t('error_not_connected', sender.origin)));
    const decoded = decodeWalletTransactions(txns, { allowMultipleGroups: true });
    if (!decoded.ok) return failed(decoded.error);
    const first = decoded.value[0]!.txn.genesisHash;
    const hash = first ? toBase64(first) : '';
    const session = sessions.find((s) => s.genesisHash === hash) ?? sessions[0]!;
    const known = await networks();
    const network = checkNetwork(decoded.value, session.genesisHash, known);
    if (!network.ok) return failed(network.error);
    const signers = checkSigners(decoded.value, session.accounts);
    if (!signers.ok) return failed(signers.error);
    const settings = await edges.settings();
    const networkName = networkByGenesisHash(session.genesisHash, known)?.name ?? session.genesisId;
    const entry: QueuedSign = {
      key,
      method: 'sign_transactions',
      tabId: sender.tabId,
      frameId: sender.frameId,
      origin: sender.origin,
      embeddedIn: sender.embeddedIn,
      createdAt: edges.now(),
      genesisHash: session.genesisHash,
      genesisId: session.genesisId,
      txns,
      txnsDigest: await txnsDigest(txns),
      withheld: withheldFromPhone(decoded.value, session.accounts),
      descriptions: describeTransactions(decoded.value, { ownAccounts: session.accounts, network: { genesisHash: session.genesisHash, name: networkName } }),
      warnings: warningsFor(decoded.value, { ownAccounts: session.accounts, sessionGenesisHash: session.genesisHash, highFeeMicroAlgos: settings.highFeeMicroAlgos }),
      stage: 'awaiting-approval',
    };
    const status = await admission.enqueue(entry);
    if (status.state === 'pending') prepared.remember(key, entry.txnsDigest!, decoded.value);
    return status;
  };
}
