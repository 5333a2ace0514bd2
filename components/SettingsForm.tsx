/** The pairing's server, the wallet apps, the default server, ICE servers and unpair. */
import { t } from '@/lib/i18n';
import { Words } from './Words';
import { useState, type ReactNode } from 'react';
import type { Settings } from '@/lib/storage/types';
import type { IceServerSetting } from '@/lib/messaging/peer-protocol';
import type { Reply } from '@/lib/messaging/result';
import { testIds } from './test-ids';

/** The algod route that gives a node's genesis hash: a path, the same in every language. */
const ALGOD_PARAMS_ROUTE = '/v2/transactions/params';

export interface SettingsFormProps {
  settings: Settings;
  paired: boolean;
  /** The server the pairing links through, and the wallet app it belongs to when known. */
  pairingServer?: { server: string; walletName?: string };
  /** The wallet list (WalletListEditor). */
  walletList?: ReactNode;
  onSave: (patch: Partial<Settings>) => Promise<Reply<Settings>>;
  /**
   * Asks for the server's host permission; must be called synchronously in the click. Saving does
   * not wait for it: a permission prompt can close the popup, and the settings must be saved anyway
   * (the background then refuses to pair until the permission is granted).
   */
  requestServerAccess: (serverUrl: string) => Promise<boolean>;
  onUnpair: () => void;
  /** Several phones are paired: unpair says it unpairs them all. */
  severalPhones?: boolean;
}

export function SettingsForm({ settings, paired, pairingServer, walletList, onSave, requestServerAccess, onUnpair, severalPhones = false }: SettingsFormProps) {
  const [serverUrl, setServerUrl] = useState(settings.serverUrl);
  const [ice, setIce] = useState(JSON.stringify(settings.iceServers, null, 1));
  const [localNet, setLocalNet] = useState(settings.localNetGenesisHash);
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    let iceServers: IceServerSetting[];
    try {
      iceServers = JSON.parse(ice) as IceServerSetting[];
    } catch {
      setMessage(t('settings_ice_not_json'));
      return;
    }
    // Both before the first await: the permission request needs the click's user activation.
    const access = requestServerAccess(serverUrl);
    const saving = onSave({ serverUrl, iceServers, localNetGenesisHash: localNet.trim() });
    const [granted, reply] = await Promise.all([access, saving]);
    if (!reply.ok) setMessage(t('common_not_saved', reply.error.message));
    else if (!granted) setMessage(t('settings_saved_no_access', reply.value.serverUrl));
    else setMessage(t('common_saved'));
  };
  return (
    <section className="panel">
      {pairingServer && (
        <p data-testid={testIds.pairingServer}>
          <Words
            id={pairingServer.walletName ? 'settings_paired_through_wallet' : 'settings_paired_through'}
            parts={[
              <span key="server" className="mono">
                {pairingServer.server}
              </span>,
              pairingServer.walletName,
            ]}
          />
        </p>
      )}
      {walletList}
      <label>
        {t('settings_default_server')}
        <input data-testid={testIds.serverUrl} value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} />
      </label>
      <label>
        {t('settings_ice')}
        <textarea data-testid={testIds.iceServers} rows={4} value={ice} onChange={(e) => setIce(e.target.value)} />
      </label>
      <label>
        <Words id="settings_localnet_hash" parts={[<code key="route">{ALGOD_PARAMS_ROUTE}</code>]} />
        <input data-testid={testIds.localnetHash} value={localNet} placeholder={t('common_none')} onChange={(e) => setLocalNet(e.target.value)} />
      </label>
      <div className="actions">
        <button type="button" className="primary" data-testid={testIds.saveSettings} onClick={() => void save()}>
          {t('settings_save')}
        </button>
        {paired && (
          <button type="button" className="danger" data-testid={testIds.unpair} onClick={onUnpair}>
            {t(severalPhones ? 'settings_unpair_all' : 'settings_unpair')}
          </button>
        )}
      </div>
      {message && <p className="muted" data-testid={testIds.settingsMessage}>{message}</p>}
    </section>
  );
}
