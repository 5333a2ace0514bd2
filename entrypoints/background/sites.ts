/** Per-site sessions, keyed by origin and genesis hash. The background is their only writer. */
import { sitesItem, siteKey } from '@/lib/storage/items';
import type { SiteSession } from '@/lib/storage/types';

let chain: Promise<unknown> = Promise.resolve();

function mutateSites<T>(change: (sites: Record<string, SiteSession>) => { sites: Record<string, SiteSession>; result: T }): Promise<T> {
  const next = chain.then(async () => {
    const { sites, result } = change(await sitesItem.getValue());
    await sitesItem.setValue(sites);
    return result;
  });
  chain = next.catch(() => undefined);
  return next;
}

export async function sessionsFor(origin: string): Promise<SiteSession[]> {
  await chain;
  return Object.values(await sitesItem.getValue()).filter((s) => s.origin === origin);
}

export function saveSession(session: SiteSession): Promise<void> {
  return mutateSites((sites) => ({ sites: { ...sites, [siteKey(session.origin, session.genesisHash)]: session }, result: undefined }));
}

/** Removes the origin's sessions (on one network, or all); returns what was removed. */
export function revokeSessions(origin: string, genesisHash?: string): Promise<SiteSession[]> {
  return mutateSites((sites) => {
    const kept: Record<string, SiteSession> = {};
    const removed: SiteSession[] = [];
    for (const [key, s] of Object.entries(sites)) {
      if (s.origin === origin && (genesisHash === undefined || s.genesisHash === genesisHash)) removed.push(s);
      else kept[key] = s;
    }
    return { sites: kept, result: removed };
  });
}

export function revokeAllSessions(): Promise<void> {
  return mutateSites(() => ({ sites: {}, result: undefined }));
}
