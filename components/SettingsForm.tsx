/** Server URL, ICE servers and unpair. */
import { useState } from 'react';
import type { IceServerSetting, Settings } from '@/lib/storage/types';
import type { Reply } from '@/lib/messaging/result';

export interface SettingsFormProps {
  settings: Settings;
  paired: boolean;
  onSave: (patch: Partial<Settings>) => Promise<Reply<Settings>>;
  onUnpair: () => void;
}

export function SettingsForm({ settings, paired, onSave, onUnpair }: SettingsFormProps) {
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
    const reply = await onSave({ serverUrl, iceServers, localNetGenesisHash: localNet.trim() });
    setMessage(reply.ok ? 'Saved.' : `Not saved: ${reply.error.message}`);
  };
  return (
    <section className="panel">
      <label>
        Liquid Auth server
        <input data-testid="server-url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} />
      </label>
      <label>
        ICE servers (STUN/TURN, JSON)
        <textarea data-testid="ice-servers" rows={4} value={ice} onChange={(e) => setIce(e.target.value)} />
      </label>
      <label>
        LocalNet genesis hash (optional; from your node&apos;s <code>/v2/transactions/params</code>)
        <input data-testid="localnet-hash" value={localNet} placeholder="none" onChange={(e) => setLocalNet(e.target.value)} />
      </label>
      <div className="actions">
        <button type="button" className="primary" data-testid="save-settings" onClick={() => void save()}>
          Save
        </button>
        {paired && (
          <button type="button" className="danger" data-testid="unpair" onClick={onUnpair}>
            Unpair phone
          </button>
        )}
      </div>
      {message && <p className="muted" data-testid="settings-message">{message}</p>}
    </section>
  );
}
