/**
 * The stored values' migrations, run before the background reads anything (lib/storage/migrations.ts).
 * WXT runs an item's migrations when the item is defined, but a failure there is only logged, and
 * the item then hands out the value it could not migrate. So start-up runs each item's migration
 * again and waits for it: a migration that fails stops start-up. The stored value is left exactly
 * as it was (nothing is written over it), the failure is logged, and the connection state says it,
 * so the popup shows it. Every message the background gets then answers with an error, so each
 * dApp request still ends in one answer.
 */
import { t } from '@/lib/i18n';
import type { ConnectionState } from '@/lib/liquid/types';

/** A WXT storage item with migrations. */
export interface MigratedItem {
  /** The storage key (`local:pairing`), for the message. */
  key: string;
  /** Runs the item's pending migrations; throws when one fails. */
  migrate(): Promise<void>;
}

export class StoredStateError extends Error {
  constructor(key: string, cause: unknown) {
    super(t('failure_stored_state', key.replace(/^\w+:/, ''), describe(cause)), { cause });
    this.name = 'StoredStateError';
  }
}

function describe(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err instanceof Error ? err.message : String(err)}${cause}`;
}

/**
 * Migrates every item in order; on a failure, logs it, writes the failed state (`report`) and
 * rejects with a StoredStateError.
 */
export async function migrateStoredState(items: readonly MigratedItem[], report: (state: Pick<ConnectionState, 'phase' | 'failure'>) => Promise<void>): Promise<void> {
  for (const item of items) {
    try {
      await item.migrate();
    } catch (err) {
      const failure = new StoredStateError(item.key, err);
      console.error('[tandem] stopping start-up:', failure.message, err);
      await report({ phase: 'failed', failure: { reason: 'stored-state', message: failure.message } }).catch(() => undefined);
      throw failure;
    }
  }
}
