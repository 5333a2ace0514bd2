/**
 * use-wallet v5 example dApp: a WalletManager with Tandem's adapter next to use-wallet's own
 * `custom()` adapter (a stub wallet that can only connect), so the wallet list is use-wallet's own.
 * The page resumes sessions on load like any v5 dApp, and installs `window.useWalletDapp`
 * (see ../use-wallet-shared.ts) for tests.
 */
import { ScopeType, SignTxnsError, WalletManager, custom, type BaseWallet } from '@txnlab/use-wallet';
import { tandem } from '@tandem-wallet/use-wallet';
import { base64, outcomeOf, paymentGroup, payment, signWithComposer, signedOutput, siwaJson, verifySignIn, OTHER_SENDER, type UseWalletDappApi } from '../use-wallet-shared';
import { renderWallets, showResult } from './view';

const manager = new WalletManager({
  wallets: [
    tandem(),
    custom({
      provider: { connect: async () => [{ name: 'Stub account', address: OTHER_SENDER }] },
      metadata: { name: 'Stub wallet' },
    }),
  ],
  defaultNetwork: 'testnet',
});

function activeAddress(): string {
  const address = manager.activeAddress;
  if (!address) throw new Error('no connected account');
  return address;
}

function wallet(id: string): BaseWallet {
  const found = manager.getWallet(id);
  if (!found) throw new Error(`use-wallet has no wallet ${id}`);
  return found;
}

const run = <T>(body: () => Promise<T>) => outcomeOf(body, SignTxnsError);

const api: UseWalletDappApi = {
  wallets: () => manager.availableWallets.map((w) => ({ id: w.id, name: w.metadata.name, icon: w.metadata.icon, isConnected: w.isConnected })),
  state: () => ({
    ready: manager.isReady,
    activeWallet: manager.activeWallet?.id ?? null,
    activeAddress: manager.activeAddress,
    accounts: manager.activeWalletAccounts ?? [],
  }),
  connect: (walletId = 'tandem') => run(() => wallet(walletId).connect()),
  disconnect: () =>
    run(async () => {
      await manager.activeWallet?.disconnect();
      return null;
    }),
  signPayment: () =>
    run(async () => {
      const txns = [payment(activeAddress(), 1_500_000, 'use-wallet v5 example payment')];
      return signedOutput(txns, await manager.signTransactions(txns));
    }),
  signGroup: (size, otherIndexes) =>
    run(async () => {
      const txns = paymentGroup(activeAddress(), size, otherIndexes);
      const indexesToSign = txns.map((_, i) => i).filter((i) => !otherIndexes.includes(i));
      return signedOutput(txns, await manager.signTransactions(txns, indexesToSign));
    }),
  signWithComposer: (count) => run(() => signWithComposer(activeAddress(), manager.transactionSigner, count)),
  signIn: () =>
    run(async () => {
      const active = manager.activeWallet;
      if (!active) throw new Error('no active wallet');
      const json = siwaJson(activeAddress());
      const response = await active.signData(btoa(json), { scope: ScopeType.AUTH, encoding: 'base64' });
      return {
        canSignData: active.canSignData,
        data: response.data,
        signer: base64(response.signer),
        domain: response.domain,
        authenticatorData: base64(response.authenticatorData),
        signature: base64(response.signature),
        verified: await verifySignIn(json, response),
      };
    }),
};
(window as unknown as { useWalletDapp: UseWalletDappApi }).useWalletDapp = api;

const refresh = () => renderWallets(api, (id) => void api.connect(id).then((outcome) => showResult('connect', outcome)));
manager.subscribe(refresh);
refresh();

const button = (id: string, action: string, body: () => Promise<unknown>) =>
  document.getElementById(id)?.addEventListener('click', () => void body().then((outcome) => showResult(action, outcome)));
button('sign-payment', 'sign payment', api.signPayment);
button('sign-group', 'sign group', () => api.signGroup(16, [3, 7, 15]));
button('sign-atc', 'sign through ATC', () => api.signWithComposer(3));
button('sign-in', 'sign in (ARC-0060)', () => api.signIn!());
button('disconnect', 'disconnect', api.disconnect);

// What every v5 dApp does on load: restore the sessions use-wallet remembers (Tandem: silently).
void manager.resumeSessions().finally(() => {
  document.documentElement.dataset.resumed = 'true';
  refresh();
});
