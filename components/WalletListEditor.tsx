/**
 * Settings' wallet list: the known wallets (from the build, read-only, each with its server and
 * whether a real phone has paired through it) and the wallet apps the user added, editable. The
 * pairing screen's wallet step offers both.
 */
import { useState } from 'react';
import type { KnownWallet } from '@/lib/liquid/known-wallets';
import { originOf } from '@/lib/liquid/server-origin';
import type { Reply } from '@/lib/messaging/result';
import type { CustomWallet } from '@/lib/storage/types';
import { testIds } from './test-ids';

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
        setMessage(`Not saved: each wallet app needs a name and its server's https address${row.name.trim() ? `; check ${row.name.trim()}` : ''}.`);
        return;
      }
      wallets.push({ id: row.id, name: row.name.trim(), server });
    }
    const reply = await onSave(wallets);
    setMessage(reply.ok ? 'Wallet apps saved.' : `Not saved: ${reply.error.message}`);
  };
  return (
    <div className="wallet-list" data-testid={testIds.walletList}>
      <h2>Wallet apps</h2>
      <p className="muted">The pairing screen offers these. Each wallet app pairs only through its own Liquid Auth server.</p>
      <ul className="wallet-options">
        {known.map((w) => (
          <li key={w.id} title={w.source}>
            <strong>{w.name}</strong>
            {!w.verified && <span className="tag">unverified</span>}
            <br />
            <span className="muted mono">{w.server}</span>
          </li>
        ))}
        {rows.map((row, index) => (
          <li key={row.id} className="custom-wallet" data-testid={testIds.customWallet}>
            <input aria-label="Wallet app name" data-testid={testIds.customWalletName} value={row.name} placeholder="Name" onChange={(e) => edit(index, { name: e.target.value })} />
            <button type="button" className="small" data-testid={testIds.removeWallet} onClick={() => setRows((list) => list.filter((_, i) => i !== index))}>
              Remove
            </button>
            <input aria-label="Its Liquid Auth server" data-testid={testIds.customWalletServer} value={row.server} placeholder="https://liquid.example.com" onChange={(e) => edit(index, { server: e.target.value })} />
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" data-testid={testIds.addWallet} onClick={() => setRows((list) => [...list, { id: `added-${Date.now().toString(36)}`, name: '', server: '' }])}>
          Add a wallet app
        </button>
        <button type="button" className="primary" data-testid={testIds.saveWallets} onClick={() => void save()}>
          Save wallet apps
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
