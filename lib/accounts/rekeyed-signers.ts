/**
 * A dApp that signs for a rekeyed account often leaves `authAddr` out: it knows the sender, not
 * who holds its key. For a sender that is one of the site's rekeyed accounts, Tandem fills in the
 * auth account it knows, so the phone is asked for that key's signature (and the signed
 * transaction carries `sgnr`). A dApp's own `authAddr`, or `signers: []`, is left as it is.
 */
import type { WalletTransaction } from '../arc27/types';
import type { DecodedTxn } from '../algorand/decode';

/** The transactions with `authAddr` filled in where needed; null when none needed it. */
export function withKnownAuthAddrs(txns: readonly WalletTransaction[], decoded: readonly DecodedTxn[], authAddrOf: (sender: string) => string | undefined): WalletTransaction[] | null {
  let changed = false;
  const out = txns.map((wtxn, i) => {
    const d = decoded[i]!;
    const sender = d.txn.sender.toString();
    const auth = authAddrOf(sender);
    if (auth === undefined || wtxn.authAddr !== undefined || d.signers.length === 0 || d.signers[0] !== sender) return wtxn;
    changed = true;
    // `signers: [sender]` means "sign it"; with authAddr set, ARC-0001 wants it absent (or [authAddr]).
    const { signers: _dropped, ...rest } = wtxn;
    return { ...rest, authAddr: auth };
  });
  return changed ? out : null;
}
