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
