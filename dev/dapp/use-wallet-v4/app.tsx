/**
 * The v4 example app. The wallet setup is exactly the package README's v4 snippet; the rest is an
 * ordinary React dApp on useWallet(), plus `window.useWalletDapp` (../use-wallet-shared.ts) for tests.
 */
import { SignTxnsError, WalletId, WalletManager, WalletProvider, useWallet } from '@txnlab/use-wallet-react';
import { TandemProvider } from '@tandem-wallet/use-wallet/v4';
import { useEffect, useState } from 'react';
import { outcomeOf, payment, paymentGroup, signWithComposer, signedOutput, type UseWalletDappApi } from '../use-wallet-shared';

const tandem = new TandemProvider();
const manager = new WalletManager({
  wallets: [{ id: WalletId.CUSTOM, options: { provider: tandem }, metadata: tandem.metadata }],
  defaultNetwork: 'testnet',
});
tandem.attach(manager);

const run = <T,>(body: () => Promise<T>) => outcomeOf(body, SignTxnsError);

function activeAddress(): string {
  const address = manager.activeAddress;
  if (!address) throw new Error('no connected account');
  return address;
}

const api: UseWalletDappApi = {
  wallets: () => manager.wallets.map((w) => ({ id: w.id, name: w.metadata.name, icon: w.metadata.icon, isConnected: w.isConnected })),
  state: () => ({
    ready: manager.isReady,
    activeWallet: manager.activeWallet?.id ?? null,
    activeAddress: manager.activeAddress,
    accounts: manager.activeWalletAccounts ?? [],
  }),
  connect: (walletId = WalletId.CUSTOM) =>
    run(async () => {
      const wallet = manager.getWallet(walletId as WalletId);
      if (!wallet) throw new Error(`use-wallet has no wallet ${walletId}`);
      return wallet.connect();
    }),
  disconnect: () =>
    run(async () => {
      await manager.activeWallet?.disconnect();
      return null;
    }),
  signPayment: () =>
    run(async () => {
      const txns = [payment(activeAddress(), 1_500_000, 'use-wallet v4 example payment')];
      return signedOutput(txns, await manager.signTransactions(txns));
    }),
  signGroup: (size, otherIndexes) =>
    run(async () => {
      const txns = paymentGroup(activeAddress(), size, otherIndexes);
      const indexesToSign = txns.map((_, i) => i).filter((i) => !otherIndexes.includes(i));
      return signedOutput(txns, await manager.signTransactions(txns, indexesToSign));
    }),
  signWithComposer: (count) => run(() => signWithComposer(activeAddress(), manager.transactionSigner, count)),
};
(window as unknown as { useWalletDapp: UseWalletDappApi }).useWalletDapp = api;

function Wallets({ onResult }: { onResult: (text: string) => void }) {
  const { wallets, activeAddress: address, isReady } = useWallet();
  // WalletProvider resumes sessions on mount; tests wait for this flag.
  useEffect(() => {
    if (isReady) document.documentElement.dataset.resumed = 'true';
  }, [isReady]);
  const show = (action: string) => (outcome: unknown) => onResult(`${action}: ${JSON.stringify(outcome, null, 2)}`);
  return (
    <section>
      <h2>Wallets</h2>
      <div data-testid="wallet-list">
        {wallets.map((wallet) => (
          <div className="wallet" key={wallet.id} data-testid={`wallet-${wallet.id}`} data-connected={String(wallet.isConnected)}>
            <img src={wallet.metadata.icon} alt="" />
            <span data-testid="wallet-name">{wallet.metadata.name}</span>
            <button type="button" data-testid="wallet-connect" disabled={wallet.isConnected} onClick={() => void api.connect(wallet.id).then(show('connect'))}>
              {wallet.isConnected ? 'Connected' : 'Connect'}
            </button>
          </div>
        ))}
      </div>
      <p>
        Account: <span className="mono" data-testid="account">{address ?? 'not connected'}</span>
      </p>
      <p>
        Session: <span data-testid="status">{isReady ? (address ? 'connected' : 'disconnected') : 'resuming'}</span>
      </p>
      <button type="button" data-testid="sign-payment" onClick={() => void api.signPayment().then(show('sign payment'))}>
        Sign a payment
      </button>
      <button type="button" data-testid="sign-group" onClick={() => void api.signGroup(16, [3, 7, 15]).then(show('sign group'))}>
        Sign a group of 16 (3 from others)
      </button>
      <button type="button" data-testid="sign-atc" onClick={() => void api.signWithComposer(3).then(show('sign through ATC'))}>
        Sign 3 through an ATC
      </button>
      <button type="button" data-testid="disconnect" onClick={() => void api.disconnect().then(show('disconnect'))}>
        Disconnect
      </button>
    </section>
  );
}

export function App() {
  const [result, setResult] = useState('');
  return (
    <WalletProvider manager={manager}>
      <h1>use-wallet v4 example dApp (React)</h1>
      <p>
        A dApp on <code>@txnlab/use-wallet-react</code> 4 with Tandem as its custom wallet. Transactions are built locally; nothing
        talks to a node.
      </p>
      <Wallets onResult={setResult} />
      <pre id="result" data-testid="result">
        {result}
      </pre>
    </WalletProvider>
  );
}
