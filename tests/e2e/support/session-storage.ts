/** What the request queue takes in storage.session, measured by Chrome itself through the worker. */
import type { Worker } from '@playwright/test';

type SessionArea = { getBytesInUse(keys: string | null): Promise<number>; QUOTA_BYTES: number };
type WorkerGlobal = { chrome: { storage: { session: SessionArea } } };

export function queueBytes(worker: Worker): Promise<{ queue: number; all: number; quota: number }> {
  return worker.evaluate(async () => {
    const session = (globalThis as unknown as WorkerGlobal).chrome.storage.session;
    return { queue: await session.getBytesInUse('queue'), all: await session.getBytesInUse(null), quota: session.QUOTA_BYTES };
  });
}
