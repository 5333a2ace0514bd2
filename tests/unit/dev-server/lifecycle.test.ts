import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startLiquidServer } from '../../../dev/server/app.ts';
import { closeAllSockets, connectSocket, makeDataDir, openSession, withTimeout } from './harness.ts';

afterEach(() => {
  closeAllSockets();
});

describe('startLiquidServer / close', () => {
  it('closes promptly with live sockets and keep-alive connections, and the port can be reused at once', async () => {
    const dataDir = await makeDataDir();
    try {
      const server = await startLiquidServer({ port: 0, dataDir });
      expect(server.url).toBe(`http://localhost:${server.port}`);
      const cookie = await openSession(server.url);
      const websocket = await connectSocket(server.url, { cookie });
      const polling = await connectSocket(server.url, { cookie, transports: ['polling'] });
      const disconnected = Promise.all(
        [websocket, polling].map((socket) => new Promise((resolve) => socket.once('disconnect', resolve))),
      );
      // A keep-alive connection that stays open after its response.
      await (await fetch(`${server.url}/auth/session`, { headers: { cookie } })).text();

      await withTimeout(server.close(), 'close()', 3_000);
      await withTimeout(disconnected, 'clients to see the disconnect', 3_000);
      await server.close(); // idempotent

      const again = await startLiquidServer({ port: server.port, dataDir });
      expect(again.port).toBe(server.port);
      await again.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('rejects when the port is taken', async () => {
    const dataDir = await makeDataDir();
    const first = await startLiquidServer({ port: 0, dataDir });
    try {
      await expect(startLiquidServer({ port: first.port, dataDir })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
