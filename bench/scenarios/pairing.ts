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
  /**
   * Pairings started again because the phone got no answer to its offer: the server relayed it
   * before the desktop side had joined the wallet's room (liquid-protocol.md §3), or the phone
   * scanned before the desktop side's `link` reached the server (liquid-client shows its link before
   * its socket connects). Such a pairing has no link → open time, so it gives no sample.
   */
  lostOffers: { tandem: number; reference: number };
}

/** Attempts per pairing before the scenario gives up. */
const PAIRING_ATTEMPTS = 3;

/** The dev wallet's words when its offer was never answered (dev/wallet/peer.ts). */
const isLostOffer = (err: unknown) => /did not open within .*no answer from the extension/.test(String(err));

async function pairWithRetries(bench: Bench, who: 'tandem' | 'reference', pair: () => Promise<number>, lost: PairingSamples['lostOffers']): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pair();
    } catch (err) {
      if (!isLostOffer(err) || attempt >= PAIRING_ATTEMPTS) throw err;
      lost[who] += 1;
      bench.log(`pairing (${who}): the phone's first offer was lost; pairing again`);
    }
  }
}

export async function measurePairing(bench: Bench, n: number, warmup: number): Promise<PairingSamples> {
  const samples: PairingSamples = { tandem: [], reference: [], lostOffers: { tandem: 0, reference: 0 } };
  for (let i = 0; i < warmup + n; i++) {
    const tandem = await pairWithRetries(bench, 'tandem', () => pairTandem(bench), samples.lostOffers);
    const reference = await pairWithRetries(bench, 'reference', () => pairReference(bench), samples.lostOffers);
    if (i < warmup) continue;
    samples.tandem.push(tandem);
    samples.reference.push(reference);
    bench.log(`pairing ${i - warmup + 1}/${n}: Tandem ${tandem.toFixed(1)} ms, reference ${reference.toFixed(1)} ms`);
  }
  return samples;
}
