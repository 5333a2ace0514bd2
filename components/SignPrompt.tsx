/** A sign request: warnings first, totals, every transaction decoded, then approve / reject. */
import type { ReactNode } from 'react';
import { t } from '@/lib/i18n';
import { formatCount } from '@/lib/algorand/format';
import { formatClock } from '@/lib/i18n/times';
import { Words } from './Words';
import type { QueuedSign } from '@/lib/storage/types';
import { Countdown } from './Countdown';
import { BlockSiteButton } from './BlockSiteButton';
import { TxnList } from './TxnList';
import { NetworkFacts, SimulationFailure, type FactsView } from './NetworkFacts';
import { WarningList } from './WarningList';
import { JustChanged } from './JustChanged';
import { RequestOrigin } from './RequestOrigin';
import { testIds } from './test-ids';
import { usePromptFocus } from './use-prompt-focus';

export interface SignPromptProps {
  request: QueuedSign;
  phoneReady: boolean;
  /** The request in view just changed (or the window just came up): Approve waits a moment. */
  settling?: boolean;
  onApprove: () => void;
  onReject: () => void;
  /** Refuse this site's requests from now on. */
  onBlock: () => void;
  /** What the network says (filled in after the request is painted); absent: not shown. */
  facts?: FactsView;
  onCheckWith?: (pattern: string) => void;
  /** Once approved, a request several phones sign: each phone's part (LegProgress). */
  progress?: ReactNode;
}

export function SignPrompt({ request, phoneReady, settling = false, onApprove, onReject, onBlock, facts, onCheckWith = () => undefined, progress }: SignPromptProps) {
  const heading = usePromptFocus();
  const { descriptions, warnings } = request;
  const toSign = descriptions.filter((d) => d.signer !== null).length;
  const waiting = request.stage === 'awaiting-phone';
  const wouldFail = facts?.state === 'ok' && facts.simulation.state === 'ok' && !facts.simulation.view.wouldSucceed;
  return (
    <section className="panel prompt" data-testid={testIds.signPrompt} data-stage={request.stage}>
      <h2 tabIndex={-1} ref={heading}>{descriptions.length === 1 ? t('sign_heading_one') : t('sign_heading_many', formatCount(descriptions.length))}</h2>
      <RequestOrigin origin={request.origin} embeddedIn={request.embeddedIn} />
      <p className="muted" data-testid={testIds.signTotals}>{t('sign_totals', formatCount(toSign), formatCount(descriptions.length - toSign), request.genesisId)}</p>
      {request.post && (
        <p className="notice" data-testid={testIds.postTarget}>
          {t(descriptions.length === 1 ? 'sign_post_notice_one' : 'sign_post_notice_many', request.post.network, request.post.host)}
        </p>
      )}
      <SimulationFailure view={facts} />
      <WarningList warnings={warnings} />
      {facts && <NetworkFacts view={facts} onCheckWith={onCheckWith} />}
      <TxnList descriptions={descriptions} warnings={warnings} amounts={facts?.state === 'ok' ? facts.facts.amounts : undefined} />
      {request.stage === 'posting' ? (
        <div className="waiting decision" aria-live="polite" data-testid={testIds.posting}>
          <p>
            <strong>{t('sign_posting', request.post?.network ?? request.genesisId)}</strong>
          </p>
        </div>
      ) : waiting ? (
        <div className="waiting decision" aria-live="polite" data-testid={testIds.confirmOnPhone}>
          <p>
            <strong>{t('sign_confirm_on_phone')}</strong>
          </p>
          {progress}
          {request.lastError && (
            <p className="error" role="alert" data-testid={testIds.requestError}>
              {request.lastError.message}
            </p>
          )}
          <p className="muted">{phoneReady ? t('sign_sent_to_phone') : t('sign_phone_offline')}</p>
          {request.deadlineAt !== undefined && <Deadline at={request.deadlineAt} phoneReady={phoneReady} />}
          <button type="button" data-testid={testIds.cancelRequest} onClick={onReject}>
            {t('common_cancel')}
          </button>
        </div>
      ) : (
        <div className="decision">
          {settling && <JustChanged />}
          <div className="actions">
            <BlockSiteButton onBlock={onBlock} />
            <button type="button" data-testid={testIds.reject} onClick={onReject}>
              {t('common_reject')}
            </button>
            <button type="button" className="primary" data-testid={testIds.approve} disabled={settling} onClick={onApprove}>
              {request.post ? (wouldFail ? t('sign_approve_anyway_and_send') : t('sign_approve_and_send')) : wouldFail ? t('sign_approve_anyway') : t('sign_approve')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * When the site gets an error if the phone does not answer: the clock time and the time left. Said
 * plainly while the phone is offline, when the user may want to reconnect it before then.
 */
function Deadline({ at, phoneReady }: { at: number; phoneReady: boolean }) {
  const clock = formatClock(at);
  return (
    <p className={phoneReady ? 'muted' : 'deadline-offline'} data-testid={testIds.requestDeadline} data-deadline-at={at}>
      <Words
        id={phoneReady ? 'deadline_times_out_at' : 'deadline_offline_at'}
        parts={[
          <time key="clock" dateTime={new Date(at).toISOString()}>
            {clock}
          </time>,
          <Countdown key="left" until={at} />,
        ]}
      />
    </p>
  );
}
