/**
 * Idle: paired, the phone connected, the dApp connected, the popup and the approval window closed,
 * the signaling socket closed. The worker probe (tests/e2e/support/worker-probe.ts, prepended to
 * the bench's build) counts for `windowMs` what the worker does: timer callbacks, alarms, extension
 * events delivered, extension API calls, fetches and WebSocket traffic. Chrome never idle-stops a
 * worker with a debugger attached, so the counts stand for what would keep it awake: with none,
 * Chrome stops it after 30 s, and the recovery scenario shows the next request is then still signed.
 */
import type { Bench } from '../harness';
import { Popup } from '../pages';
import { countsOf, readProbe, resetProbe, type ProbeCounts } from '../../tests/e2e/support/worker-probe';

const QUIET_DEADLINE_MS = 20_000;

export interface IdleSamples {
  windowMs: number;
  counts: ProbeCounts;
  /** What the probe saw, in order (empty when the worker did nothing). */
  log: string[];
  /** Timers still armed at the end, ms until each is due. */
  timersPending: number[];
  /** The connection state when the window started. */
  phase: string;
  socket: string;
}

/** Things that start work in the worker: timer callbacks, extension events (alarms among them), frames received. */
export function wakeUps(c: ProbeCounts): number {
  return c.timerCallbacks + c.events + c.webSocketFramesReceived;
}

/** Everything the probe counts that the worker did on its own: calls, fetches, sockets opened, frames sent. */
export function workerActions(c: ProbeCounts): number {
  return c.apiCalls + c.fetches + c.webSocketsCreated + c.webSocketFramesSent;
}

export async function measureIdle(bench: Bench, windowMs: number): Promise<IdleSamples> {
  const worker = bench.desktop.worker;
  const state = await bench.popup.connection();
  if (state?.phase !== 'connected') throw new Error(`idle: the phone is not connected (${JSON.stringify(state)})`);
  const closedBefore = (await readProbe(worker)).eventsByName['tabs.onRemoved'] ?? 0;
  // The popup tab is the bench's line to the background: closed for the window, opened again after.
  await bench.popup.page.close();
  const deadline = Date.now() + QUIET_DEADLINE_MS;
  for (;;) {
    const reading = await readProbe(worker);
    // The worker heard the tab close and has finished what that started.
    if ((reading.eventsByName['tabs.onRemoved'] ?? 0) > closedBefore && reading.inFlight === 0) break;
    if (Date.now() > deadline) throw new Error(`idle: the worker did not settle: ${JSON.stringify(reading).slice(0, 1_000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await resetProbe(worker);
  await new Promise((r) => setTimeout(r, windowMs));
  const reading = await readProbe(worker);
  bench.popup = await Popup.open(bench.desktop.context, bench.desktop.extensionId);
  const counts = countsOf(reading);
  bench.log(`idle ${windowMs / 1000} s: wake-ups ${wakeUps(counts)}, worker actions ${workerActions(counts)} ${JSON.stringify(counts)}`);
  return { windowMs, counts, log: reading.log, timersPending: reading.timersPending, phase: state.phase, socket: state.socket };
}
