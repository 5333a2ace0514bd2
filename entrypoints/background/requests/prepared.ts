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
  remember(key: string, decoded: DecodedTxn[]): void;
  /** The entry's decoded transactions (decoded again after a worker restart), or null if they no longer decode. */
  decoded(entry: QueuedSign): DecodedTxn[] | null;
  /** The entry's phone chunks, made once by `split`. */
  chunks(entry: QueuedSign, decoded: DecodedTxn[], split: (decoded: DecodedTxn[]) => PhoneChunks): PhoneChunks;
}

export function createPreparedRequests(): PreparedRequests {
  const byKey = new Map<string, { decoded: DecodedTxn[]; chunks?: PhoneChunks }>();
  return {
    remember: (key, decoded) => void byKey.set(key, { decoded }),
    decoded(entry) {
      const known = byKey.get(entry.key);
      if (known) return known.decoded;
      const decoded = decodeWalletTransactions(entry.txns, { allowMultipleGroups: true });
      if (!decoded.ok) return null;
      byKey.set(entry.key, { decoded: decoded.value });
      return decoded.value;
    },
    chunks(entry, decoded, split) {
      const known = byKey.get(entry.key);
      if (known?.chunks) return known.chunks;
      const chunks = split(decoded);
      byKey.set(entry.key, { decoded, chunks });
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
