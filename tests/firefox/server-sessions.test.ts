/**
 * Firefox keeps one Liquid Auth server session per pairing too (entrypoints/background/server-sessions.ts):
 * there a saved `connect.sid` is put back with the server's own attributes, which Firefox sends on the
 * background page's WebSocket (platform.ts `sessionCookieAttributes`).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdOf, socketSessions } from '../e2e/support/server-sessions';
import { pairPhone } from './support/flows';
import { startFirefoxSession, type FirefoxSession } from './support/session';
import { until } from './support/wait';

describe('Firefox: one server session per pairing', () => {
  let session: FirefoxSession;

  beforeAll(async () => {
    session = await startFirefoxSession();
  });
  afterAll(async () => {
    await session?.dispose();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && session) console.log(await session.diagnostics());
  });

  it("a second pairing attempt on the same server has its own session, and the paired phone's re-scan goes on beside it in its own", async () => {
    const { popup, server, phone } = session;
    const { link, address } = await pairPhone(session);
    const first = new URL(link).searchParams.get('requestId')!;
    const paired = await popup.savedSessions();
    expect(Object.keys(paired)).toEqual([first]);
    const firstSession = sessionIdOf(paired[first]!.cookie);
    const lastSocket = () => socketSessions(server).at(-1);
    // Tandem's sockets so far (the phone's, from its own browser, have other sessions).
    expect(socketSessions(server).map((s) => s.session)).toContain(firstSession);

    await phone.wallet.disconnect();
    await popup.waitPhase('phone-offline');
    await until("the re-scan socket on the pairing's session", () => (lastSocket()?.session === firstSession && lastSocket()?.wallet === address ? true : undefined));

    await popup.sendPairing('pairing/start', { fresh: true });
    const both = await until('a second saved session', async () => {
      const saved = await popup.savedSessions();
      return Object.keys(saved).length === 2 ? saved : undefined;
    });
    const second = Object.keys(both).find((key) => key !== first)!;
    expect(both[first]).toEqual(paired[first]);
    const secondSession = sessionIdOf(both[second]!.cookie);
    expect(secondSession).not.toBe(firstSession);
    await until("the second attempt's socket on its own session", () => (lastSocket()?.session === secondSession ? true : undefined));
    expect(lastSocket()?.wallet).toBeUndefined();

    // The paired phone's re-scan never stopped (each pairing has its own signaling machine): its
    // socket still waits on the server in its own session, and cancelling the other opens none.
    const firstSockets = socketSessions(server).filter((s) => s.session === firstSession).length;
    expect(server.linksWaiting(first)).toBe(1);
    await popup.sendPairing('pairing/cancel');
    await popup.waitPhase('phone-offline');
    await until('the cancelled attempt\'s saved session forgotten', async () => (Object.keys(await popup.savedSessions()).length === 1 ? true : undefined));
    expect(Object.keys(await popup.savedSessions())).toEqual([first]);
    expect(socketSessions(server).filter((s) => s.session === firstSession)).toHaveLength(firstSockets);

    await until("Tandem's link for the pairing waiting on the server", () => (server.linksWaiting(first) === 1 ? true : undefined));
    await phone.wallet.reconnect();
    await popup.waitPhase('connected');
  });
});
