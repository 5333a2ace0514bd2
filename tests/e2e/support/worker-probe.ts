/**
 * Counts what wakes Tandem's service worker: timer callbacks, alarms, calls into the extension APIs,
 * extension events delivered to its listeners, fetches and WebSocket traffic. Used by the idle-worker
 * e2e test (tests/e2e/worker-idle.spec.ts) and the benchmark's wake-ups figure (bench/scenarios/idle.ts).
 *
 * `installWorkerProbe` must run in the worker BEFORE the extension's own code: the bundle captures
 * references at load time (webextension-polyfill returns Chrome's native `browser` object, whose
 * namespaces are `chrome`'s; engine.io-client keeps `WebSocket` and socket.io keeps `setTimeout`).
 * `probedBuild` makes a copy of a build whose background script starts with the probe, so every
 * worker life (a killed worker's successor too) is counted from its first line. The function is
 * sent as source text: it uses nothing from this module's scope.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@playwright/test';

export interface ProbeCounts {
  /** Timer and interval callbacks that ran. */
  timerCallbacks: number;
  timersArmed: number;
  alarmsFired: number;
  /** Calls into the extension API namespaces (and methods of the ports they return). */
  apiCalls: number;
  /** Extension events delivered to the worker's listeners (messages, tabs, windows, storage, ports, alarms). */
  events: number;
  fetches: number;
  webSocketsCreated: number;
  webSocketFramesSent: number;
  webSocketFramesReceived: number;
}

export interface ProbeReading extends ProbeCounts {
  /** Epoch ms at which this worker life's probe was installed (a restarted worker has a later one). */
  startedAt: number;
  /** API calls and fetches whose promise or callback has not settled yet. */
  inFlight: number;
  /** Timers armed and not yet fired or cleared, with the ms until each is due. */
  timersPending: number[];
  /** The first 200 things counted since the last reset: `label @ms since the reset`. */
  log: string[];
  /** Which namespaces were wrapped, and whether Chrome's native `browser` object is a separate object. */
  wrapped: string[];
  nativeBrowser: 'absent' | 'same object as chrome' | 'separate object, namespaces shared' | 'separate object and namespaces';
  eventsByName: Record<string, number>;
}

/** The global the probe is reachable under, from `worker.evaluate` or CDP `Runtime.evaluate`. */
export const PROBE_GLOBAL = '__tandemWorkerProbe';

/** The extension API namespaces Tandem's worker uses (storage areas are wrapped inside `storage`). */
export const PROBED_NAMESPACES = ['runtime', 'storage', 'tabs', 'windows', 'action', 'alarms', 'offscreen', 'permissions'];

export function installWorkerProbe(globalName: string, namespaces: string[]): void {
  type Fn = (this: unknown, ...args: unknown[]) => unknown;
  type Bag = Record<string, unknown>;
  const g = globalThis as unknown as Bag;
  if (g[globalName]) return;
  const zero = () => ({ timerCallbacks: 0, timersArmed: 0, alarmsFired: 0, apiCalls: 0, events: 0, fetches: 0, webSocketsCreated: 0, webSocketFramesSent: 0, webSocketFramesReceived: 0 });
  let counts = zero();
  let eventsByName: Record<string, number> = {};
  let log: string[] = [];
  let since = performance.now();
  let inFlight = 0;
  const timers = new Map<unknown, number>();
  const wrapped: string[] = [];
  const startedAt = Date.now();
  const note = (label: string) => {
    if (log.length < 200) log.push(`${label} @${Math.round(performance.now() - since)}ms`);
  };
  const track = (result: unknown) => {
    if (result && typeof (result as { then?: unknown }).then === 'function') {
      inFlight++;
      const settle = () => void inFlight--;
      (result as Promise<unknown>).then(settle, settle);
    }
    return result;
  };

  // Timers: the callback running is the wake-up; arming is counted apart.
  const realSetTimeout = g.setTimeout as Fn;
  const realSetInterval = g.setInterval as Fn;
  const realClearTimeout = g.clearTimeout as Fn;
  const realClearInterval = g.clearInterval as Fn;
  const arm = (real: Fn, repeat: boolean) =>
    function (this: unknown, callback: unknown, ms?: unknown, ...rest: unknown[]) {
      counts.timersArmed++;
      const delay = Number(ms) || 0;
      note(`${repeat ? 'setInterval' : 'setTimeout'}(${delay})`);
      // `run` names `id`, which exists by the time a callback runs.
      const run =
        typeof callback === 'function'
          ? function (this: unknown, ...args: unknown[]) {
              counts.timerCallbacks++;
              note(`timer callback (${delay} ms)`);
              if (repeat) timers.set(id, performance.now() + delay);
              else timers.delete(id);
              return (callback as Fn).apply(this, args);
            }
          : callback;
      const id: unknown = real.call(globalThis, run, ms, ...rest);
      timers.set(id, performance.now() + delay);
      return id;
    };
  const disarm = (real: Fn) =>
    function (this: unknown, id: unknown) {
      timers.delete(id);
      return real.call(globalThis, id);
    };
  g.setTimeout = arm(realSetTimeout, false);
  g.setInterval = arm(realSetInterval, true);
  g.clearTimeout = disarm(realClearTimeout);
  g.clearInterval = disarm(realClearInterval);

  // Network.
  const realFetch = g.fetch as Fn | undefined;
  if (realFetch) {
    g.fetch = function (this: unknown, ...args: unknown[]) {
      counts.fetches++;
      note(`fetch ${String(args[0]).slice(0, 80)}`);
      return track(realFetch.apply(globalThis, args));
    };
  }
  const RealWebSocket = g.WebSocket as (new (...args: unknown[]) => WebSocket) | undefined;
  if (RealWebSocket) {
    const Probed = class extends RealWebSocket {
      constructor(...args: unknown[]) {
        super(...args);
        counts.webSocketsCreated++;
        note(`new WebSocket ${String(args[0]).slice(0, 80)}`);
        this.addEventListener('message', () => {
          counts.webSocketFramesReceived++;
          note('WebSocket frame received');
        });
      }
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
        counts.webSocketFramesSent++;
        note('WebSocket frame sent');
        return super.send(data as string);
      }
    };
    g.WebSocket = Probed;
  }

  // Extension APIs: every method of the namespaces, and every listener of their events.
  const listenerWrappers = new WeakMap<object, Fn>();
  const wrapEvent = (event: Bag, label: string) => {
    if (event.__probed) return;
    event.__probed = true;
    const add = event.addListener as Fn;
    const remove = event.removeListener as Fn | undefined;
    const has = event.hasListener as Fn | undefined;
    const wrapperOf = (listener: unknown) => {
      if (typeof listener !== 'function') return listener;
      let wrapper = listenerWrappers.get(listener);
      if (!wrapper) {
        wrapper = function (this: unknown, ...args: unknown[]) {
          counts.events++;
          eventsByName[label] = (eventsByName[label] ?? 0) + 1;
          if (label === 'alarms.onAlarm') counts.alarmsFired++;
          note(`event ${label}`);
          return (listener as Fn).apply(this, args);
        };
        listenerWrappers.set(listener, wrapper);
      }
      return wrapper;
    };
    event.addListener = function (this: unknown, listener: unknown, ...rest: unknown[]) {
      return add.call(this, wrapperOf(listener), ...rest);
    };
    if (remove) event.removeListener = function (this: unknown, listener: unknown) {
      return remove.call(this, wrapperOf(listener));
    };
    if (has) event.hasListener = function (this: unknown, listener: unknown) {
      return has.call(this, wrapperOf(listener));
    };
  };
  const wrapPort = (port: Bag, label: string) => {
    for (const key of ['postMessage', 'disconnect']) wrapMethod(port, key, `${label}.${key}`);
    for (const key of ['onMessage', 'onDisconnect']) if (port[key]) wrapEvent(port[key] as Bag, `${label}.${key}`);
  };
  const wrapMethod = (owner: Bag, key: string, label: string) => {
    const original = owner[key] as Fn;
    if ((original as unknown as Bag).__probed) return;
    const wrapper = function (this: unknown, ...args: unknown[]) {
      counts.apiCalls++;
      note(label);
      const last = args.length - 1;
      if (last >= 0 && typeof args[last] === 'function') {
        const callback = args[last] as Fn;
        inFlight++;
        args[last] = function (this: unknown, ...results: unknown[]) {
          inFlight--;
          return callback.apply(this, results);
        };
      }
      const result = original.apply(this, args);
      if (result && typeof result === 'object' && typeof (result as Bag).postMessage === 'function') wrapPort(result as Bag, 'Port');
      return track(result);
    };
    (wrapper as unknown as Bag).__probed = true;
    owner[key] = wrapper;
  };
  const seen = new Set<unknown>();
  const wrapNamespace = (ns: unknown, label: string, depth: number) => {
    if (!ns || typeof ns !== 'object' || seen.has(ns)) return;
    seen.add(ns);
    wrapped.push(label);
    for (const key of Object.keys(ns)) {
      const value = (ns as Bag)[key];
      if (typeof value === 'function') {
        // Enums and classes start with a capital; everything else is an API method.
        if (!/^[A-Z]/.test(key)) wrapMethod(ns as Bag, key, `${label}.${key}`);
      } else if (value && typeof value === 'object') {
        if (typeof (value as Bag).addListener === 'function') wrapEvent(value as Bag, `${label}.${key}`);
        // storage.local, storage.session, storage.sync, storage.managed.
        else if (depth === 0 && typeof (value as Bag).get === 'function') wrapNamespace(value, `${label}.${key}`, depth + 1);
      }
    }
  };
  const chromeRoot = g.chrome as Bag | undefined;
  const browserRoot = g.browser as Bag | undefined;
  for (const name of namespaces) {
    wrapNamespace(chromeRoot?.[name], name, 0);
    // Chrome's native `browser` (Chromium 156 has one: its own object, sharing chrome's namespaces).
    if (browserRoot && browserRoot !== chromeRoot) wrapNamespace(browserRoot[name], `browser.${name}`, 0);
  }
  const nativeBrowser = !browserRoot
    ? 'absent'
    : browserRoot === chromeRoot
      ? 'same object as chrome'
      : namespaces.every((n) => browserRoot[n] === chromeRoot?.[n])
        ? 'separate object, namespaces shared'
        : 'separate object and namespaces';

  Object.defineProperty(g, globalName, {
    enumerable: false,
    value: {
      read() {
        const now = performance.now();
        return { ...counts, startedAt, inFlight, timersPending: [...timers.values()].map((due) => Math.round(due - now)), log: [...log], wrapped: [...wrapped], nativeBrowser, eventsByName: { ...eventsByName } };
      },
      reset() {
        counts = zero();
        eventsByName = {};
        log = [];
        since = performance.now();
      },
    },
  });
}

/** The probe as a script: the source text of `installWorkerProbe`, called. */
export function probeScript(): string {
  // tsx (esbuild with keepNames) wraps named functions in `__name(fn, "name")`: give the copy its own.
  // A probe that throws must not stop the worker's own script: it then reads as absent (readProbe fails).
  return `;(() => { const __name = (fn) => fn; try { (${installWorkerProbe.toString()})(${JSON.stringify(PROBE_GLOBAL)}, ${JSON.stringify(PROBED_NAMESPACES)}); } catch (err) { console.error('[worker probe]', err); } })();\n`;
}

/** A copy of the Chrome build in `extensionDir` whose service worker starts with the probe. */
export async function probedBuild(extensionDir: string): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'tandem-probed-')), 'chrome-mv3');
  await cp(extensionDir, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { background?: { service_worker?: string; type?: string } };
  const script = manifest.background?.service_worker;
  if (!script) throw new Error('the build has no background service worker');
  // A module worker would run its imports before a prepended line; Tandem's is one classic script.
  if (manifest.background?.type === 'module') throw new Error('the probe needs a classic (non-module) service worker script');
  await writeFile(join(dir, script), probeScript() + (await readFile(join(dir, script), 'utf8')));
  return dir;
}

/** What the probe counted in `worker` since its last reset. */
export function readProbe(worker: Worker): Promise<ProbeReading> {
  return worker.evaluate((name) => (globalThis as unknown as Record<string, { read(): ProbeReading }>)[name]!.read(), PROBE_GLOBAL);
}

export function resetProbe(worker: Worker): Promise<void> {
  return worker.evaluate((name) => (globalThis as unknown as Record<string, { reset(): void }>)[name]!.reset(), PROBE_GLOBAL);
}

/** The counts alone, for assertions that compare them. */
export function countsOf(reading: ProbeReading): ProbeCounts {
  const { timerCallbacks, timersArmed, alarmsFired, apiCalls, events, fetches, webSocketsCreated, webSocketFramesSent, webSocketFramesReceived } = reading;
  return { timerCallbacks, timersArmed, alarmsFired, apiCalls, events, fetches, webSocketsCreated, webSocketFramesSent, webSocketFramesReceived };
}
