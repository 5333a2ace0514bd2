/**
 * The approval window: one request at a time (oldest first), after pairing when needed; with
 * several phones, the pairing panel is the phone the request needs now.
 * Container: picks the request and makes the decisions; the prompts only render.
 */
import { t } from '@/lib/i18n';
import { formatCount } from '@/lib/algorand/format';
import { useState } from 'react';
import { AppHeader } from '@/components/AppHeader';
import { PairingPanel } from '@/components/PairingPanel';
import { LegProgress } from '@/components/LegProgress';
import { headerPhase, legSteps, phoneNames, phoneState, requestPhone } from '@/components/phones';
import { walletForServer, walletOptions } from '@/lib/liquid/wallet-options';
import { ConnectPrompt } from '@/components/ConnectPrompt';
import { SignPrompt } from '@/components/SignPrompt';
import { DataSignPrompt } from '@/components/DataSignPrompt';
import { PostPrompt } from '@/components/PostPrompt';
import { requestNodeAccess } from './algod-access';
import type { PostTarget, QueuedRequest } from '@/lib/storage/types';
import { isOpenRequest } from '@/components/requests';
import { useView } from './store';
import { useFitWindow } from './use-fit-window';
import { useSettling } from './use-settling';
import { useNetworkFacts } from './use-network-facts';
import { send } from './send';
import { testIds } from '@/components/test-ids';
import { markHop } from '@/lib/perf/hop-marks';
import { defaultChoice, listAccounts } from '@/lib/accounts/accounts';

export function ApprovalView() {
  const { connection, phones, queue, pairings, storedAccounts, sites, customWallets } = useView();
  const view = { connection, pairings, phones };
  const accounts = listAccounts(pairings, storedAccounts);
  const [error, setError] = useState<string | null>(null);
  const open = queue.filter(isOpenRequest);
  const current: QueuedRequest | undefined = open[0];
  const decide = (kind: 'request/approve' | 'request/reject', key: string, chosen?: string[]) => {
    if (kind === 'request/approve') markHop('windowApproveClicked');
    void send(kind, chosen ? { key, accounts: chosen } : { key }).then((r) => setError(r.ok ? null : r.error.message));
  };
  /** A request that sends to the network asks for its node's host first, inside the click (a gesture). */
  const approveSending = (key: string, target: PostTarget) =>
    void requestNodeAccess(target.pattern).then((granted) => (granted ? decide('request/approve', key) : setError(t('post_needs_permission', target.host))));
  const block = (origin: string) => void send('sites/block', { origin }).then((r) => setError(r.ok ? null : r.error.message));
  // The phone this request needs now, and its link: the pairing panel shows that phone's QR or Retry.
  const phoneId = requestPhone(current, accounts, pairings);
  const phone = phoneId === undefined ? connection : phoneState(view, phoneId);
  const needsPhone = phoneId === undefined || phone.phase !== 'connected';
  const names = phoneNames(pairings, (server) => walletForServer(walletOptions(customWallets), server)?.name);
  const steps = current?.method === 'sign_transactions' ? legSteps(current) : [];
  const settling = useSettling(current?.key);
  useFitWindow();
  const facts = useNetworkFacts(current?.method === 'sign_transactions' ? current.key : undefined);
  return (
    <main className="approval">
      <AppHeader phase={headerPhase(view)}>
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
          connection={phone}
          heading={pairings.length > 1 && phoneId !== undefined ? names.get(phoneId) : undefined}
          onPair={() => void send('pairing/start', {})}
          onRetry={() => void send('pairing/start', phoneId === undefined ? { fresh: true } : { requestId: phoneId })}
          onCancel={() => void send('pairing/cancel', {})}
        />
      )}
      {!current && <p className="muted" data-testid={testIds.noRequests}>{t('approval_nothing')}</p>}
      {current?.method === 'enable' && (
        <ConnectPrompt
          key={current.key}
          request={current}
          accounts={accounts}
          defaultChosen={defaultChoice(accounts, sites.filter((s) => s.origin === current.origin))}
          settling={settling}
          onApprove={(chosen) => decide('request/approve', current.key, chosen)}
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
          onApprove={() => (current.post ? approveSending(current.key, current.post) : decide('request/approve', current.key))}
          onReject={() => decide('request/reject', current.key)}
          onBlock={() => block(current.origin)}
          facts={facts.view}
          onCheckWith={facts.checkWith}
          progress={steps.length > 0 && <LegProgress steps={steps} nameOf={(id) => names.get(id) ?? t('phones_your_phone')} offline={needsPhone} />}
        />
      )}
      {current?.method === 'post_transactions' && (
        <PostPrompt
          key={current.key}
          request={current}
          settling={settling}
          onApprove={() => approveSending(current.key, current.target)}
          onReject={() => decide('request/reject', current.key)}
          onBlock={() => block(current.origin)}
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
