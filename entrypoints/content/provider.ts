/** Wires AVMWebProvider's handlers to the relay. Unimplemented methods answer 4003. */
// The controller alone: the package index would also bring AVMWebClient into every page.
import * as providerModule from '@agoralabs-sh/avm-web-provider/dist/controllers/AVMWebProvider';
import type { Arc27Method } from '@/lib/arc27/types';
import { TANDEM_PROVIDER_ID } from '@/lib/arc27/types';
import { createRelay } from './relay';

type ProviderClass = typeof providerModule.default;

/** A CommonJS module with `exports.default`: bundlers differ on how deep the default sits. */
function providerClass(): ProviderClass {
  let candidate: unknown = providerModule;
  for (let depth = 0; depth < 3 && candidate; depth++) {
    if (typeof (candidate as { init?: unknown }).init === 'function') return candidate as ProviderClass;
    candidate = (candidate as { default?: unknown }).default;
  }
  throw new Error('AVMWebProvider not found in its module');
}

export function startProvider(): void {
  const provider = providerClass().init(TANDEM_PROVIDER_ID);
  const relay = createRelay();
  // The handler argument is the page's object: the relay validates it before anything else.
  const handle = (method: Arc27Method) => (message: unknown) => relay(method, message) as Promise<never>;
  provider.onDiscover(handle('discover'));
  provider.onEnable(handle('enable'));
  provider.onDisable(handle('disable'));
  provider.onSignTransactions(handle('sign_transactions'));
  provider.onSignMessage(handle('sign_message'));
  provider.onPostTransactions(handle('post_transactions'));
  provider.onSignAndPostTransactions(handle('sign_and_post_transactions'));
}
