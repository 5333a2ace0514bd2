/**
 * A data-signing request: ARC-0060 signData ("Sign in to <domain>") or ARC-0027 sign_message.
 * Who asks, whether the domain is this page's, the data (pretty JSON, long values folded, inert),
 * the signer and scope, what the signature can and cannot be used for, then approve / reject.
 */
import { t } from '@/lib/i18n';
import { formatCount } from '@/lib/algorand/format';
import { Words } from './Words';
import type { QueuedDataSign } from '@/lib/storage/types';
import { BlockSiteButton } from './BlockSiteButton';
import { Countdown } from './Countdown';
import { dataRows } from './data-display';
import { JustChanged } from './JustChanged';
import { RequestOrigin } from './RequestOrigin';
import { testIds } from './test-ids';

export interface DataSignPromptProps {
  request: QueuedDataSign;
  phoneReady: boolean;
  settling?: boolean;
  onApprove: () => void;
  onReject: () => void;
  onBlock: () => void;
}

const hostOf = (origin: string) => {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
};

function DataView({ text }: { text: string }) {
  const { rows, hidden } = dataRows(text);
  return (
    <div className="data-view mono" data-testid={testIds.signedData}>
      {rows.map((row, i) => (
        <div key={i} className="data-row" style={{ paddingLeft: `${row.depth * 12}px` }}>
          {row.label && <span className="data-key">{`${row.label}: `}</span>}
          {row.full ? (
            <details>
              <summary data-testid={testIds.foldedValue}>{row.value}</summary>
              {row.full}
            </details>
          ) : (
            <span>{row.value}</span>
          )}
        </div>
      ))}
      {hidden > 0 && <p className="muted">{t('data_more_values', formatCount(hidden))}</p>}
    </div>
  );
}

export function DataSignPrompt({ request, phoneReady, settling = false, onApprove, onReject, onBlock }: DataSignPromptProps) {
  const signData = request.method === 'sign_data';
  const domain = signData ? (request.request.domain ?? '') : '';
  const matches = signData && domain === hostOf(request.origin);
  const waiting = request.stage === 'awaiting-phone';
  return (
    <section className="panel prompt" data-testid={testIds.dataPrompt} data-method={request.method} data-stage={request.stage}>
      <h2>{signData ? t('data_heading_sign_in', domain) : t('data_heading_message')}</h2>
      <RequestOrigin origin={request.origin} embeddedIn={request.embeddedIn} />
      {signData && (
        <p className={matches ? 'muted' : 'warning-box'} data-testid={testIds.domainCheck}>
          {matches ? t('data_domain_matches', domain) : t('data_domain_differs', domain)}
        </p>
      )}
      <dl className="kv">
        <dt>{t('data_signer')}</dt>
        <dd className="mono wrap" data-testid={testIds.dataSigner} title={request.signer}>
          {request.signer}
        </dd>
      </dl>
      <dl className="kv">
        <dt>{t('data_scope')}</dt>
        <dd>{signData ? t('data_scope_auth') : t('data_scope_message')}</dd>
      </dl>
      <DataView text={signData ? request.text : request.message} />
      <p className="muted" data-testid={testIds.dataUse}>
        {signData ? t('data_use_sign_in', domain) : t('data_use_message')}
      </p>
      {waiting ? (
        <div className="waiting" data-testid={testIds.confirmOnPhone}>
          <p>
            <strong>{t('sign_confirm_on_phone')}</strong>
          </p>
          {request.lastError && (
            <p className="error" role="alert" data-testid={testIds.requestError}>
              {request.lastError.message}
            </p>
          )}
          <p className="muted">{phoneReady ? t('sign_sent_to_phone') : t('sign_phone_offline')}</p>
          {request.deadlineAt !== undefined && (
            <p className="muted" data-testid={testIds.requestDeadline}>
              <Words id="deadline_times_out_in" parts={[<Countdown key="left" until={request.deadlineAt} />]} />
            </p>
          )}
          <button type="button" data-testid={testIds.cancelRequest} onClick={onReject}>
            {t('common_cancel')}
          </button>
        </div>
      ) : (
        <>
          {settling && <JustChanged />}
          <div className="actions">
            <BlockSiteButton onBlock={onBlock} />
            <button type="button" data-testid={testIds.reject} onClick={onReject}>
              {t('common_reject')}
            </button>
            <button type="button" className="primary" data-testid={testIds.approve} disabled={settling} onClick={onApprove}>
              {signData ? t('data_approve_sign_in') : t('data_approve_message')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
