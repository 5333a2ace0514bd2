/**
 * Settings' wallet list: the known wallets (from the build, read-only, each with its server and
 * whether a real phone has paired through it) and the wallet apps the user added, editable. The
 * pairing screen's wallet step offers both.
 */
import { t } from '@/lib/i18n';
import { useState } from 'react';
import type { KnownWallet } from '@/lib/liquid/known-wallets';
import { originOf } from '@/lib/liquid/server-origin';
import type { Reply } from '@/lib/messaging/result';
import type { CustomWallet } from '@/lib/storage/types';
import { testIds } from './test-ids';

/** An address, the same in every language (the example the manifest test explains). */
const EXAMPLE_SERVER = 'https://liquid.example.com';

export interface WalletListEditorProps {
  known: readonly KnownWallet[];
  custom: readonly CustomWallet[];
  onSave: (wallets: CustomWallet[]) => Promise<Reply<{ wallets: CustomWallet[] }>>;
}

export function WalletListEditor({ known, custom, onSave }: WalletListEditorProps) {
  const [rows, setRows] = useState<CustomWallet[]>(() => [...custom]);
  const [message, setMessage] = useState<string | null>(null);
  const edit = (index: number, patch: Partial<CustomWallet>) => setRows((list) => list.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const save = async () => {
    const wallets: CustomWallet[] = [];
    for (const row of rows) {
      const server = originOf(row.server.trim());
      if (!row.name.trim() || !server) {
        setMessage(row.name.trim() ? t('wallets_need_name_check', row.name.trim()) : t('wallets_need_name'));
        return;
      }
      wallets.push({ id: row.id, name: row.name.trim(), server });
    }
    const reply = await onSave(wallets);
    setMessage(reply.ok ? t('wallets_saved') : t('common_not_saved', reply.error.message));
  };
  return (
    <div className="wallet-list" data-testid={testIds.walletList}>
      <h2>{t('wallets_heading')}</h2>
      <p className="muted">{t('wallets_explainer')}</p>
      <ul className="wallet-options">
        {known.map((w) => (
          <li key={w.id} title={w.source}>
            <strong>{w.name}</strong>
            {!w.verified && <span className="tag">{t('common_unverified')}</span>}
            <br />
            <span className="muted mono">{w.server}</span>
          </li>
        ))}
        {rows.map((row, index) => (
          <li key={row.id} className="custom-wallet" data-testid={testIds.customWallet}>
            <input aria-label={t('wallets_name_label')} data-testid={testIds.customWalletName} value={row.name} placeholder={t('wallets_name_placeholder')} onChange={(e) => edit(index, { name: e.target.value })} />
            <button type="button" className="small" data-testid={testIds.removeWallet} onClick={() => setRows((list) => list.filter((_, i) => i !== index))}>
              {t('wallets_remove')}
            </button>
            <input aria-label={t('wallets_server_label')} data-testid={testIds.customWalletServer} value={row.server} placeholder={EXAMPLE_SERVER} onChange={(e) => edit(index, { server: e.target.value })} />
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" data-testid={testIds.addWallet} onClick={() => setRows((list) => [...list, { id: `added-${Date.now().toString(36)}`, name: '', server: '' }])}>
          {t('wallets_add')}
        </button>
        <button type="button" className="primary" data-testid={testIds.saveWallets} onClick={() => void save()}>
          {t('wallets_save')}
        </button>
      </div>
      {message && (
        <p className="muted" data-testid={testIds.walletListMessage}>
          {message}
        </p>
      )}
    </div>
  );
}
