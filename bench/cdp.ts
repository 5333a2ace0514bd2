/**
 * A minimal Chrome DevTools Protocol client over the browser's remote-debugging WebSocket, with
 * flattened sessions. Playwright's CDPSession cannot address the service worker or the offscreen
 * document (it only opens sessions for pages and frames), and a flattened child session needs
 * `sessionId` on every message, which its API does not take.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  title: string;
}

/** The WebSocket endpoint Chromium wrote into the profile when started with --remote-debugging-port=0. */
export async function browserEndpoint(profileDir: string, deadlineMs = 10_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const text = await readFile(join(profileDir, 'DevToolsActivePort'), 'utf8').catch(() => '');
    const [port, path] = text.split('\n');
    if (port && path) return `ws://127.0.0.1:${port.trim()}${path.trim()}`;
    if (Date.now() - started > deadlineMs) throw new Error(`no DevToolsActivePort in ${profileDir} after ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export class Cdp {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return; // events are not used here
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
    });
    socket.addEventListener('close', () => {
      for (const waiter of this.pending.values()) waiter.reject(new Error('the CDP connection closed'));
      this.pending.clear();
    });
  }

  static async connect(endpoint: string): Promise<Cdp> {
    if (typeof WebSocket === 'undefined') throw new Error('no global WebSocket: run with node --experimental-websocket (scripts/bench.mjs does)');
    const socket = new WebSocket(endpoint);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot connect to ${endpoint}`)), { once: true });
    });
    return new Cdp(socket);
  }

  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string, deadlineMs = 30_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`CDP ${method} did not answer within ${deadlineMs} ms`));
      }, deadlineMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  async targets(): Promise<TargetInfo[]> {
    return (await this.send<{ targetInfos: TargetInfo[] }>('Target.getTargets')).targetInfos;
  }

  /** Runs `fn` with a flattened session on the target, detaching afterwards. */
  async withSession<T>(targetId: string, fn: (sessionId: string) => Promise<T>): Promise<T> {
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    try {
      return await fn(sessionId);
    } finally {
      await this.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  }

  close(): void {
    this.socket.close();
  }
}

export interface HeapUsage {
  usedSize: number;
  totalSize: number;
}

/** The JS heap of one target after a forced garbage collection. */
export async function heapAfterGc(cdp: Cdp, targetId: string): Promise<HeapUsage> {
  return cdp.withSession(targetId, async (sessionId) => {
    // A service worker attached with waitForDebugger would pause; ours never is, but be explicit.
    await cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(() => undefined);
    await cdp.send('HeapProfiler.enable', {}, sessionId);
    await cdp.send('HeapProfiler.collectGarbage', {}, sessionId);
    const usage = await cdp.send<HeapUsage>('Runtime.getHeapUsage', {}, sessionId);
    await cdp.send('HeapProfiler.disable', {}, sessionId).catch(() => undefined);
    return { usedSize: usage.usedSize, totalSize: usage.totalSize };
  });
}
