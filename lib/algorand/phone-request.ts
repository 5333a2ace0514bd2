/**
 * The `params.txns` of the sign request sent to the phone. The transaction is the canonical
 * msgpack we decoded (byte-identical to the dApp's, since decode rejects anything else) in
 * standard padded base64: the Android reference wallet decodes it with Kotlin's
 * `Base64.Default`, which accepts neither the URL-safe alphabet nor missing padding.
 *
 * `signers` is sent in ARC-0001's normal form, which means the same as what the dApp sent
 * (decode checked that `[addr]` is exactly the sender or `authAddr`): `[]` where nothing is to
 * be signed, absent otherwise, plus `authAddr` for a rekeyed sender. `msig` never occurs
 * (decode rejects it); the dApp's `stxn` and `message` stay in the extension.
 */
import type { WalletTransaction } from '../arc27/types';
import { toBase64 } from '../encoding/base64';
import type { DecodedTxn } from './decode';

export function toPhoneTxns(decoded: readonly DecodedTxn[]): WalletTransaction[] {
  return decoded.map((d) => {
    const entry: WalletTransaction = { txn: toBase64(d.bytes) };
    if (d.signers.length === 0) entry.signers = [];
    if (d.authAddr !== undefined) entry.authAddr = d.authAddr;
    return entry;
  });
}

/**
 * Transactions the phone must not receive: ones the dApp asked not to sign (`signers: []`) although
 * the phone's own key would sign them (a paired account is the sender or the `authAddr`). The
 * Android reference wallet signs everything it gets (liquid-protocol.md §5.1), and a signature that
 * Tandem drops is still seen by whoever relays the channel. The dApp gets `null` there, as asked.
 */
export function withheldFromPhone(decoded: readonly DecodedTxn[], ownAccounts: readonly string[]): number[] {
  const own = new Set(ownAccounts);
  return decoded.filter((d) => d.signers.length === 0 && (own.has(d.txn.sender.toString()) || (d.authAddr !== undefined && own.has(d.authAddr)))).map((d) => d.index);
}

/** What the phone is sent: every transaction but the withheld ones, in order. */
export function sentToPhone(decoded: readonly DecodedTxn[], withheld: readonly number[]): DecodedTxn[] {
  if (withheld.length === 0) return [...decoded];
  const skip = new Set(withheld);
  return decoded.filter((d) => !skip.has(d.index));
}

/** The phone's reply (one entry per transaction sent) laid out over the whole request, `null` where withheld. */
export function spreadOverRequest(total: number, withheld: readonly number[], reply: readonly unknown[]): unknown[] {
  const skip = new Set(withheld);
  const out: unknown[] = [];
  let next = 0;
  for (let index = 0; index < total; index++) out.push(skip.has(index) ? null : reply[next++]);
  return out;
}
