/** "This site wants to connect": origin (trusted), name (page-supplied, inert), network, account. */
import { Words } from './Words';
import { t } from '@/lib/i18n';
import { networkByGenesisHash } from '@/lib/algorand/networks';
import type { QueuedConnect } from '@/lib/storage/types';
import { BlockSiteButton } from './BlockSiteButton';
import { AddressView } from './AddressView';
import { JustChanged } from './JustChanged';
import { MarkedText } from './MarkedText';
import { RequestOrigin } from './RequestOrigin';
import { testIds } from './test-ids';
import { usePromptFocus } from './use-prompt-focus';

export interface ConnectPromptProps {
  request: QueuedConnect;
  account: string | null;
  /** The request in view just changed (or the window just came up): Connect waits a moment. */
  settling?: boolean;
  onApprove: () => void;
  onReject: () => void;
  /** Refuse this site's requests from now on. */
  onBlock: () => void;
}

export function ConnectPrompt({ request, account, settling = false, onApprove, onReject, onBlock }: ConnectPromptProps) {
  const heading = usePromptFocus();
  const network = networkByGenesisHash(request.genesisHash)?.name ?? request.genesisId;
  return (
    <section className="panel prompt" data-testid={testIds.connectPrompt}>
      <h2 tabIndex={-1} ref={heading}>{t('connect_heading')}</h2>
      <RequestOrigin origin={request.origin} embeddedIn={request.embeddedIn} />
      {request.site.name && (
        <p className="muted site-name">
          <Words id="connect_calls_itself" parts={[<MarkedText key="name" text={request.site.name} />]} />
        </p>
      )}
      <dl>
        <dt>{t('common_network')}</dt>
        <dd data-testid={testIds.promptNetwork}>{network}</dd>
        <dt>{t('connect_account')}</dt>
        <dd className="mono" title={account ?? ''}>{account ? <AddressView address={account} /> : t('connect_pair_first')}</dd>
      </dl>
      <p className="muted">{t('connect_explainer')}</p>
      <div className="decision">
        {settling && <JustChanged />}
        <div className="actions">
          <BlockSiteButton onBlock={onBlock} />
          <button type="button" data-testid={testIds.reject} onClick={onReject}>
            {t('common_reject')}
          </button>
          <button type="button" className="primary" data-testid={testIds.approve} disabled={!account || settling} onClick={onApprove}>
            {t('connect_approve')}
          </button>
        </div>
      </div>
    </section>
  );
}
