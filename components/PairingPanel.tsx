/** Pairing and connection status: the QR while pairing, the phone's state once paired. */
import type { ConnectionState } from '@/lib/liquid/types';
import type { PairingVerification } from '@/lib/storage/types';
import { CopyButton } from './CopyButton';
import { Countdown } from './Countdown';
import { QrCode } from './QrCode';
import { shortAddress, showsPairingQr } from './format';
import { testIds } from './test-ids';

const PHASE_TEXT: Record<ConnectionState['phase'], string> = {
  unpaired: 'Not paired',
  starting: 'Contacting the Liquid Auth server…',
  'waiting-for-scan': 'Waiting for your phone to scan',
  linked: 'Linked — waiting for your phone to connect',
  connecting: 'Connecting to your phone…',
  connected: 'Connected',
  'phone-offline': 'Phone offline',
  failed: 'Pairing failed',
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
}

export function PairingPanel({ connection, verification, onVerify, onPair, onRetry, onCancel }: PairingPanelProps) {
  const { phase, link, wallet, failure, linkExpiresAt, socket } = connection;
  const showQr = showsPairingQr(connection);
  return (
    <section className="panel" aria-live="polite">
      <div className="status-line" data-testid={testIds.connectionStatus} data-socket={socket}>
        <span className={`dot ${phase}`} aria-hidden="true" />
        <strong data-testid={testIds.connectionPhase} data-phase={phase}>
          {PHASE_TEXT[phase]}
        </strong>
        {socket === 'reconnecting' && <span className="muted"> · reconnecting to server</span>}
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
          {failure.message}
        </p>
      )}
      {phase === 'phone-offline' && <p className="muted">Open your wallet app and scan this code again to reconnect.</p>}
      {showQr && link && (
        <div className="qr">
          <QrCode text={link} linkTextId={PAIRING_LINK_ID} />
          <p className="row">
            <code id={PAIRING_LINK_ID} data-testid={testIds.pairingLink}>{link}</code>
            <CopyButton text={link} testId={testIds.copyLink} />
          </p>
          {linkExpiresAt && phase === 'waiting-for-scan' && (
            <p className="muted">
              New code in <Countdown until={linkExpiresAt} />
            </p>
          )}
        </div>
      )}
      <div className="actions">
        {phase === 'unpaired' && (
          <button type="button" className="primary" data-testid={testIds.pair} onClick={onPair}>
            Pair your phone
          </button>
        )}
        {phase === 'failed' && (
          <button type="button" className="primary" data-testid={testIds.retry} onClick={onRetry}>
            Try again
          </button>
        )}
        {(phase === 'waiting-for-scan' || phase === 'starting' || phase === 'linked') && (
          <button type="button" data-testid={testIds.cancelPairing} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </section>
  );
}

/** Whether the phone proved it holds the account, or the address rests on the server's word. */
function VerificationLine({ verification, connected, onVerify }: { verification: PairingVerification | null; connected: boolean; onVerify?: () => void }) {
  const state = verification?.state ?? 'unchecked';
  const retry = connected && onVerify && state !== 'checking' && state !== 'verified' && (
    <button type="button" className="link" data-testid={testIds.verifyAgain} onClick={onVerify}>
      Check again
    </button>
  );
  return (
    <p className={`verification ${state}`} data-testid={testIds.verification} data-state={state}>
      {verification?.state === 'verified' && `Verified: your phone proved it holds this account (${new Date(verification.at).toLocaleString()}).`}
      {state === 'checking' && 'Checking that your phone holds this account… confirm "Tandem pairing check" on your phone if it asks.'}
      {verification?.state === 'not-verified' && `Not verified: ${verification.reason}. This address rests on the server's word. `}
      {state === 'unchecked' && "Not verified yet: this address rests on the server's word. "}
      {retry}
    </p>
  );
}
