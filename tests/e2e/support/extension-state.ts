/** Reads the background's persisted state through its service worker (never written from here). */
import type { Worker } from '@playwright/test';

export interface StoredRequest {
  key: string;
  method: string;
  origin: string;
  stage?: string;
  /** When a sign request the phone has not answered gets its error (epoch ms). */
  deadlineAt?: number;
  outcome?: { ok: boolean; error?: { code: number; message: string } };
}

/** The part of the worker's `chrome` global used here (the tests are not typed for extension globals). */
type StorageArea = { get(key: string): Promise<Record<string, unknown>> };
type WorkerGlobal = { chrome: { storage: { local: StorageArea; session: StorageArea } } };

/** The request queue in storage.session: open requests and answers not yet collected. */
export function storedQueue(worker: Worker): Promise<StoredRequest[]> {
  return worker.evaluate(async () => {
    const { queue } = await (globalThis as unknown as WorkerGlobal).chrome.storage.session.get('queue');
    // Only the fields named here: an entry of a 1,024-transaction request weighs about 1 MB.
    return ((queue ?? []) as StoredRequest[]).map(({ key, method, origin, stage, outcome }) => ({ key, method, origin, stage, outcome }));
  });
}

/** `origin genesisHash` of every connected-site session in storage.local. */
export function storedSessions(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => {
    const { sites } = await (globalThis as unknown as WorkerGlobal).chrome.storage.local.get('sites');
    return Object.keys((sites ?? {}) as Record<string, unknown>);
  });
}
