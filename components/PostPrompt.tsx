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
import { t } from '@/lib/i18n';
import { formatCount } from '@/lib/algorand/format';

export interface PostPromptProps {
  request: QueuedPost;
  settling?: boolean;
  onApprove: () => void;
  onReject: () => void;
  onBlock: () => void;
}

const AUTH_MARK = { signature: 'post_auth_signature', logicsig: 'post_auth_logicsig', multisig: 'post_auth_multisig' } as const satisfies Record<PostAuth, string>;

export function PostPrompt({ request, settling = false, onApprove, onReject, onBlock }: PostPromptProps) {
  const heading = usePromptFocus();
  const count = request.descriptions.length;
  const unchecked = request.auth.filter((a) => a !== 'signature').length;
  const marks = Object.fromEntries(request.auth.map((a, i) => [i, t(AUTH_MARK[a])]));
  const { network, host } = request.target;
  return (
    <section className="panel prompt" data-testid={testIds.postPrompt} data-stage={request.stage}>
      <h2 tabIndex={-1} ref={heading}>{count === 1 ? t('post_heading_one', network) : t('post_heading_many', formatCount(count), network)}</h2>
      <RequestOrigin origin={request.origin} embeddedIn={request.embeddedIn} />
      <p className="muted" data-testid={testIds.postTarget}>
        {t('post_target', host)}
      </p>
      {unchecked > 0 && (
        <p className="warning-box" data-testid={testIds.postUnchecked}>
          {t(unchecked === 1 ? 'post_unchecked_one' : 'post_unchecked_many', formatCount(unchecked), formatCount(count))}
        </p>
      )}
      <TxnList descriptions={request.descriptions} warnings={[]} marks={marks} />
      {request.stage === 'posting' ? (
        <div className="waiting decision" aria-live="polite" data-testid={testIds.posting}>
          <p>
            <strong>{t('post_sending', network)}</strong>
          </p>
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
              {t('post_approve', network)}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
