/**
 * The paired phones, when there are several (#16): one row each with its name, account and link
 * state, its own re-scan QR when it needs one, Retry when its link failed, and Unpair (asked twice:
 * its accounts leave every site). "Pair another phone" goes under the list, up to the limit.
 */
import { useState, type ReactNode } from 'react';
import { t } from '@/lib/i18n';
import { formatCount } from '@/lib/algorand/format';
import type { ConnectionState, Pairing } from '@/lib/liquid/types';
import type { PairingVerification } from '@/lib/storage/types';
import { MAX_PAIRINGS } from '@/lib/peer/peer-links';
import { CopyButton } from './CopyButton';
import { PHASE_TEXT, VerificationLine } from './PairingPanel';
import { QrCode } from './QrCode';
import { failureText } from './failure-text';
import { shortAddress, showsPairingQr } from './format';
import { testIds } from './test-ids';

/** One paired phone as the list shows it. */
export interface PhoneEntry {
  pairing: Pairing;
  name: string;
  state: ConnectionState;
  verification: PairingVerification | null;
}

export interface PhonesListProps {
  phones: PhoneEntry[];
  onRetry: (requestId: string) => void;
  onUnpair: (requestId: string) => void;
  onVerify: (requestId: string) => void;
  /** Below the list, inside its panel ("Pair another phone"). */
  children?: ReactNode;
}

export function PhonesList({ phones, onRetry, onUnpair, onVerify, children }: PhonesListProps) {
  return (
    <section className="panel" aria-live="polite">
      <h2>{t('phones_heading')}</h2>
      <ul className="phones" data-testid={testIds.phonesList}>
        {phones.map((phone) => (
          <PhoneRow key={phone.pairing.requestId} phone={phone} onRetry={onRetry} onUnpair={onUnpair} onVerify={onVerify} />
        ))}
      </ul>
      {children}
    </section>
  );
}

function PhoneRow({ phone, onRetry, onUnpair, onVerify }: { phone: PhoneEntry } & Omit<PhonesListProps, 'phones' | 'children'>) {
  const { pairing, name, state, verification } = phone;
  const { requestId, wallet } = pairing;
  const [confirming, setConfirming] = useState(false);
  // Start-up stopped (stored-state.ts): nothing can work until Tandem is fixed, so no Retry.
  const stopped = state.failure?.reason === 'stored-state';
  const linkId = `phone-link-${requestId}`;
  return (
    <li data-testid={testIds.phoneRow} data-request-id={requestId} data-phase={state.phase}>
      <div className="account-head">
        <strong className="site-name" data-testid={testIds.phoneName}>
          {name}
        </strong>
        {!confirming && (
          <button type="button" className="small" data-testid={testIds.phoneUnpair} aria-label={t('phones_unpair_named', name)} onClick={() => setConfirming(true)}>
            {t('phones_unpair')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm-unpair">
          <p role="alert">{t('phones_unpair_question', name)}</p>
          <div className="actions">
            <button type="button" className="small" data-testid={testIds.phoneUnpairCancel} onClick={() => setConfirming(false)}>
              {t('common_cancel')}
            </button>
            <button type="button" className="small danger" data-testid={testIds.phoneUnpairConfirm} onClick={() => (setConfirming(false), onUnpair(requestId))}>
              {t('phones_unpair_confirm')}
            </button>
          </div>
        </div>
      )}
      <div className="account-meta">
        <span className="mono" title={wallet}>
          {shortAddress(wallet)}
        </span>
        <CopyButton text={wallet} />
      </div>
      <div className="account-meta" data-socket={state.socket}>
        <span className={`dot ${state.phase}`} aria-hidden="true" />
        {/* A paired phone whose link failed is not connected; "Pairing failed" would read as if it were never paired. */}
        {t(stopped ? 'status_stopped' : state.phase === 'failed' ? 'chip_failed' : PHASE_TEXT[state.phase])}
        {state.socket === 'reconnecting' && <span className="muted">{t('pairing_socket_reconnecting')}</span>}
      </div>
      <VerificationLine verification={verification?.wallet === wallet ? verification : null} connected={state.phase === 'connected'} onVerify={() => onVerify(requestId)} />
      {state.failure && (
        <p className="error" role="alert" data-reason={state.failure.reason}>
          {failureText(state.failure)}
        </p>
      )}
      {showsPairingQr(state) && state.link && (
        <div className="qr">
          {state.phase === 'phone-offline' && <p className="muted">{t('pairing_scan_again')}</p>}
          <QrCode text={state.link} linkTextId={linkId} size={180} alt={t('phones_qr_alt', name)} />
          <p className="row">
            <code id={linkId} data-testid={testIds.phoneLink}>
              {state.link}
            </code>
            <CopyButton text={state.link} testId={testIds.copyPhoneLink} />
          </p>
        </div>
      )}
      {state.phase === 'failed' && !stopped && (
        <div className="actions">
          <button type="button" className="primary small" data-testid={testIds.phoneRetry} onClick={() => onRetry(requestId)}>
            {t('pairing_retry')}
          </button>
        </div>
      )}
    </li>
  );
}

/** "Pair another phone" while there is room for one more, else the limit. */
export function PairAnother({ paired, onPair }: { paired: number; onPair: () => void }) {
  if (paired >= MAX_PAIRINGS) {
    return (
      <p className="muted pair-another" data-testid={testIds.pairingLimit}>
        {t('phones_limit', formatCount(MAX_PAIRINGS))}
      </p>
    );
  }
  return (
    <div className="actions pair-another">
      <button type="button" data-testid={testIds.pairAnother} onClick={onPair}>
        {t('phones_pair_another')}
      </button>
    </div>
  );
}
