/**
 * ARC-0027 requests to Tandem over the page's CustomEvents, with a promise and a deadline each.
 *
 * AVMWebClient (@agoralabs-sh/avm-web-provider 1.7) is fire-and-listen: a call dispatches the
 * request event and returns its id; answers from every provider arrive on `on<Method>` listeners.
 * It has no per-call timeout: it just stops listening for an id after 180 s, silently. So this
 * module keeps one client per page, routes answers by request id, ignores answers from other
 * providers and ends every request at its deadline. Nothing here knows use-wallet.
 */
import * as clientModule from '@agoralabs-sh/avm-web-provider/dist/controllers/AVMWebClient.js';
import { Arc27Code, TandemError, fromArc27Error } from './errors.js';
import { TANDEM_PROVIDER_ID } from './protocol.js';

export type Arc27Method = 'discover' | 'enable' | 'disable' | 'sign_transactions';

export interface Arc27Transport {
  /** Resolves with the answer's result; rejects with a TandemError (Tandem's error, or no answer by the deadline). */
  request(method: Arc27Method, params: Record<string, unknown>, deadlineMs: number): Promise<unknown>;
}

/** AVMWebClient forgets a request id after this long (its DEFAULT_REQUEST_TIMEOUT). */
export const CLIENT_LISTEN_LIMIT_MS = 180_000;

type ClientClass = typeof clientModule.default;
type Client = ReturnType<ClientClass['init']>;
interface Answer {
  requestId: string;
  error: unknown;
  result: unknown;
}

/**
 * The module is CommonJS with `exports.default`: bundlers put the class at `default`, Node's ESM
 * loader one level deeper. Walk down until something has `init`.
 */
function clientClass(): ClientClass {
  let candidate: unknown = clientModule;
  for (let depth = 0; depth < 3 && candidate; depth++) {
    if (typeof (candidate as { init?: unknown }).init === 'function') return candidate as ClientClass;
    candidate = (candidate as { default?: unknown }).default;
  }
  throw new Error('AVMWebClient not found in @agoralabs-sh/avm-web-provider');
}

/** Who answered: an answer naming another provider is not Tandem's, whatever it says. */
function answeredByOther(answer: Answer): boolean {
  const from = (value: unknown) => (typeof value === 'object' && value !== null ? (value as { providerId?: unknown }).providerId : undefined);
  const providerId = from(answer.error) ?? from(answer.result);
  return providerId !== undefined && providerId !== TANDEM_PROVIDER_ID;
}

export function createPageTransport(): Arc27Transport {
  let client: Client | null = null;
  const waiting = new Map<string, (answer: Answer) => void>();

  function ensureClient(): Client {
    if (client) return client;
    if (typeof window === 'undefined') throw new TandemError('Tandem works in a browser page only', Arc27Code.Unknown);
    const created = clientClass().init();
    const route = (answer: Answer) => {
      if (!answeredByOther(answer)) waiting.get(answer.requestId)?.(answer);
    };
    created.onDiscover(route);
    created.onEnable(route);
    created.onDisable(route);
    created.onSignTransactions(route);
    client = created;
    return created;
  }

  function send(active: Client, method: Arc27Method, params: Record<string, unknown>): string {
    // The library's param types are narrower than ARC-0027's open params (Tandem's `tandem` member).
    switch (method) {
      case 'discover':
        return active.discover(params as unknown as Parameters<Client['discover']>[0]);
      case 'enable':
        return active.enable(params as unknown as Parameters<Client['enable']>[0]);
      case 'disable':
        return active.disable(params as unknown as Parameters<Client['disable']>[0]);
      case 'sign_transactions':
        return active.signTransactions(params as unknown as Parameters<Client['signTransactions']>[0]);
    }
  }

  return {
    request(method, params, deadlineMs) {
      return new Promise((resolve, reject) => {
        const requestId = send(ensureClient(), method, params);
        const limit = Math.min(Math.max(0, deadlineMs), CLIENT_LISTEN_LIMIT_MS);
        const timer = setTimeout(() => {
          waiting.delete(requestId);
          reject(new TandemError(`Tandem did not answer ${method} within ${limit} ms`, Arc27Code.TimedOut, { reason: 'no-answer' }));
        }, limit);
        waiting.set(requestId, (answer) => {
          clearTimeout(timer);
          waiting.delete(requestId);
          if (answer.error) reject(fromArc27Error(answer.error));
          else resolve(answer.result);
        });
      });
    },
  };
}

let pageTransport: Arc27Transport | null = null;

/** One transport per page, shared by every adapter instance (one set of window listeners). */
export function sharedPageTransport(): Arc27Transport {
  pageTransport ??= createPageTransport();
  return pageTransport;
}
