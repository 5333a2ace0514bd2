/** Wires AVMWebProvider's handlers to the relay. Unimplemented methods answer 4003. */
import { AVMWebProvider } from '@agoralabs-sh/avm-web-provider';
import type { Arc27Method } from '@/lib/arc27/types';
import { TANDEM_PROVIDER_ID } from '@/lib/arc27/types';
import { createRelay } from './relay';

export function startProvider(): void {
  const provider = AVMWebProvider.init(TANDEM_PROVIDER_ID);
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
