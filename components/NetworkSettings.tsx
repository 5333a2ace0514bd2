/**
 * Settings → Network: the algod node of each network, with an optional token header, and the
 * switch that stops every network read. Saving asks for the nodes' host permissions (the only
 * place besides the prompt's "Check with <host>" where Tandem asks: permissions need a gesture).
 */
import { t } from '@/lib/i18n';
import { useState } from 'react';
import { NETWORK_KEYS, NETWORK_LABELS, type AlgodEndpoints, type NetworkKey } from '@/lib/algorand/algod-endpoints';
import type { Reply } from '@/lib/messaging/result';
import type { Settings } from '@/lib/storage/types';
import { testIds } from './test-ids';

export interface NetworkSettingsProps {
  settings: Settings;
  onSave: (patch: Partial<Settings>) => Promise<Reply<Settings>>;
  /** Asks for the nodes' host permissions; must be called synchronously in the click. */
  requestAlgodAccess: (urls: string[]) => Promise<boolean>;
}

export function NetworkSettings({ settings, onSave, requestAlgodAccess }: NetworkSettingsProps) {
  const [algod, setAlgod] = useState<AlgodEndpoints>(settings.algod);
  const [reads, setReads] = useState(settings.networkReads);
  const [network, setNetwork] = useState<NetworkKey>('testnet');
  const [message, setMessage] = useState<string | null>(null);
  const endpoint = algod[network];
  const edit = (field: 'url' | 'tokenHeader' | 'token', value: string) => setAlgod((all) => ({ ...all, [network]: { ...all[network], [field]: value } }));
  const save = async () => {
    // Before the first await: the permission request needs the click's user activation.
    const access = reads ? requestAlgodAccess(NETWORK_KEYS.map((key) => algod[key].url).filter((url) => url !== '')) : Promise.resolve(true);
    const saving = onSave({ algod, networkReads: reads });
    const [granted, reply] = await Promise.all([access, saving]);
    if (!reply.ok) setMessage(t('common_not_saved', reply.error.message));
    else if (!granted) setMessage(t('network_saved_no_access'));
    else setMessage(t('common_saved'));
  };
  return (
    <section className="panel">
      <h2>{t('network_heading')}</h2>
      <label className="check">
        <input type="checkbox" data-testid={testIds.networkReads} checked={reads} onChange={(e) => setReads(e.target.checked)} />
        {t('network_reads')}
      </label>
      <p className="muted">{t('network_reads_explainer')}</p>
      <label>
        {t('common_network')}
        <select value={network} onChange={(e) => setNetwork(e.target.value as NetworkKey)}>
          {NETWORK_KEYS.map((key) => (
            <option key={key} value={key}>
              {NETWORK_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('network_algod_url', NETWORK_LABELS[network])}
        <input data-testid={testIds.algodUrl} value={endpoint.url} placeholder={t('common_none')} onChange={(e) => edit('url', e.target.value)} />
      </label>
      {network === 'localnet' && <p className="muted">{t('network_localnet_dev_only')}</p>}
      <label>
        {t('network_token_header')}
        <input data-testid={testIds.algodTokenHeader} value={endpoint.tokenHeader} onChange={(e) => edit('tokenHeader', e.target.value)} />
      </label>
      <label>
        {t('network_token')}
        <input data-testid={testIds.algodToken} type="password" value={endpoint.token} onChange={(e) => edit('token', e.target.value)} />
      </label>
      <div className="actions">
        <button type="button" className="primary" data-testid={testIds.saveNetwork} onClick={() => void save()}>
          {t('network_save')}
        </button>
      </div>
      {message && <p className="muted" data-testid={testIds.networkMessage}>{message}</p>}
    </section>
  );
}
