/**
 * The test dApp page: wires the buttons to `window.dapp` and shows every outcome. Query options:
 *   ?timeout=ms       deadline for enable / disable / sign (default and maximum 180000, the client's limit)
 *   ?discoverMs=ms    how long discover collects answers (default 750)
 *   ?localnetHash=…   LocalNet's genesis hash (it differs per installation)
 *   ?network=key      initial network: testnet (default), mainnet, betanet, localnet, unknown
 */
import { CLIENT_LISTEN_LIMIT_MS, DEFAULT_DISCOVER_MS, createDappApi, type DappApi, type Outcome } from './dapp-api';
import { dappNetworks, type DappNetwork } from './networks';

declare global {
  interface Window {
    dapp: DappApi;
  }
}

const query = new URLSearchParams(location.search);

function positiveInt(name: string, fallback: number): number {
  const value = Number(query.get(name));
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`missing #${id} in index.html`);
  return found as T;
}

const networks = dappNetworks(query.get('localnetHash') ?? undefined);
const networkSelect = element<HTMLSelectElement>('network');
for (const network of networks) {
  const option = document.createElement('option');
  option.value = network.key;
  option.textContent = `${network.label} (${network.genesisId})`;
  option.dataset.testid = `network-${network.key}`;
  networkSelect.append(option);
}
networkSelect.value = networks.some((network) => network.key === query.get('network')) ? query.get('network')! : 'testnet';

const selectedNetwork = (): DappNetwork => networks.find((network) => network.key === networkSelect.value) ?? networks[0]!;

const show = {
  providers: element('providers'),
  providerId: element('provider-id'),
  account: element('account'),
  action: element('result-action'),
  state: element('result-state'),
  result: element('result'),
};

function showOutcome(action: string, outcome: Outcome): void {
  show.action.textContent = action;
  show.state.textContent = outcome.ok ? 'ok' : 'error';
  show.result.textContent = JSON.stringify(outcome, null, 2);
  show.providerId.textContent = dapp.providerId ?? 'none';
  show.account.textContent = dapp.session.accounts[0] ?? 'not connected';
  if (action === 'discover' && outcome.ok) {
    const { providers } = outcome.result as { providers: { name?: unknown; providerId?: unknown }[] };
    show.providers.textContent =
      providers.length === 0 ? 'none answered' : providers.map((p) => `${String(p.name)} (${String(p.providerId)})`).join(', ');
  }
}

const dapp = createDappApi({
  timeouts: {
    requestMs: Math.min(positiveInt('timeout', CLIENT_LISTEN_LIMIT_MS), CLIENT_LISTEN_LIMIT_MS),
    discoverMs: positiveInt('discoverMs', DEFAULT_DISCOVER_MS),
  },
  selectedNetwork,
  networks,
  onOutcome: showOutcome,
});
window.dapp = dapp;

function pending(action: string): void {
  show.action.textContent = action;
  show.state.textContent = 'pending';
  show.result.textContent = '';
}

/** A failure before any request was sent (no account, bad input), shown like any outcome. */
function local(action: string, message: string): void {
  showOutcome(action, { ok: false, error: { code: 4200, message } });
}

function connectedAccount(action: string): string | null {
  const account = dapp.session.accounts[0];
  if (account === undefined) local(action, 'connect first: no account');
  return account ?? null;
}

function onClick(id: string, action: string, run: () => Promise<unknown> | void): void {
  element<HTMLButtonElement>(id).addEventListener('click', () => {
    pending(action);
    try {
      void run();
    } catch (err) {
      local(action, err instanceof Error ? err.message : String(err));
    }
  });
}

onClick('discover', 'discover', () => dapp.discover());
onClick('connect', 'enable', () => dapp.enable(selectedNetwork().genesisHash));
onClick('disable', 'disable', () => dapp.disable());
onClick('sign-payment', 'sign_transactions', () => {
  const account = connectedAccount('sign_transactions');
  if (account === null) return;
  const txn = dapp.buildPayment(account, { genesisHash: selectedNetwork().genesisHash });
  return dapp.signTransactions([{ txn }]);
});
onClick('sign-group', 'sign_transactions', () => {
  const account = connectedAccount('sign_transactions');
  if (account === null) return;
  const n = Number(element<HTMLInputElement>('group-size').value);
  return dapp.signTransactions(dapp.buildGroup(account, n, { genesisHash: selectedNetwork().genesisHash }));
});

onClick('sign-in', 'sign_data', () => (connectedAccount('sign_data') === null ? undefined : dapp.signData()));
onClick('sign-message', 'sign_message', () => {
  const account = connectedAccount('sign_message');
  if (account === null) return;
  return dapp.signMessage(element<HTMLInputElement>('message').value, account);
});

document.documentElement.dataset.dappReady = 'true';
