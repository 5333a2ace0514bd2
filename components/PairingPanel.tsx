/** Pairing and connection status: the QR while pairing, the phone's state once paired. */
import { wordMessage } from '@/lib/i18n/words';
import type { ReactNode } from 'react';
import { t, type MessageKey } from '@/lib/i18n';
import { formatMoment } from '@/lib/i18n/times';
import { Words } from './Words';
import type { ConnectionState } from '@/lib/liquid/types';
import type { PairingVerification } from '@/lib/storage/types';
import { CopyButton } from './CopyButton';
import { failureText } from './failure-text';
import { Countdown } from './Countdown';
import { QrCode } from './QrCode';
import { shortAddress, showsPairingQr } from './format';
import { testIds } from './test-ids';

/** Each phase in words (the phones list says the same for each phone). */
export const PHASE_TEXT: Record<ConnectionState['phase'], MessageKey> = {
  unpaired: 'phase_unpaired',
  starting: 'phase_starting',
  'waiting-for-scan': 'phase_waiting_for_scan',
  linked: 'phase_linked',
  connecting: 'phase_connecting',
  connected: 'phase_connected',
  'phone-offline': 'phase_phone_offline',
  failed: 'phase_failed',
};

/** The link text's element id, which the QR code's description points to. */
const PAIRING_LINK_ID = 'pairing-link-text';

export interface PairingPanelProps {
  connection: ConnectionState;
  /** What the phone proved about the account (absent while unpaired). */
  verification?: PairingVerification | null;
  /** Ask the phone to prove its account again. */
  onVerify?: () => void;
  onPair: () => void;
  onRetry: () => void;
  onCancel: () => void;
  /** The wallet app whose server this pairing goes through, when known (it names a refusing server). */
  walletName?: string;
  /** Back to the wallet step (offered when a first pairing failed). */
  onChooseWallet?: () => void;
  /** Cancel is offered in every phase, not only while waiting (another phone's attempt: back to the phones). */
  cancelable?: boolean;
  /** A heading above the status, when the panel needs one to say what it is for (another phone's pairing). */
  heading?: string;
  /** Below the actions, inside the panel (e.g. "Pair another phone"). */
  children?: ReactNode;
}

export function PairingPanel({ connection, verification, onVerify, onPair, onRetry, onCancel, onChooseWallet, walletName, cancelable = false, heading, children }: PairingPanelProps) {
  const { phase, link, wallet, failure, linkExpiresAt, socket } = connection;
  const showQr = showsPairingQr(connection);
  // Start-up stopped (stored-state.ts): nothing here can work until Tandem is fixed, so nothing is offered.
  const stopped = failure?.reason === 'stored-state';
  return (
    <section className="panel" aria-live="polite">
      {heading && <h2>{heading}</h2>}
      <div className="status-line" data-testid={testIds.connectionStatus} data-socket={socket}>
        <span className={`dot ${phase}`} aria-hidden="true" />
        <strong data-testid={testIds.connectionPhase} data-phase={phase}>
          {t(stopped ? 'status_stopped' : PHASE_TEXT[phase])}
        </strong>
        {socket === 'reconnecting' && <span className="muted">{t('pairing_socket_reconnecting')}</span>}
      </div>
      {wallet && (
        <p className="row">
          <span className="mono" data-testid={testIds.walletAddress} title={wallet}>
            {shortAddress(wallet)}
          </span>
          <CopyButton text={wallet} testId={testIds.copyAddress} />
        </p>
      )}
      {wallet && <VerificationLine verification={verification?.wallet === wallet ? verification : null} connected={phase === 'connected'} onVerify={onVerify} />}
      {failure && (
        <p className="error" role="alert" data-testid={testIds.failure} data-reason={failure.reason}>
          {failureText(failure, walletName)}
        </p>
      )}
      {phase === 'phone-offline' && <p className="muted">{t('pairing_scan_again')}</p>}
      {showQr && link && (
        <div className="qr">
          <QrCode text={link} linkTextId={PAIRING_LINK_ID} />
          <p className="row">
            <code id={PAIRING_LINK_ID} data-testid={testIds.pairingLink}>{link}</code>
            <CopyButton text={link} testId={testIds.copyLink} />
          </p>
          {linkExpiresAt && phase === 'waiting-for-scan' && (
            <p className="muted">
              <Words id="pairing_new_code_in" parts={[<Countdown key="left" until={linkExpiresAt} />]} />
            </p>
          )}
        </div>
      )}
      <div className="actions">
        {phase === 'unpaired' && (
          <button type="button" className="primary" data-testid={testIds.pair} onClick={onPair}>
            {t('pairing_pair')}
          </button>
        )}
        {phase === 'failed' && !stopped && onChooseWallet && (
          <button type="button" data-testid={testIds.chooseWallet} onClick={onChooseWallet}>
            {t('pairing_choose_wallet')}
          </button>
        )}
        {phase === 'failed' && !stopped && (
          <button type="button" className="primary" data-testid={testIds.retry} onClick={onRetry}>
            {t('pairing_retry')}
          </button>
        )}
        {(phase === 'waiting-for-scan' || phase === 'starting' || phase === 'linked' || (cancelable && phase !== 'unpaired')) && (
          <button type="button" data-testid={testIds.cancelPairing} onClick={onCancel}>
            {t('common_cancel')}
          </button>
        )}
      </div>
      {children}
    </section>
  );
}

/** Whether the phone proved it holds the account, or the address rests on the server's word. */
export function VerificationLine({ verification, connected, onVerify }: { verification: PairingVerification | null; connected: boolean; onVerify?: () => void }) {
  const state = verification?.state ?? 'unchecked';
  const retry = connected && onVerify && state !== 'checking' && state !== 'verified' && (
    <button type="button" className="link" data-testid={testIds.verifyAgain} onClick={onVerify}>
      {t('pairing_check_again')}
    </button>
  );
  return (
    <p className={`verification ${state}`} data-testid={testIds.verification} data-state={state}>
      {verification?.state === 'verified' && t('pairing_verified', formatMoment(verification.at))}
      {state === 'checking' && t('pairing_checking')}
      {verification?.state === 'not-verified' && t('pairing_not_verified', wordMessage(verification.reason))}
      {state === 'unchecked' && t('pairing_unchecked')}
      {retry}
    </p>
  );
}
