/**
 * "Which wallet app?": the step before the pairing QR. Each wallet app pairs only through its own
 * Liquid Auth server (a phone's passkey belongs to that server's domain), so the QR must come from
 * the server of the app on the user's phone. The host permission for the chosen server is asked for
 * here, in the click (Firefox refuses a permission request after an await), one host only.
 */
import { t } from '@/lib/i18n';
import { useState } from 'react';
import { OTHER_SERVER, initialChoice } from '@/lib/liquid/wallet-options';
import type { KnownWallet } from '@/lib/liquid/known-wallets';
import { originOf } from '@/lib/liquid/server-origin';
import type { Reply } from '@/lib/messaging/result';
import type { WalletChoice } from '@/lib/storage/types';
import { testIds } from './test-ids';

/** An address, the same in every language (the example the manifest test explains). */
const EXAMPLE_SERVER = 'https://liquid.example.com';

export interface WalletStepProps {
  options: readonly KnownWallet[];
  remembered: WalletChoice | null;
  /** Settings' server: preselected when nothing was chosen before. */
  fallbackServer: string;
  /** Asks for the server's host permission; must be called synchronously in the click. */
  requestServerAccess: (serverUrl: string) => Promise<boolean>;
  /** Remembers the choice (the background links the next pairing through its server). */
  onChoose: (choice: WalletChoice) => Promise<Reply<Record<string, never>>>;
  /** The choice is remembered and its server allowed: show the QR. */
  onStart: () => void;
  onCancel: () => void;
}

export function WalletStep({ options, remembered, fallbackServer, requestServerAccess, onChoose, onStart, onCancel }: WalletStepProps) {
  const [initial] = useState(() => initialChoice(options, remembered, fallbackServer));
  const [walletId, setWalletId] = useState(initial.walletId);
  const [otherServer, setOtherServer] = useState(initial.walletId === OTHER_SERVER ? initial.server : '');
  const [message, setMessage] = useState<string | null>(null);
  const chosen = options.find((w) => w.id === walletId);

  const start = () => {
    const server = chosen ? chosen.server : originOf(otherServer.trim());
    if (!server) {
      setMessage(t('wallet_step_enter_server'));
      return;
    }
    // Both before the first await: the permission request needs the click's user activation.
    const access = requestServerAccess(server);
    const remembering = onChoose({ walletId: chosen?.id ?? OTHER_SERVER, server });
    void Promise.all([access, remembering]).then(([granted, reply]) => {
      if (!reply.ok) setMessage(reply.error.message);
      else if (!granted) setMessage(refusal(chosen?.name, server));
      else onStart();
    });
  };

  return (
    <section className="panel wallet-step" data-testid={testIds.walletStep}>
      <h2>{t('wallet_step_heading')}</h2>
      <p className="muted">{t('wallet_step_explainer')}</p>
      <ul className="wallet-options">
        {options.map((w) => (
          <li key={w.id}>
            <label>
              <input type="radio" name="wallet" data-testid={testIds.walletOption} data-wallet-id={w.id} checked={walletId === w.id} onChange={() => setWalletId(w.id)} />
              <span>
                <strong>{w.name}</strong>
                {!w.verified && <span className="tag" title={t('common_unverified_title')}>
                    {t('common_unverified')}
                  </span>}
                <br />
                <span className="muted mono">{w.server}</span>
              </span>
            </label>
          </li>
        ))}
        <li>
          <label>
            <input type="radio" name="wallet" data-testid={testIds.walletOption} data-wallet-id={OTHER_SERVER} checked={walletId === OTHER_SERVER} onChange={() => setWalletId(OTHER_SERVER)} />
            <span>
              <strong>{t('wallet_step_other')}</strong>
            </span>
          </label>
          {walletId === OTHER_SERVER && (
            <input data-testid={testIds.otherServer} aria-label={t('wallet_step_server_label')} value={otherServer} placeholder={EXAMPLE_SERVER} onChange={(e) => setOtherServer(e.target.value)} />
          )}
        </li>
      </ul>
      {message && (
        <p className="error" role="alert" data-testid={testIds.walletMessage}>
          {message}
        </p>
      )}
      <div className="actions">
        <button type="button" data-testid={testIds.walletCancel} onClick={onCancel}>
          {t('common_cancel')}
        </button>
        <button type="button" className="primary" data-testid={testIds.walletContinue} onClick={start}>
          {t('wallet_step_show_qr')}
        </button>
      </div>
    </section>
  );
}

/** What a refused (or impossible) host permission means for this pairing. */
function refusal(name: string | undefined, server: string): string {
  const host = new URL(server).host;
  if (new URL(server).protocol !== 'https:' && !name) return t('wallet_step_https_only', server);
  return name ? t('wallet_step_not_allowed_named', name, host) : t('wallet_step_not_allowed', host);
}
