/**
 * Recovery: the service worker is killed (CDP `Target.closeTarget`, as Chrome does when it
 * idles one out), then the next sign request is timed from the dApp's call until the approval
 * window paints it. The request is then approved, to check that the restarted worker still
 * reaches the phone over the offscreen document's channel.
 */
import type { Bench } from '../harness';
import { requestOf, signWithTandem } from './signing';

const GONE_DEADLINE_MS = 10_000;

export async function killServiceWorker(bench: Bench): Promise<void> {
  const { cdp, extensionId } = bench.desktop;
  const prefix = `chrome-extension://${extensionId}/`;
  const worker = (await cdp.targets()).find((t) => t.type === 'service_worker' && t.url.startsWith(prefix));
  if (!worker) throw new Error('no service worker to kill');
  await cdp.send('Target.closeTarget', { targetId: worker.targetId });
  const deadline = Date.now() + GONE_DEADLINE_MS;
  while ((await cdp.targets()).some((t) => t.targetId === worker.targetId)) {
    if (Date.now() > deadline) throw new Error('the killed service worker is still there');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface RecoverySamples {
  promptMs: number[];
  /** The approve → signed round trip of the same requests (the worker restarted on the way). */
  roundTripMs: number[];
}

export async function measureRecovery(bench: Bench, n: number, warmup: number): Promise<RecoverySamples> {
  const samples: RecoverySamples = { promptMs: [], roundTripMs: [] };
  for (let i = 0; i < warmup + n; i++) {
    await killServiceWorker(bench);
    const txns = await requestOf(bench, bench.address, 1, `recovery #${i}`);
    const signed = await signWithTandem(bench, txns);
    if (signed.stxns.length !== 1 || signed.stxns[0] === null) throw new Error('recovery: no signature after the worker restarted');
    if (i < warmup) continue;
    samples.promptMs.push(signed.promptMs);
    samples.roundTripMs.push(signed.roundTripMs);
    bench.log(`recovery ${i - warmup + 1}/${n}: prompt ${signed.promptMs.toFixed(1)} ms after a worker kill (then signed in ${signed.roundTripMs.toFixed(1)} ms)`);
  }
  return samples;
}
