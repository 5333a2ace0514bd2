/** The dev Liquid Auth server for a test: started on a free loopback port, restartable in place. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLiquidServer, type LiquidServerOptions, type RunningLiquidServer } from '../../../dev/server/app.ts';

export interface TestServer {
  url: string;
  port: number;
  /** The running server's `link`s waiting for this requestId (0 while stopped). */
  linksWaiting(requestId: string): number;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `options`: the dev server's origin policy and `onOrigin` (the rest is chosen here). */
export async function startTestServer(options: Pick<LiquidServerOptions, 'allowedOrigins' | 'refuseWithoutOrigin' | 'onOrigin'> = {}): Promise<TestServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-server-'));
  let running: RunningLiquidServer | null = await startLiquidServer({ ...options, port, dataDir });
  return {
    url: `http://localhost:${port}`,
    port,
    linksWaiting: (requestId) => running?.linksWaiting(requestId) ?? 0,
    async stop() {
      await running?.close();
      running = null;
    },
    async start() {
      if (!running) running = await startLiquidServer({ ...options, port, dataDir });
    },
    async dispose() {
      await running?.close();
      running = null;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
