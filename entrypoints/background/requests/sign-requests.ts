/** sign_transactions from a page: decode, check against the site's session, describe, warn, queue. */
import { t } from '@/lib/i18n';
import { decodeWalletTransactions, type DecodedTxn } from '@/lib/algorand/decode';
import { describeTransactions } from '@/lib/algorand/describe';
import { networkByGenesisHash, type Network } from '@/lib/algorand/networks';
import { withheldFromPhone } from '@/lib/algorand/phone-request';
import { checkNetwork, checkSigners } from '@/lib/algorand/session-checks';
import { warningsFor } from '@/lib/algorand/warnings';
import { toBase64 } from '@/lib/encoding/base64';
import { authAddrOf, inListOrder } from '@/lib/accounts/accounts';
import { withKnownAuthAddrs } from '@/lib/accounts/rekeyed-signers';
import { Arc27ErrorCode, arc27Error, type WalletTransaction } from '@/lib/arc27/types';
import type { RequestStatus } from '@/lib/messaging/content-protocol';
import type { PageSender } from '@/lib/messaging/senders';
import type { PostTarget, QueuedSign } from '@/lib/storage/types';
import type { Admission } from './admission';
import type { RequestEdges } from './edges';
import { failed } from './outcomes';
import type { PreparedRequests } from './prepared';

/** SHA-256 of what the user is shown and the phone is sent (hex), so work made from other bytes is never used. */
export async function txnsDigest(txns: WalletTransaction[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(txns)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `post`: sign_and_post_transactions, sent to the network once signed. */
export type SignTransactions = (sender: PageSender, key: string, txns: WalletTransaction[], opts?: { post?: boolean }) => Promise<RequestStatus>;

/** sign_and_post_transactions sends the whole request: a transaction nobody signs cannot be sent. */
function unsignable(decoded: DecodedTxn[]) {
  const bare = decoded.find((d) => d.signers.length === 0 && d.stxn === undefined);
  return bare && arc27Error(Arc27ErrorCode.InvalidInput, `txns[${bare.index}] has no signer and no stxn, so it cannot be sent: sign_and_post_transactions sends every transaction`, { index: bare.index });
}

export function createSignRequests(edges: RequestEdges, admission: Admission, prepared: PreparedRequests, networks: () => Promise<Network[]>): SignTransactions {
  return async (sender, key, given, opts = {}) => {
    let txns = given;
    // The session first: a page with none must not make Tandem decode up to 1,024 transactions.
    const sessions = await edges.sites.sessionsFor(sender.origin);
    if (sessions.length === 0) return failed(arc27Error(Arc27ErrorCode.UnauthorizedSigner, t('error_not_connected', sender.origin)));
    let decoded = decodeWalletTransactions(txns, { allowMultipleGroups: true });
    if (!decoded.ok) return failed(decoded.error);
    const first = decoded.value[0]!.txn.genesisHash;
    const hash = first ? toBase64(first) : '';
    const found = sessions.find((s) => s.genesisHash === hash) ?? sessions[0]!;
    // Only the site's accounts still in the accounts list (an account of a replaced phone is not).
    const accounts = await edges.accounts();
    const session = { ...found, accounts: inListOrder(accounts, found.accounts) };
    const known = await networks();
    const network = checkNetwork(decoded.value, session.genesisHash, known);
    if (!network.ok) return failed(network.error);
    // The site's rekeyed accounts sign with their auth account's key (lib/accounts/rekeyed-signers.ts).
    const authOf = (address: string) => (session.accounts.includes(address) ? authAddrOf(accounts, address) : undefined);
    const amended = withKnownAuthAddrs(txns, decoded.value, authOf);
    if (amended) {
      txns = amended;
      decoded = decodeWalletTransactions(txns, { allowMultipleGroups: true });
      if (!decoded.ok) return failed(decoded.error);
    }
    const signers = checkSigners(decoded.value, session.accounts, authOf);
    if (!signers.ok) return failed(signers.error);
    // The auth accounts of the site's rekeyed accounts are the user's keys too (warnings, descriptions).
    const own = [...new Set([...session.accounts, ...session.accounts.map(authOf).filter((a): a is string => a !== undefined)])];
    let post: PostTarget | undefined;
    if (opts.post) {
      const bare = unsignable(decoded.value);
      if (bare) return failed(bare);
      const target = await edges.network.target(session.genesisHash, session.genesisId);
      if (!target.ok) return failed(arc27Error(Arc27ErrorCode.Unknown, target.error));
      post = target.value;
    }
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
      withheld: withheldFromPhone(decoded.value, own),
      descriptions: describeTransactions(decoded.value, { ownAccounts: own, network: { genesisHash: session.genesisHash, name: networkName } }),
      warnings: warningsFor(decoded.value, { ownAccounts: own, sessionGenesisHash: session.genesisHash, highFeeMicroAlgos: settings.highFeeMicroAlgos }),
      stage: 'awaiting-approval',
      ...(post ? { post } : {}),
    };
    const status = await admission.enqueue(entry);
    if (status.state === 'pending') prepared.remember(key, entry.txnsDigest!, decoded.value);
    return status;
  };
}
