/**
 * A data-signing request: ARC-0060 signData ("Sign in to <domain>") or ARC-0027 sign_message.
 * Who asks, whether the domain is this page's, the data (pretty JSON, long values folded, inert),
 * the signer and scope, what the signature can and cannot be used for, then approve / reject.
 */
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
      {hidden > 0 && <p className="muted">{`… and ${hidden} more values`}</p>}
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
      <h2>{signData ? `Sign in to ${domain}` : 'Sign a message?'}</h2>
      <RequestOrigin origin={request.origin} embeddedIn={request.embeddedIn} />
      {signData && (
        <p className={matches ? 'muted' : 'warning-box'} data-testid={testIds.domainCheck}>
          {matches ? `${domain} matches this page` : `${domain} does not match this page`}
        </p>
      )}
      <dl className="kv">
        <dt>Signer</dt>
        <dd className="mono wrap" data-testid={testIds.dataSigner} title={request.signer}>
          {request.signer}
        </dd>
      </dl>
      <dl className="kv">
        <dt>Scope</dt>
        <dd>{signData ? 'Authentication (ARC-0060 AUTH)' : 'Message (ARC-0027)'}</dd>
      </dl>
      <DataView text={signData ? request.text : request.message} />
      <p className="muted" data-testid={testIds.dataUse}>
        {signData
          ? `Proves to ${domain} that you hold this account, for this sign-in only: the signature is bound to ${domain}. It cannot move funds, sign a transaction or a program, or sign you in anywhere else.`
          : 'Proves that you hold this account to anyone who has this message. It cannot move funds or sign a transaction or a program (message signatures carry the "MX" prefix, which transactions never do), but unlike a sign-in it is not bound to this site.'}
      </p>
      {waiting ? (
        <div className="waiting" data-testid={testIds.confirmOnPhone}>
          <p>
            <strong>Confirm on your phone.</strong>
          </p>
          {request.lastError && (
            <p className="error" role="alert" data-testid={testIds.requestError}>
              {request.lastError.message}
            </p>
          )}
          <p className="muted">{phoneReady ? 'Tandem sent the request to your phone.' : 'Your phone is offline: scan the code above to reconnect; the request will be sent again.'}</p>
          {request.deadlineAt !== undefined && (
            <p className="muted" data-testid={testIds.requestDeadline}>
              Times out in <Countdown until={request.deadlineAt} />
            </p>
          )}
          <button type="button" data-testid={testIds.cancelRequest} onClick={onReject}>
            Cancel
          </button>
        </div>
      ) : (
        <>
          {settling && <JustChanged />}
          <div className="actions">
            <BlockSiteButton onBlock={onBlock} />
            <button type="button" data-testid={testIds.reject} onClick={onReject}>
              Reject
            </button>
            <button type="button" className="primary" data-testid={testIds.approve} disabled={settling} onClick={onApprove}>
              {signData ? 'Sign in on phone' : 'Sign on phone'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
