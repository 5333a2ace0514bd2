/**
 * The user's settings and blocked sites: the background is their only writer, and this module its
 * only code that writes them. Both are read on every request, so they are kept in memory and
 * refreshed when storage changes (tests and a second extension page may write them too).
 */
import { DEFAULT_SETTINGS } from '@/lib/storage/items';
import type { Settings } from '@/lib/storage/types';

/** The part of a WXT storage item this module uses (a fake in unit tests). */
export interface WatchedValue<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  watch(callback: () => void): () => void;
}

export interface Preferences {
  settings(): Promise<Settings>;
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  blockedOrigins(): Promise<string[]>;
  block(origin: string): Promise<void>;
  unblock(origin: string): Promise<void>;
}

function cached<T>(item: WatchedValue<T>) {
  let value: Promise<T> | null = null;
  // Read again after any change: the callback's value may be absent when the key was removed.
  item.watch(() => {
    value = null;
  });
  return {
    get: () => (value ??= item.getValue()),
    async set(next: T) {
      value = Promise.resolve(next);
      await item.setValue(next);
    },
  };
}

export function createPreferences(items: { settings: WatchedValue<Partial<Settings>>; blockedOrigins: WatchedValue<string[]> }): Preferences {
  const stored = cached(items.settings);
  const blocked = cached(items.blockedOrigins);
  return {
    settings: async () => ({ ...DEFAULT_SETTINGS, ...(await stored.get()) }),
    async saveSettings(patch) {
      await stored.set({ ...(await stored.get()), ...patch });
      return { ...DEFAULT_SETTINGS, ...(await stored.get()) };
    },
    blockedOrigins: () => blocked.get(),
    async block(origin) {
      const list = await blocked.get();
      if (!list.includes(origin)) await blocked.set([...list, origin]);
    },
    async unblock(origin) {
      const list = await blocked.get();
      if (list.includes(origin)) await blocked.set(list.filter((o) => o !== origin));
    },
  };
}
