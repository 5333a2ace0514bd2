/** The action popup: pairing and status, connected sites, settings. */
import { useState } from 'react';
import { PairingPanel } from '@/components/PairingPanel';
import { BlockedSites } from '@/components/BlockedSites';
import { SitesList } from '@/components/SitesList';
import { SettingsForm } from '@/components/SettingsForm';
import { useView } from './store';
import { send } from './send';
import { requestServerAccess } from './server-access';
import { requestAlgodAccess } from './algod-access';
import { NetworkSettings } from '@/components/NetworkSettings';
import { AccountBalances } from '@/components/AccountBalances';
import { useHomeBalances } from './use-home-balances';
import { testIds } from '@/components/test-ids';

export function HomeView() {
  const { connection, sites, blockedOrigins, settings, pairing, verification } = useView();
  const [showSettings, setShowSettings] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const balances = useHomeBalances(pairing?.wallet ?? null);
  const act = (p: Promise<{ ok: boolean; error?: { message: string } }>) =>
    void p.then((r) => setError(r.ok ? null : (r.error?.message ?? 'failed')));
  return (
    <main className="popup">
      <header>
        <h1>Tandem</h1>
        <button type="button" className="small" data-testid={testIds.toggleSettings} onClick={() => setShowSettings((v) => !v)}>
          {showSettings ? 'Close settings' : 'Settings'}
        </button>
      </header>
      {error && <p className="error" role="alert">{error}</p>}
      {showSettings ? (
        <SettingsForm
          settings={settings}
          paired={pairing !== null}
          onSave={(patch) => send('settings/save', patch)}
          requestServerAccess={requestServerAccess}
          onUnpair={() => act(send('pairing/unpair', {}))}
        />
      ) : null}
      {showSettings && <NetworkSettings settings={settings} onSave={(patch) => send('settings/save', patch)} requestAlgodAccess={requestAlgodAccess} />}
      {showSettings ? null : (
        <>
          <PairingPanel
            connection={connection}
            verification={verification}
            onVerify={() => act(send('pairing/verify', {}))}
            onPair={() => act(send('pairing/start', {}))}
            onRetry={() => act(send('pairing/start', { fresh: connection.failure?.reason === 'link-timeout' || !pairing }))}
            onCancel={() => act(send('pairing/cancel', {}))}
          />
          <AccountBalances balances={balances} />
          <SitesList sites={sites} onRevoke={(origin, genesisHash) => act(send('sites/revoke', { origin, genesisHash }))} />
          <BlockedSites origins={blockedOrigins} onUnblock={(origin) => act(send('sites/unblock', { origin }))} />
        </>
      )}
    </main>
  );
}
