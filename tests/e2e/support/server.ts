/** The dev Liquid Auth server for a test: started on a free loopback port, restartable in place. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLiquidServer, type LiquidServerOptions, type RunningLiquidServer } from '../../../dev/server/app.ts';

export interface TestServer {
  url: string;
  port: number;
  /** What reached this server: one line per HTTP request (`GET /auth/session`) and signaling event. */
  log: string[];
  /** The running server's `link`s waiting for this requestId (0 while stopped). */
  linksWaiting(requestId: string): number;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** This test process's servers by port, so a scan can wait until the server holds Tandem's `link` (wallet-page.ts). */
const serversByPort = new Map<number, TestServer>();

/** The test server listening on `port` in this test process, if any. */
export function testServerOn(port: number): TestServer | undefined {
  return serversByPort.get(port);
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

/**
 * `options`: the dev server's origin policy and `onOrigin` (the rest is chosen here); `hostName`:
 * serve under another loopback name than localhost (Chromium resolves `*.localhost` to loopback),
 * e.g. a second server `wallet-b.localhost`: cookies ignore ports, so two servers on `localhost`
 * would share one session cookie. Its passkeys are made for that name (RP ID and origin).
 */
export async function startTestServer(options: Pick<LiquidServerOptions, 'allowedOrigins' | 'refuseWithoutOrigin' | 'onOrigin'> & { hostName?: string } = {}): Promise<TestServer> {
  const { hostName = 'localhost', ...policy } = options;
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-server-'));
  const url = `http://${hostName}:${port}`;
  const log: string[] = [];
  const start = () => startLiquidServer({ ...policy, port, dataDir, rpId: hostName, origin: url, log: (line) => log.push(line) });
  let running: RunningLiquidServer | null = await start();
  const server: TestServer = {
    url,
    port,
    log,
    linksWaiting: (requestId) => running?.linksWaiting(requestId) ?? 0,
    async stop() {
      await running?.close();
      running = null;
    },
    async start() {
      if (!running) running = await start();
    },
    async dispose() {
      serversByPort.delete(port);
      await running?.close();
      running = null;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  serversByPort.set(port, server);
  return server;
}
