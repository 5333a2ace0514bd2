/**
 * Tandem's AVMWebProvider handlers: validate the page's envelope, hand the request to the
 * background over `transport`, and turn its outcome into the page's one answer.
 *
 * No extension APIs here (the transport is a parameter), so the unit tests register these very
 * handlers on the real AVMWebProvider with a fake transport; the content script passes the relay.
 */
import type { AVMWebProvider } from '@agoralabs-sh/avm-web-provider';
import { toProviderError } from '@/lib/arc27/errors';
import { parsePageRequest } from '@/lib/arc27/page-request';
import type { Arc27Method, Arc27Outcome, Arc27Request } from '@/lib/arc27/types';
import { markHop } from '@/lib/perf/hop-marks';

/** Takes one validated request to the background and resolves with its single outcome; never rejects. */
export type BackgroundTransport = (request: Arc27Request) => Promise<Arc27Outcome>;

/** The registration methods of AVMWebProvider (a type only: the library is not imported here). */
export type ProviderRegistry = Pick<
  AVMWebProvider,
  'onDiscover' | 'onEnable' | 'onDisable' | 'onSignTransactions' | 'onSignMessage' | 'onPostTransactions' | 'onSignAndPostTransactions'
>;

/**
 * Registers a handler for each of the seven ARC-0027 methods. Methods Tandem does not implement
 * are refused by the validation (4003) without a round trip.
 */
export function registerProviderHandlers(provider: ProviderRegistry, transport: BackgroundTransport): void {
  // The handler's argument is the page's object, whatever the library's types say: validate first.
  const handle = (method: Arc27Method) => async (message: unknown) => {
    markHop('contentRequest');
    const parsed = parsePageRequest(method, message);
    if (!parsed.ok) throw toProviderError(parsed.error);
    const outcome = await transport(parsed.request);
    markHop('contentAnswered');
    if (outcome.ok) return outcome.result as never;
    throw toProviderError(outcome.error);
  };
  provider.onDiscover(handle('discover'));
  provider.onEnable(handle('enable'));
  provider.onDisable(handle('disable'));
  provider.onSignTransactions(handle('sign_transactions'));
  provider.onSignMessage(handle('sign_message'));
  provider.onPostTransactions(handle('post_transactions'));
  provider.onSignAndPostTransactions(handle('sign_and_post_transactions'));
}
