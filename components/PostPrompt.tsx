/**
 * post_transactions: the site's own signed transactions, which Tandem sends to the network only
 * with the user's consent. Which network and node, every transaction decoded, and how each one is
 * authorized: a signature Tandem checked, or a LogicSig / multisig it passes on unchecked.
 */
import type { PostAuth } from '@/lib/algorand/post-checks';
import type { QueuedPost } from '@/lib/storage/types';
import { BlockSiteButton } from './BlockSiteButton';
import { JustChanged } from './JustChanged';
import { RequestOrigin } from './RequestOrigin';
import { TxnList } from './TxnList';
import { testIds } from './test-ids';
import { usePromptFocus } from './use-prompt-focus';

export interface PostPromptProps {
  request: QueuedPost;
  settling?: boolean;
  onApprove: () => void;
  onReject: () => void;
  onBlock: () => void;
}

export const AUTH_MARK: Record<PostAuth, string> = {
  signature: 'signature checked',
  logicsig: 'LogicSig: not checked by Tandem',
  multisig: 'multisig: not checked by Tandem',
};

export function PostPrompt({ request, settling = false, onApprove, onReject, onBlock }: PostPromptProps) {
  const heading = usePromptFocus();
  const count = request.descriptions.length;
  const unchecked = request.auth.filter((a) => a !== 'signature').length;
  const marks = Object.fromEntries(request.auth.map((a, i) => [i, AUTH_MARK[a]]));
  const { network, host } = request.target;
  return (
    <section className="panel prompt" data-testid={testIds.postPrompt} data-stage={request.stage}>
      <h2 tabIndex={-1} ref={heading}>{`Send ${count === 1 ? '1 signed transaction' : `${count} signed transactions`} to ${network}?`}</h2>
      <RequestOrigin origin={request.origin} embeddedIn={request.embeddedIn} />
      <p className="muted" data-testid={testIds.postTarget}>
        {`Already signed: your phone is not asked. Tandem sends them through ${host} and waits for the network to confirm them.`}
      </p>
      {unchecked > 0 && (
        <p className="warning-box" data-testid={testIds.postUnchecked}>
          {`${unchecked} of ${count} ${unchecked === 1 ? 'is' : 'are'} authorized by a LogicSig or a multisig, which Tandem does not check: the network does.`}
        </p>
      )}
      <TxnList descriptions={request.descriptions} warnings={[]} marks={marks} />
      {request.stage === 'posting' ? (
        <div className="waiting decision" aria-live="polite" data-testid={testIds.posting}>
          <p>
            <strong>{`Sending to ${network}…`}</strong>
          </p>
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
              {`Send to ${network}`}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
