/** Starts AVMWebProvider with Tandem's handlers (provider-handlers.ts) over the relay to the background. */
// The controller alone: the package index would also bring AVMWebClient into every page.
import * as providerModule from '@agoralabs-sh/avm-web-provider/dist/controllers/AVMWebProvider';
import { TANDEM_PROVIDER_ID } from '@/lib/arc27/types';
import { registerProviderHandlers } from './provider-handlers';
import { createRelay } from './relay';
import { listenForSignData } from './sign-data-event';

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
  const relay = createRelay();
  registerProviderHandlers(providerClass().init(TANDEM_PROVIDER_ID), relay);
  listenForSignData(window, relay);
}
