/**
 * Memory: the JS heap (CDP `Runtime.getHeapUsage` after `HeapProfiler.collectGarbage`) of the
 * service worker, the offscreen document and the popup, read before and every `every`
 * signatures during `count` sign requests (one transaction each, approved in the approval window).
 *
 * Chromium runs all of an extension's pages in one renderer process, so the offscreen document and
 * the popup share one V8 heap and read the same figure; the popup's own share is taken at the end
 * by closing it and reading the offscreen document alone.
 */
import type { Bench } from '../harness';
import { heapAfterGc, type TargetInfo } from '../cdp';
import { Popup } from '../pages';
import { slope } from '../stats';
import { requestOf, signWithTandem } from './signing';

export interface HeapSample {
  signatures: number;
  serviceWorker: number;
  offscreen: number;
  popup: number;
}

export interface MemorySamples {
  samples: HeapSample[];
  /** The offscreen document's renderer with the popup closed, and the difference the popup makes. */
  offscreenAlone: number;
  popupShare: number;
  /** Least-squares growth per request over the samples after the first `every` requests, bytes. */
  growthPerRequest: { serviceWorker: number; offscreen: number; popup: number };
}

async function extensionTargets(bench: Bench): Promise<{ serviceWorker?: TargetInfo; offscreen?: TargetInfo; popup?: TargetInfo }> {
  const prefix = `chrome-extension://${bench.desktop.extensionId}/`;
  const targets = (await bench.desktop.cdp.targets()).filter((t) => t.url.startsWith(prefix));
  return {
    serviceWorker: targets.find((t) => t.type === 'service_worker'),
    offscreen: targets.find((t) => t.url === `${prefix}offscreen.html`),
    popup: targets.find((t) => t.type === 'page' && t.url === `${prefix}popup.html`),
  };
}

async function heapOf(bench: Bench, target: TargetInfo | undefined): Promise<number> {
  if (!target) return Number.NaN;
  return (await heapAfterGc(bench.desktop.cdp, target.targetId)).usedSize;
}

async function sample(bench: Bench, signatures: number): Promise<HeapSample> {
  const t = await extensionTargets(bench);
  return { signatures, serviceWorker: await heapOf(bench, t.serviceWorker), offscreen: await heapOf(bench, t.offscreen), popup: await heapOf(bench, t.popup) };
}

export async function measureMemory(bench: Bench, count: number, every: number): Promise<MemorySamples> {
  const samples: HeapSample[] = [await sample(bench, 0)];
  bench.log(`memory: ${fmt(samples[0]!)}`);
  for (let i = 1; i <= count; i++) {
    const signed = await signWithTandem(bench, await requestOf(bench, bench.address, 1, `memory #${i}`));
    if (signed.stxns[0] === null) throw new Error('memory: a request came back unsigned');
    if (i % every === 0 || i === count) {
      samples.push(await sample(bench, i));
      bench.log(`memory: ${fmt(samples.at(-1)!)}`);
    }
  }
  const steady = samples.filter((s) => s.signatures >= Math.min(every, count));
  const growth = (pick: (s: HeapSample) => number) => slope(steady.map((s) => ({ x: s.signatures, y: pick(s) })));
  const last = samples.at(-1)!;
  await bench.popup.page.close();
  const offscreenAlone = await heapOf(bench, (await extensionTargets(bench)).offscreen);
  bench.popup = await Popup.open(bench.desktop.context, bench.desktop.extensionId);
  return {
    samples,
    offscreenAlone,
    popupShare: last.popup - offscreenAlone,
    growthPerRequest: { serviceWorker: growth((s) => s.serviceWorker), offscreen: growth((s) => s.offscreen), popup: growth((s) => s.popup) },
  };
}

function fmt(s: HeapSample): string {
  const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
  return `after ${s.signatures} signatures: service worker ${mb(s.serviceWorker)}, offscreen ${mb(s.offscreen)}, popup ${mb(s.popup)}`;
}
