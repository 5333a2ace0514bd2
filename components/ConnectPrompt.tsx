/** "This site wants to connect": origin (trusted), name (page-supplied, inert), network, the accounts it gets. */
import { useState } from 'react';
import type { Account } from '@/lib/accounts/accounts';
import { AccountChooser } from './AccountChooser';
import { Words } from './Words';
import { t } from '@/lib/i18n';
import { networkByGenesisHash } from '@/lib/algorand/networks';
import type { QueuedConnect } from '@/lib/storage/types';
import { BlockSiteButton } from './BlockSiteButton';
import { JustChanged } from './JustChanged';
import { MarkedText } from './MarkedText';
import { RequestOrigin } from './RequestOrigin';
import { testIds } from './test-ids';
import { usePromptFocus } from './use-prompt-focus';

export interface ConnectPromptProps {
  request: QueuedConnect;
  /** Every account Tandem can offer, in the list's order; empty while unpaired. */
  accounts: Account[];
  /** What the chooser starts with: the accounts last shared with the site, else the first. */
  defaultChosen: string[];
  /** The request in view just changed (or the window just came up): Connect waits a moment. */
  settling?: boolean;
  onApprove: (accounts: string[]) => void;
  onReject: () => void;
  /** Refuse this site's requests from now on. */
  onBlock: () => void;
}

export function ConnectPrompt({ request, accounts, defaultChosen, settling = false, onApprove, onReject, onBlock }: ConnectPromptProps) {
  // Until the user ticks a box, the choice follows the default (the pairing may land while the prompt shows).
  const [picked, setPicked] = useState<string[] | null>(null);
  const chosen = picked ?? defaultChosen;
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
      </dl>
      {accounts.length > 0 ? <AccountChooser accounts={accounts} chosen={chosen} onChange={setPicked} idPrefix={`connect-${request.key}`} /> : <p className="muted">{t('connect_pair_first')}</p>}
      <p className="muted">{t('connect_explainer_accounts')}</p>
      <div className="decision">
        {settling && <JustChanged />}
        <div className="actions">
          <BlockSiteButton onBlock={onBlock} />
          <button type="button" data-testid={testIds.reject} onClick={onReject}>
            {t('common_reject')}
          </button>
          <button type="button" className="primary" data-testid={testIds.approve} disabled={chosen.length === 0 || settling} onClick={() => onApprove(chosen)}>
            {t('connect_approve')}
          </button>
        </div>
      </div>
    </section>
  );
}
