/** The pairing's server, the wallet apps, the default server, ICE servers and unpair. */
import { useState, type ReactNode } from 'react';
import type { Settings } from '@/lib/storage/types';
import type { IceServerSetting } from '@/lib/messaging/peer-protocol';
import type { Reply } from '@/lib/messaging/result';
import { testIds } from './test-ids';

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
}

export function SettingsForm({ settings, paired, pairingServer, walletList, onSave, requestServerAccess, onUnpair }: SettingsFormProps) {
  const [serverUrl, setServerUrl] = useState(settings.serverUrl);
  const [ice, setIce] = useState(JSON.stringify(settings.iceServers, null, 1));
  const [localNet, setLocalNet] = useState(settings.localNetGenesisHash);
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    let iceServers: IceServerSetting[];
    try {
      iceServers = JSON.parse(ice) as IceServerSetting[];
    } catch {
      setMessage('ICE servers must be JSON, e.g. [{"urls": "stun:stun.example.org:3478"}]');
      return;
    }
    // Both before the first await: the permission request needs the click's user activation.
    const access = requestServerAccess(serverUrl);
    const saving = onSave({ serverUrl, iceServers, localNetGenesisHash: localNet.trim() });
    const [granted, reply] = await Promise.all([access, saving]);
    if (!reply.ok) setMessage(`Not saved: ${reply.error.message}`);
    else if (!granted) setMessage(`Saved, but Tandem is not allowed to connect to ${reply.value.serverUrl}: allow it when asked (only https servers can be added).`);
    else setMessage('Saved.');
  };
  return (
    <section className="panel">
      {pairingServer && (
        <p data-testid={testIds.pairingServer}>
          Paired through <span className="mono">{pairingServer.server}</span>
          {pairingServer.walletName && ` (${pairingServer.walletName})`}
        </p>
      )}
      {walletList}
      <label>
        Default Liquid Auth server (the wallet step starts on it until you choose a wallet app)
        <input data-testid={testIds.serverUrl} value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} />
      </label>
      <label>
        ICE servers (STUN/TURN, JSON)
        <textarea data-testid={testIds.iceServers} rows={4} value={ice} onChange={(e) => setIce(e.target.value)} />
      </label>
      <label>
        LocalNet genesis hash (optional; from your node&apos;s <code>/v2/transactions/params</code>)
        <input data-testid={testIds.localnetHash} value={localNet} placeholder="none" onChange={(e) => setLocalNet(e.target.value)} />
      </label>
      <div className="actions">
        <button type="button" className="primary" data-testid={testIds.saveSettings} onClick={() => void save()}>
          Save
        </button>
        {paired && (
          <button type="button" className="danger" data-testid={testIds.unpair} onClick={onUnpair}>
            Unpair phone
          </button>
        )}
      </div>
      {message && <p className="muted" data-testid={testIds.settingsMessage}>{message}</p>}
    </section>
  );
}
