/**
 * One Liquid Auth server session per pairing (issue #16; entrypoints/background/server-sessions.ts):
 * two pairings on one server no longer share the browser's one `connect.sid` for that host. Each
 * keeps its own, put in place through the `cookies` API before its session fetch, socket handshake
 * and logout. The dev server sets the cookie exactly as the real one does (no SameSite, no Secure).
 */
import { test, expect } from './support/fixtures';
import { handshakeFromWorker, logoutAs, putSessionCookie, savedSessions, sessionIdOf, sessionWalletFromWorker, socketSessions, visibleSessionCookie } from './support/server-sessions';

const requestIdOf = (link: string) => new URL(link).searchParams.get('requestId')!;

test("Chromium sends the server's session cookie on the worker's WebSocket only as SameSite=None; Secure, which the cookies API sets for http://localhost", async ({
  worker,
  server,
}) => {
  expect(await sessionWalletFromWorker(worker, server.url)).toBeNull();
  const cookie = (await visibleSessionCookie(worker, server.url))!;
  expect(cookie).toMatch(/^s%3A/);
  // As the server set it: a fetch carries it, the websocket handshake does not (it counts as cross-site).
  expect(await handshakeFromWorker(worker, server.url)).toBe('refused');
  await putSessionCookie(worker, server.url, cookie, 'tandem');
  expect(await handshakeFromWorker(worker, server.url)).toBe('connected');
  expect(socketSessions(server).at(-1)?.session).toBe(sessionIdOf(cookie));
  // The cookies API does not show that Secure cookie for an http:// server (its https:// URL is not
  // among the host permissions), yet a fetch still carries it: the server issues no new session.
  expect(await visibleSessionCookie(worker, server.url)).toBeNull();
  expect(await sessionWalletFromWorker(worker, server.url)).toBeNull();
  expect(await visibleSessionCookie(worker, server.url)).toBeNull();
  expect(await handshakeFromWorker(worker, server.url)).toBe('connected');
  expect(socketSessions(server).at(-1)?.session).toBe(sessionIdOf(cookie));
});

test("a second pairing on the same server has its own session; the paired phone's re-scan goes on beside it in its own, outlives the other's logout, and the phone reconnects with no scan", async ({
  worker,
  server,
  pairedPhone: { popup, wallet, link, address },
}) => {
  const first = requestIdOf(link);
  const paired = await savedSessions(worker);
  expect(Object.keys(paired)).toEqual([first]);
  expect(paired[first]!.server).toBe(server.url);
  const firstSession = sessionIdOf(paired[first]!.cookie);
  expect(new Set(socketSessions(server).map((s) => s.session))).toEqual(new Set([firstSession]));

  // The phone goes away: the re-scan socket handshakes with the pairing's session, which holds its account.
  await wallet.disconnect();
  await popup.expectPhase('phone-offline');
  await popup.expectSocket('connected');
  expect(socketSessions(server).at(-1)).toMatchObject({ session: firstSession, wallet: address });

  // Another pairing on the same server: a fresh session of its own; the first one's saved cookie is untouched.
  await popup.startFreshPairing();
  const second = requestIdOf(await popup.nextLink(link));
  await popup.expectPhase('waiting-for-scan');
  await popup.expectSocket('connected');
  const both = await savedSessions(worker);
  expect(Object.keys(both).sort()).toEqual([first, second].sort());
  expect(both[first]).toEqual(paired[first]);
  const secondSession = sessionIdOf(both[second]!.cookie);
  expect(secondSession).not.toBe(firstSession);
  expect(socketSessions(server).at(-1)).toEqual({ socket: expect.any(String), session: secondSession });

  // The paired phone's re-scan never stopped: each pairing has its own signaling machine (phones.ts),
  // so its socket still waits on the server in its own session while the other pairs, and after.
  const firstSockets = socketSessions(server).filter((s) => s.session === firstSession).length;
  expect(server.linksWaiting(first)).toBe(1);
  await popup.cancelPairing();
  await popup.expectPhase('phone-offline');
  await popup.expectSocket('connected');
  expect(socketSessions(server).filter((s) => s.session === firstSession)).toHaveLength(firstSockets);
  expect(server.linksWaiting(first)).toBe(1);
  await expect.poll(async () => Object.keys(await savedSessions(worker))).toEqual([first]);

  // The other pairing's unpair logs its own session out; the first session keeps its account.
  const logouts = () => server.log.filter((line) => line === 'GET /auth/logout').length;
  await logoutAs(worker, server.url, both[second]!.cookie);
  expect(logouts()).toBe(1);
  await putSessionCookie(worker, server.url, both[second]!.cookie, 'tandem');
  expect(await sessionWalletFromWorker(worker, server.url)).toBeNull();
  await putSessionCookie(worker, server.url, paired[first]!.cookie, 'tandem');
  expect(await sessionWalletFromWorker(worker, server.url)).toBe(address);

  await expect.poll(() => server.linksWaiting(first), { message: "Tandem's link for the pairing waits on the server" }).toBe(1);
  await wallet.reconnect();
  await wallet.expectPhase('connected');
  await popup.expectPhase('connected');
  expect((await wallet.lastPasskey())?.mode).toBe('asserted');

  // Unpairing logs out the pairing's own session and forgets its cookie.
  await popup.unpair();
  await expect.poll(logouts).toBe(2);
  await expect.poll(() => savedSessions(worker)).toEqual({});
  await putSessionCookie(worker, server.url, paired[first]!.cookie, 'tandem');
  expect(await sessionWalletFromWorker(worker, server.url)).toBeNull();
});
