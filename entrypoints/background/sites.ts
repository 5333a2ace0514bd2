/** Per-site sessions, keyed by origin and genesis hash. The background is their only writer. */
import { siteKey } from '@/lib/storage/items';
import type { SiteSession } from '@/lib/storage/types';
import type { StoredValue } from './queue';
import type { SiteSessions } from './requests/edges';

export function createSiteSessions(item: StoredValue<Record<string, SiteSession>>): SiteSessions {
  let chain: Promise<unknown> = Promise.resolve();

  /** Writes only when `change` returns a new record: `disable` on a site with no session writes nothing. */
  function mutate<T>(change: (sites: Record<string, SiteSession>) => { sites: Record<string, SiteSession>; result: T }): Promise<T> {
    const next = chain.then(async () => {
      const before = await item.getValue();
      const { sites, result } = change(before);
      if (sites !== before) await item.setValue(sites);
      return result;
    });
    chain = next.catch(() => undefined);
    return next;
  }

  return {
    async sessionsFor(origin) {
      await chain;
      return Object.values(await item.getValue()).filter((s) => s.origin === origin);
    },
    save: (session) => mutate((sites) => ({ sites: { ...sites, [siteKey(session.origin, session.genesisHash)]: session }, result: undefined })),
    revoke: (origin, genesisHash) =>
      mutate((sites) => {
        const kept: Record<string, SiteSession> = {};
        const removed: SiteSession[] = [];
        for (const [key, s] of Object.entries(sites)) {
          if (s.origin === origin && (genesisHash === undefined || s.genesisHash === genesisHash)) removed.push(s);
          else kept[key] = s;
        }
        return { sites: removed.length ? kept : sites, result: removed };
      }),
    choose: (origin, genesisHash, accounts) =>
      mutate((sites) => {
        const key = siteKey(origin, genesisHash);
        const session = sites[key];
        if (!session) return { sites, result: false };
        return { sites: { ...sites, [key]: { ...session, accounts } }, result: true };
      }),
    revokeAccount: (account) =>
      mutate((sites) => {
        const kept = Object.fromEntries(Object.entries(sites).filter(([, s]) => !s.accounts.includes(account)));
        const removed = Object.values(sites).filter((s) => s.accounts.includes(account));
        return { sites: removed.length ? kept : sites, result: removed };
      }),
    dropAccounts: (accounts) =>
      mutate((sites) => {
        const gone = new Set(accounts);
        if (!Object.values(sites).some((s) => s.accounts.some((a) => gone.has(a)))) return { sites, result: undefined };
        const kept: Record<string, SiteSession> = {};
        for (const [key, s] of Object.entries(sites)) {
          const left = s.accounts.filter((a) => !gone.has(a));
          if (left.length > 0) kept[key] = left.length === s.accounts.length ? s : { ...s, accounts: left };
        }
        return { sites: kept, result: undefined };
      }),
    revokeAll: () => mutate((sites) => ({ sites: Object.keys(sites).length ? {} : sites, result: undefined })),
  };
}
