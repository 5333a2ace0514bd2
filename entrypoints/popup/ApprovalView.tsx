/**
 * The approval window: one request at a time (oldest first), after pairing when needed.
 * Container: picks the request and makes the decisions; the prompts only render.
 */
import { t } from '@/lib/i18n';
import { formatCount } from '@/lib/algorand/format';
import { useState } from 'react';
import { AppHeader } from '@/components/AppHeader';
import { PairingPanel } from '@/components/PairingPanel';
import { ConnectPrompt } from '@/components/ConnectPrompt';
import { SignPrompt } from '@/components/SignPrompt';
import { DataSignPrompt } from '@/components/DataSignPrompt';
import type { QueuedRequest } from '@/lib/storage/types';
import { isOpenRequest } from '@/components/requests';
import { useView } from './store';
import { useFitWindow } from './use-fit-window';
import { useSettling } from './use-settling';
import { useNetworkFacts } from './use-network-facts';
import { send } from './send';
import { testIds } from '@/components/test-ids';
import { markHop } from '@/lib/perf/hop-marks';

export function ApprovalView() {
  const { connection, queue, pairing } = useView();
  const [error, setError] = useState<string | null>(null);
  const open = queue.filter(isOpenRequest);
  const current: QueuedRequest | undefined = open[0];
  const decide = (kind: 'request/approve' | 'request/reject', key: string) => {
    if (kind === 'request/approve') markHop('windowApproveClicked');
    void send(kind, { key }).then((r) => setError(r.ok ? null : r.error.message));
  };
  const block = (origin: string) => void send('sites/block', { origin }).then((r) => setError(r.ok ? null : r.error.message));
  const needsPhone = !pairing || connection.phase !== 'connected';
  const settling = useSettling(current?.key);
  useFitWindow();
  const facts = useNetworkFacts(current?.method === 'sign_transactions' ? current.key : undefined);
  return (
    <main className="approval">
      <AppHeader phase={connection.phase}>
        <span role="status" className="muted">
          {open.length > 1 && <span data-testid={testIds.pendingCount}>{t('approval_waiting', formatCount(open.length))}</span>}
        </span>
        {open.length > 1 && (
          <button type="button" data-testid={testIds.rejectAll} onClick={() => void send('request/reject-all', {}).then((r) => setError(r.ok ? null : r.error.message))}>
            {t('approval_reject_all')}
          </button>
        )}
      </AppHeader>
      {error && <p className="error" role="alert" data-testid={testIds.approvalError}>{error}</p>}
      {needsPhone && (
        <PairingPanel
          connection={connection}
          onPair={() => void send('pairing/start', {})}
          onRetry={() => void send('pairing/start', { fresh: !pairing || connection.failure?.reason === 'link-timeout' })}
          onCancel={() => void send('pairing/cancel', {})}
        />
      )}
      {!current && <p className="muted" data-testid={testIds.noRequests}>{t('approval_nothing')}</p>}
      {current?.method === 'enable' && (
        <ConnectPrompt
          key={current.key}
          request={current}
          account={pairing?.wallet ?? null}
          settling={settling}
          onApprove={() => decide('request/approve', current.key)}
          onReject={() => decide('request/reject', current.key)}
          onBlock={() => block(current.origin)}
        />
      )}
      {current?.method === 'sign_transactions' && (
        <SignPrompt
          key={current.key}
          request={current}
          phoneReady={!needsPhone}
          settling={settling}
          onApprove={() => decide('request/approve', current.key)}
          onReject={() => decide('request/reject', current.key)}
          onBlock={() => block(current.origin)}
          facts={facts.view}
          onCheckWith={facts.checkWith}
        />
      )}
      {(current?.method === 'sign_data' || current?.method === 'sign_message') && (
        <DataSignPrompt
          request={current}
          phoneReady={!needsPhone}
          settling={settling}
          onApprove={() => decide('request/approve', current.key)}
          onReject={() => decide('request/reject', current.key)}
          onBlock={() => block(current.origin)}
        />
      )}
    </main>
  );
}
