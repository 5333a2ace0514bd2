/**
 * Pairing: from the server's `link` ack to the `liquid` channel being open, Tandem and the
 * reference dApp in turn (so that load on the machine hits both alike). Tandem's times come from
 * its background (`linkedAt` when the ack arrives, `connectedAt` when it learns the channel is
 * open); the reference page's from liquid-client's `link-message` and the channel's `open` event.
 */
import { pairReference, pairTandem, type Bench } from '../harness';

export interface PairingSamples {
  tandem: number[];
  reference: number[];
}

export async function measurePairing(bench: Bench, n: number, warmup: number): Promise<PairingSamples> {
  const samples: PairingSamples = { tandem: [], reference: [] };
  for (let i = 0; i < warmup + n; i++) {
    const tandem = await pairTandem(bench);
    const reference = await pairReference(bench);
    if (i < warmup) continue;
    samples.tandem.push(tandem);
    samples.reference.push(reference);
    bench.log(`pairing ${i - warmup + 1}/${n}: Tandem ${tandem.toFixed(1)} ms, reference ${reference.toFixed(1)} ms`);
  }
  return samples;
}
