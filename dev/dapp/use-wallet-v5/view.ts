/** The example page's DOM: the wallet list, the account line and the last result. */
import type { UseWalletDappApi } from '../use-wallet-shared';

export function renderWallets(api: UseWalletDappApi, onConnect: (id: string) => void): void {
  const list = document.getElementById('wallets');
  if (!list) return;
  list.replaceChildren(
    ...api.wallets().map((w) => {
      const row = document.createElement('div');
      row.className = 'wallet';
      row.dataset.testid = `wallet-${w.id}`;
      row.dataset.connected = String(w.isConnected);
      const icon = document.createElement('img');
      icon.src = w.icon;
      icon.alt = '';
      const name = document.createElement('span');
      name.textContent = w.name;
      name.dataset.testid = 'wallet-name';
      const connect = document.createElement('button');
      connect.type = 'button';
      connect.textContent = w.isConnected ? 'Connected' : 'Connect';
      connect.disabled = w.isConnected;
      connect.dataset.testid = 'wallet-connect';
      connect.addEventListener('click', () => onConnect(w.id));
      row.append(icon, name, connect);
      return row;
    }),
  );
  const state = api.state();
  const account = document.getElementById('account');
  if (account) account.textContent = state.activeAddress ?? 'not connected';
  const status = document.getElementById('status');
  if (status) status.textContent = state.ready ? (state.activeWallet ? `connected with ${state.activeWallet}` : 'disconnected') : 'resuming';
}

export function showResult(action: string, outcome: unknown): void {
  const result = document.getElementById('result');
  if (result) result.textContent = `${action}: ${JSON.stringify(outcome, null, 2)}`;
}
