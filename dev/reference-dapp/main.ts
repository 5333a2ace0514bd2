/**
 * The reference dApp page: `window.referenceDapp` for benchmarks and a Start button for people.
 * Query options: `?transports=websocket` (default: the client's own polling-then-upgrade).
 */
import type { WalletTransaction } from '../../lib/arc27/types';
import { createReferenceDapp, type OpenTimings, type SignTimings } from './reference-session';

export interface ReferenceDappApi {
  start(): Promise<{ requestId: string; link: string }>;
  waitOpen(timeoutMs?: number): Promise<OpenTimings>;
  signTransactions(txns: WalletTransaction[], timeoutMs?: number): Promise<SignTimings>;
  close(): void;
}

declare global {
  interface Window {
    referenceDapp: ReferenceDappApi;
  }
}

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`missing #${id} in index.html`);
  return found;
}

const show = { state: element('state'), link: element('link'), timings: element('timings') };
const transports = new URLSearchParams(location.search).get('transports');

const session = createReferenceDapp({
  origin: location.origin,
  iceServers: [],
  ...(transports === 'websocket' || transports === 'polling' ? { transports: [transports] } : {}),
  onState: (state) => {
    show.state.textContent = state;
    show.timings.textContent = JSON.stringify(session.timings, null, 2);
  },
});

window.referenceDapp = {
  async start() {
    const started = await session.start();
    show.link.textContent = started.link;
    return started;
  },
  waitOpen: (timeoutMs) => session.waitOpen(timeoutMs),
  async signTransactions(txns, timeoutMs) {
    const signed = await session.signTransactions(txns, timeoutMs);
    show.timings.textContent = JSON.stringify({ ...session.timings, lastSign: { ms: signed.ms, frames: signed.frames } }, null, 2);
    return signed;
  },
  close: () => session.close(),
};

element('start').addEventListener('click', () => {
  window.referenceDapp.start().catch((err: unknown) => {
    show.state.textContent = `failed: ${err instanceof Error ? err.message : String(err)}`;
  });
});

document.documentElement.dataset.referenceDappReady = 'true';
