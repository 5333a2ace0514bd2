/**
 * The approval window: one request at a time (oldest first), after pairing when needed.
 * Container: picks the request and makes the decisions; the prompts only render.
 */
import { useState } from 'react';
import { PairingPanel } from '@/components/PairingPanel';
import { ConnectPrompt } from '@/components/ConnectPrompt';
import { SignPrompt } from '@/components/SignPrompt';
import type { QueuedRequest } from '@/lib/storage/types';
import { isOpenRequest } from '@/components/requests';
import { useView } from './store';
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
  const facts = useNetworkFacts(current?.method === 'sign_transactions' ? current.key : undefined);
  return (
    <main className="approval">
      <header>
        <h1>Tandem</h1>
        {open.length > 1 && <span className="muted" data-testid={testIds.pendingCount}>{`${open.length} requests waiting`}</span>}
        {open.length > 1 && (
          <button type="button" data-testid={testIds.rejectAll} onClick={() => void send('request/reject-all', {}).then((r) => setError(r.ok ? null : r.error.message))}>
            Reject all
          </button>
        )}
      </header>
      {error && <p className="error" role="alert" data-testid={testIds.approvalError}>{error}</p>}
      {needsPhone && (
        <PairingPanel
          connection={connection}
          onPair={() => void send('pairing/start', {})}
          onRetry={() => void send('pairing/start', { fresh: !pairing || connection.failure?.reason === 'link-timeout' })}
          onCancel={() => void send('pairing/cancel', {})}
        />
      )}
      {!current && <p className="muted" data-testid={testIds.noRequests}>Nothing to approve.</p>}
      {current?.method === 'enable' && (
        <ConnectPrompt
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
    </main>
  );
}
