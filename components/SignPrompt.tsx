/** A sign request: warnings first, totals, every transaction decoded, then approve / reject. */
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
}

export function SignPrompt({ request, phoneReady, settling = false, onApprove, onReject, onBlock, facts, onCheckWith = () => undefined }: SignPromptProps) {
  const heading = usePromptFocus();
  const { descriptions, warnings } = request;
  const toSign = descriptions.filter((d) => d.signer !== null).length;
  const waiting = request.stage === 'awaiting-phone';
  const wouldFail = facts?.state === 'ok' && facts.simulation.state === 'ok' && !facts.simulation.view.wouldSucceed;
  return (
    <section className="panel prompt" data-testid={testIds.signPrompt} data-stage={request.stage}>
      <h2 tabIndex={-1} ref={heading}>{`Sign ${descriptions.length === 1 ? 'a transaction' : `${descriptions.length} transactions`}?`}</h2>
      <RequestOrigin origin={request.origin} embeddedIn={request.embeddedIn} />
      <p className="muted" data-testid={testIds.signTotals}>{`${toSign} to sign with your phone · ${descriptions.length - toSign} signed by others · ${request.genesisId}`}</p>
      {request.post && (
        <p className="notice" data-testid={testIds.postTarget}>
          {`Once your phone signs, Tandem sends ${descriptions.length === 1 ? 'it' : 'them'} to ${request.post.network} through ${request.post.host}.`}
        </p>
      )}
      <SimulationFailure view={facts} />
      <WarningList warnings={warnings} />
      {facts && <NetworkFacts view={facts} onCheckWith={onCheckWith} />}
      <TxnList descriptions={descriptions} warnings={warnings} amounts={facts?.state === 'ok' ? facts.facts.amounts : undefined} />
      {request.stage === 'posting' ? (
        <div className="waiting decision" aria-live="polite" data-testid={testIds.posting}>
          <p>
            <strong>{`Signed. Sending to ${request.post?.network ?? request.genesisId}…`}</strong>
          </p>
        </div>
      ) : waiting ? (
        <div className="waiting decision" aria-live="polite" data-testid={testIds.confirmOnPhone}>
          <p>
            <strong>Confirm on your phone.</strong>
          </p>
          {request.lastError && (
            <p className="error" role="alert" data-testid={testIds.requestError}>
              {request.lastError.message}
            </p>
          )}
          <p className="muted">{phoneReady ? 'Tandem sent the request to your phone.' : 'Your phone is offline: scan the code above to reconnect; the request will be sent again.'}</p>
          {request.deadlineAt !== undefined && <Deadline at={request.deadlineAt} phoneReady={phoneReady} />}
          <button type="button" data-testid={testIds.cancelRequest} onClick={onReject}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="decision">
          {settling && <JustChanged />}
          <div className="actions">
            <BlockSiteButton onBlock={onBlock} />
            <button type="button" data-testid={testIds.reject} onClick={onReject}>
              Reject
            </button>
            <button type="button" className="primary" data-testid={testIds.approve} disabled={settling} onClick={onApprove}>
              {`${wouldFail ? 'Approve on phone anyway' : 'Approve on phone'}${request.post ? ' and send' : ''}`}
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
  const clock = new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <p className={phoneReady ? 'muted' : 'deadline-offline'} data-testid={testIds.requestDeadline} data-deadline-at={at}>
      {phoneReady ? 'Times out' : 'If your phone does not come back, Tandem answers the site with an error'} at <time dateTime={new Date(at).toISOString()}>{clock}</time> (in{' '}
      <Countdown until={at} />)
    </p>
  );
}
