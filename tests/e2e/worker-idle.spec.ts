/**
 * The service worker sleeps (#17): paired, the dApp connected, the popup and the approval window
 * closed, the worker does nothing for a minute; and a worker stopped while idle still delivers the
 * next request to the phone over the offscreen document's channel.
 *
 * How it counts. Chrome never idle-stops a worker while Playwright is attached, so the test counts
 * what would keep it awake instead. The extension is loaded from a copy of the build whose
 * background script starts with a probe (support/worker-probe.ts), so the probe runs before any of
 * Tandem's code, in every worker life: it wraps setTimeout/setInterval (callbacks run), every
 * method of the runtime, storage (local, session, sync), tabs, windows, action, alarms, offscreen
 * and permissions namespaces (Chromium 156's native `browser` shares these namespace objects with
 * `chrome`, and webextension-polyfill hands that `browser` to the code), the listeners registered
 * on their events (alarms.onAlarm among them) and on the ports they return, fetch, and WebSocket
 * (creations, frames sent and received). Wrapping before the code loads matters: the bundle keeps
 * references it takes at load (engine.io-client's WebSocket, socket.io's setTimeout, the polyfill's
 * namespace objects), which a probe added afterwards would never see.
 *
 * Why it catches a regression: a periodic sweep or peer check (a timer callback, and the storage
 * reads or runtime messages it makes), a keep-alive alarm, a heartbeat to the offscreen document
 * (an API call or a port message) or a signaling socket left open while connected (Socket.IO pings
 * every 25 s: a frame each way) all land in a count during the minute. With a `setInterval` put
 * back in the background for a try, this test failed on its timer-callback count. The window
 * starts once the worker has nothing in flight (no API call or fetch unsettled), a condition rather
 * than a delay; only counts are asserted, never times.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { test as base, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { EXTENSION_DIR, extensionTargets, killServiceWorker, launchWithExtension } from './support/browser';
import { stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';
import { countsOf, probedBuild, readProbe, resetProbe, type ProbeCounts } from './support/worker-probe';

/** The observation window: longer than Chrome's 30 s idle timeout, so a worker that stays quiet for it would be stopped. */
const IDLE_WINDOW_MS = 60_000;

const NOTHING: ProbeCounts = {
  timerCallbacks: 0,
  timersArmed: 0,
  alarmsFired: 0,
  apiCalls: 0,
  events: 0,
  fetches: 0,
  webSocketsCreated: 0,
  webSocketFramesSent: 0,
  webSocketFramesReceived: 0,
};

const test = base.extend({
  // The fixture's browser, loading the probed copy of the build.
  context: async ({}, use) => {
    const extensionDir = await probedBuild(EXTENSION_DIR);
    const { context, profileDir } = await launchWithExtension(undefined, extensionDir);
    await use(context);
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(dirname(extensionDir), { recursive: true, force: true });
  },
});

test('paired and connected, the idle worker makes no timer callback, alarm, extension API call or WebSocket frame for a minute; stopped, it still delivers the next request to the phone', async ({
  context,
  extensionId,
  worker,
  signSetup: { popup, address, dapp },
}) => {
  test.setTimeout(IDLE_WINDOW_MS + 90_000);

  // The probe is live in this worker: it saw the pairing and the connect prompt.
  const setup = await readProbe(worker);
  expect(setup.wrapped).toEqual(expect.arrayContaining(['runtime', 'storage', 'storage.local', 'storage.session', 'tabs', 'windows', 'action', 'alarms', 'offscreen', 'permissions']));
  // Whatever Chrome's own `browser` is (Chromium 156: its own object sharing chrome's namespaces), the
  // namespaces the code reaches through it are wrapped.
  if (setup.nativeBrowser === 'separate object and namespaces') expect(setup.wrapped).toEqual(expect.arrayContaining(['browser.runtime', 'browser.storage.local']));
  expect(setup.apiCalls).toBeGreaterThan(0);
  // The prompt's window may close a moment after the dApp got its answer.
  await expect
    .poll(async () => (await readProbe(worker)).eventsByName['windows.onRemoved'] ?? 0, { message: 'the worker heard the connect prompt close' })
    .toBeGreaterThanOrEqual(1);
  // Pairing opened the signaling socket; the phone connected, so it is closed again (#17).
  expect(setup.webSocketsCreated).toBeGreaterThanOrEqual(1);
  const connection = await worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
    return (await api.storage.session.get('connection')).connection as { phase: string; socket: string };
  });
  expect(connection).toMatchObject({ phase: 'connected', socket: 'offline' });

  // Close the popup tab and let the worker hear it (tabs.onRemoved) and finish what that starts.
  const tabsClosedBefore = setup.eventsByName['tabs.onRemoved'] ?? 0;
  await popup.close();
  await expect.poll(async () => (await readProbe(worker)).eventsByName['tabs.onRemoved'] ?? 0, { message: 'the worker should hear the popup tab close' }).toBeGreaterThan(tabsClosedBefore);
  expect(context.pages().some((p) => p.url().includes('popup.html'))).toBe(false);
  await expect.poll(async () => (await readProbe(worker)).inFlight, { message: 'the worker should have no API call in flight' }).toBe(0);

  await resetProbe(worker);
  // The one deliberate wait: the observation window itself.
  await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS));
  const idle = await readProbe(worker);
  expect(countsOf(idle), `the idle worker woke up:\n${idle.log.join('\n')}`).toEqual(NOTHING);
  expect(idle.inFlight).toBe(0);

  // Stopped while idle (as Chrome would after 30 s): the offscreen document and its channel stay.
  const offscreenBefore = (await extensionTargets(context, extensionId)).find((t) => t.url.endsWith('/offscreen.html'));
  expect(offscreenBefore, 'the offscreen document should be up').toBeDefined();
  await killServiceWorker(context, extensionId);

  // The dApp's request wakes a new worker (the content script's message), which reaches the phone.
  const txn = await dapp.buildPayment(address, { note: 'after an idle minute and a stopped worker' });
  const signing = dapp.signTransactions([{ txn }]);
  const approval = await ApprovalPage.find(context, extensionId);
  await approval.approveSign();
  verifySignedTxn(stxnsOf(await signing)[0]!, txn, address);
  await approval.waitForClose();

  // Playwright's Worker follows the target, which Chrome keeps for the restarted worker: this reads the new life's probe.
  const woken = await readProbe(worker);
  expect(woken.startedAt, 'a new worker handled the request').toBeGreaterThan(setup.startedAt);
  expect(woken.eventsByName['runtime.onMessage'], 'the new worker is probed and was woken by messages').toBeGreaterThan(0);
  expect(woken.webSocketsCreated, `the request reached the phone without the signaling server:\n${woken.log.join('\n')}`).toBe(0);
  const offscreenAfter = (await extensionTargets(context, extensionId)).find((t) => t.url.endsWith('/offscreen.html'));
  expect(offscreenAfter?.targetId, 'the same offscreen document carried the request').toBe(offscreenBefore!.targetId);
});
