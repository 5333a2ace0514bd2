/**
 * A request signed by several phones (#16): each phone's part in the order they are asked, which
 * ones signed, which one waits for the user, and which come next.
 */
import { t, type MessageKey } from '@/lib/i18n';
import type { LegState } from './phones';
import { testIds } from './test-ids';

const STEP_TEXT: Record<LegState, MessageKey> = {
  done: 'legs_done',
  current: 'legs_current',
  waiting: 'legs_waiting',
};

/** `offline`: the phone whose turn it is is not connected (its re-scan QR is shown above the prompt). */
export function LegProgress({ steps, nameOf, offline = false }: { steps: { pairingId: string; state: LegState }[]; nameOf: (pairingId: string) => string; offline?: boolean }) {
  return (
    <ol className="leg-progress" aria-label={t('legs_heading')} data-testid={testIds.legProgress}>
      {steps.map((step) => (
        <li key={step.pairingId} className={`leg-${step.state}`} data-testid={testIds.legStep} data-request-id={step.pairingId} data-state={step.state} data-offline={step.state === 'current' && offline ? 'true' : undefined} aria-current={step.state === 'current' ? 'step' : undefined}>
          {t(step.state === 'current' && offline ? 'legs_current_offline' : STEP_TEXT[step.state], nameOf(step.pairingId))}
        </li>
      ))}
    </ol>
  );
}
