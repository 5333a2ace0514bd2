/** The action popup: pairing and status (one phone's panel, or the phones list), accounts, connected sites, settings. */
import { t } from '@/lib/i18n';
import { useState } from 'react';
import { AppHeader } from '@/components/AppHeader';
import { PairingPanel } from '@/components/PairingPanel';
import { PairAnother, PhonesList } from '@/components/PhonesList';
import { attemptUnderWay, headerPhase, phoneNames, phoneState } from '@/components/phones';
import { BlockedSites } from '@/components/BlockedSites';
import { SitesList } from '@/components/SitesList';
import { SettingsForm } from '@/components/SettingsForm';
import { WalletStep } from '@/components/WalletStep';
import { WalletListEditor } from '@/components/WalletListEditor';
import { KNOWN_WALLETS } from '@/lib/liquid/known-wallets';
import { walletForServer, walletOptions } from '@/lib/liquid/wallet-options';
import { useView } from './store';
import { send } from './send';
import { requestServerAccess } from './server-access';
import { requestAlgodAccess } from './algod-access';
import { NetworkSettings } from '@/components/NetworkSettings';
import { AccountBalances } from '@/components/AccountBalances';
import { useHomeBalances } from './use-home-balances';
import { testIds } from '@/components/test-ids';
import { AccountsList } from '@/components/AccountsList';
import { addedCheckedText } from '@/components/account-text';
import { listAccounts } from '@/lib/accounts/accounts';

export function HomeView() {
  const { connection, phones, sites, blockedOrigins, settings, pairings, verification, walletChoice, customWallets, storedAccounts } = useView();
  const view = { connection, pairings, phones };
  // The first pairing: the one the single-phone screen, Settings' server line and the balances show.
  const pairing = pairings[0] ?? null;
  const accounts = listAccounts(pairings, storedAccounts);
  const [showSettings, setShowSettings] = useState(false);
  // "Pair your phone" first asks which wallet app the phone has (WalletStep), then shows its server's QR.
  const [choosingWallet, setChoosingWallet] = useState(false);
  const options = walletOptions(customWallets);
  // The server the pairing screen's attempt goes through: the first pairing's own, else the chosen wallet's.
  const attempt = attemptUnderWay(view);
  const pairingWallet = walletForServer(options, (attempt ? null : pairing?.server) ?? walletChoice?.server ?? settings.serverUrl);
  const names = phoneNames(pairings, (server) => walletForServer(options, server)?.name);
  const phoneOf = (pairingId: string) => ({ name: names.get(pairingId) ?? t('phones_your_phone'), phase: phoneState(view, pairingId).phase });
  const [error, setError] = useState<string | null>(null);
  const balances = useHomeBalances(pairing?.wallet ?? null);
  const act = (p: Promise<{ ok: boolean; error?: { message: string } }>) =>
    void p.then((r) => setError(r.ok ? null : (r.error?.message ?? t('common_failed'))));
  const pairAnother = pairing && <PairAnother paired={pairings.length} onPair={() => setChoosingWallet(true)} />;
  return (
    <main className="popup">
      <AppHeader phase={headerPhase(view)}>
        <button type="button" className="small" data-testid={testIds.toggleSettings} onClick={() => setShowSettings((v) => !v)}>
          {showSettings ? t('home_close_settings') : t('home_settings')}
        </button>
      </AppHeader>
      {error && <p className="error" role="alert">{error}</p>}
      {showSettings ? (
        <>
          <SettingsForm
            settings={settings}
            paired={pairing !== null}
            severalPhones={pairings.length > 1}
            pairingServer={pairing ? { server: pairing.server, walletName: walletForServer(options, pairing.server)?.name } : undefined}
            walletList={<WalletListEditor known={KNOWN_WALLETS} custom={customWallets} onSave={(wallets) => send('wallets/save', { wallets })} />}
            onSave={(patch) => send('settings/save', patch)}
            requestServerAccess={requestServerAccess}
            onUnpair={() => act(send('pairing/unpair', {}))}
          />
          <NetworkSettings settings={settings} onSave={(patch) => send('settings/save', patch)} requestAlgodAccess={requestAlgodAccess} />
        </>
      ) : choosingWallet ? (
        <WalletStep
          options={options}
          remembered={walletChoice}
          fallbackServer={settings.serverUrl}
          requestServerAccess={requestServerAccess}
          onChoose={(choice) => send('wallet/choose', choice)}
          onStart={() => {
            setChoosingWallet(false);
            act(send('pairing/start', { fresh: true }));
          }}
          onCancel={() => setChoosingWallet(false)}
        />
      ) : attempt && pairing ? (
        // Another phone's QR: the whole screen until it is paired (the list comes back) or cancelled.
        <PairingPanel
          connection={connection}
          onPair={() => setChoosingWallet(true)}
          onChooseWallet={() => setChoosingWallet(true)}
          walletName={pairingWallet?.name}
          onRetry={() => act(send('pairing/start', { fresh: true }))}
          onCancel={() => act(send('pairing/cancel', {}))}
          cancelable
          heading={t('phones_pair_another')}
        />
      ) : (
        <>
          {pairings.length > 1 ? (
            <PhonesList
              phones={pairings.map((p) => ({ pairing: p, name: phoneOf(p.requestId).name, state: phoneState(view, p.requestId), verification: verification[p.requestId] ?? null }))}
              onRetry={(requestId) => act(send('pairing/start', { requestId }))}
              onUnpair={(requestId) => act(send('pairing/unpair', { requestId }))}
              onVerify={(requestId) => act(send('pairing/verify', { requestId }))}
            >
              {pairAnother}
            </PhonesList>
          ) : (
            <PairingPanel
              connection={connection}
              verification={pairing ? (verification[pairing.requestId] ?? null) : null}
              onVerify={() => act(send('pairing/verify', {}))}
              onPair={() => setChoosingWallet(true)}
              onChooseWallet={pairing ? undefined : () => setChoosingWallet(true)}
              walletName={pairingWallet?.name}
              onRetry={() => act(send('pairing/start', { fresh: connection.failure?.reason === 'link-timeout' || !pairing }))}
              onCancel={() => act(send('pairing/cancel', {}))}
            >
              {pairAnother}
            </PairingPanel>
          )}
          {pairing && (
            <AccountsList
              accounts={accounts}
              phoneOf={phoneOf}
              onRename={(address, name) => send('accounts/rename', { address, name }).then((r) => (r.ok ? { ok: true as const } : { ok: false as const, message: r.error.message }))}
              onAdd={(address) =>
                send('accounts/add', { address }).then((r) =>
                  r.ok
                    ? { ok: true as const, message: r.value.account.check === 'checked' ? addedCheckedText(r.value.account.network) : t('accounts_added_not_checked') }
                    : { ok: false as const, message: r.error.message },
                )
              }
            />
          )}
          <AccountBalances balances={balances} />
          <SitesList
            sites={sites}
            accounts={accounts}
            onRevoke={(origin, genesisHash) => act(send('sites/revoke', { origin, genesisHash }))}
            onChoose={(origin, genesisHash, chosen) => act(send('sites/choose', { origin, genesisHash, accounts: chosen }))}
          />
          <BlockedSites origins={blockedOrigins} onUnblock={(origin) => act(send('sites/unblock', { origin }))} />
        </>
      )}
    </main>
  );
}
