/**
 * A sign request's decoded transactions and phone frames' chunks, by key. Both follow from the
 * entry's txns alone, so they are made once per worker life rather than at approval, at each send
 * and at the reply: each decode of 1,024 transactions took ~0.5 s on the 2-core machine. Dropped
 * when the request ends; rebuilt from the queue after a worker restart.
 */
import { decodeWalletTransactions, type DecodedTxn } from '@/lib/algorand/decode';
import type { splitAtGroupBoundaries } from '@/lib/algorand/split';
import type { QueuedSign } from '@/lib/storage/types';
import type { PreparedWork } from './delivery';

export type PhoneChunks = ReturnType<typeof splitAtGroupBoundaries>;

export interface PreparedRequests extends PreparedWork {
  /** `digest`: the stored entry's `txnsDigest`; work is used only for an entry with the same digest. */
  remember(key: string, digest: string, decoded: DecodedTxn[]): void;
  /** The entry's decoded transactions (decoded again after a worker restart), or null if they no longer decode. */
  decoded(entry: QueuedSign): DecodedTxn[] | null;
  /** The phone chunks of the entry's current leg, made once by `split`. */
  chunks(entry: QueuedSign, decoded: DecodedTxn[], split: (decoded: DecodedTxn[]) => PhoneChunks): PhoneChunks;
}

export function createPreparedRequests(): PreparedRequests {
  const byKey = new Map<string, { digest: string; decoded: DecodedTxn[]; chunks?: PhoneChunks; leg?: number }>();
  /** Work made from exactly the transactions stored (and shown) for the entry, else none. */
  const workFor = (entry: QueuedSign) => {
    const known = byKey.get(entry.key);
    return known && entry.txnsDigest !== undefined && known.digest === entry.txnsDigest ? known : undefined;
  };
  return {
    remember: (key, digest, decoded) => void byKey.set(key, { digest, decoded }),
    decoded(entry) {
      const known = workFor(entry);
      if (known) return known.decoded;
      // After a worker restart, or when the remembered work was not made from this entry's bytes.
      const decoded = decodeWalletTransactions(entry.txns, { allowMultipleGroups: true });
      if (!decoded.ok) return null;
      byKey.set(entry.key, { digest: entry.txnsDigest ?? '', decoded: decoded.value });
      return decoded.value;
    },
    chunks(entry, decoded, split) {
      const known = workFor(entry);
      const leg = entry.leg ?? 0;
      if (known?.chunks && known.leg === leg) return known.chunks;
      const chunks = split(decoded);
      byKey.set(entry.key, { digest: entry.txnsDigest ?? '', decoded, chunks, leg });
      return chunks;
    },
    forget(keys) {
      for (const key of keys) byKey.delete(key);
    },
    prune(isOpenKey) {
      for (const key of [...byKey.keys()]) if (!isOpenKey(key)) byKey.delete(key);
    },
  };
}
