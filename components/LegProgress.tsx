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

export function LegProgress({ steps, nameOf }: { steps: { pairingId: string; state: LegState }[]; nameOf: (pairingId: string) => string }) {
  return (
    <ol className="leg-progress" aria-label={t('legs_heading')} data-testid={testIds.legProgress}>
      {steps.map((step) => (
        <li key={step.pairingId} className={`leg-${step.state}`} data-testid={testIds.legStep} data-request-id={step.pairingId} data-state={step.state} aria-current={step.state === 'current' ? 'step' : undefined}>
          {t(STEP_TEXT[step.state], nameOf(step.pairingId))}
        </li>
      ))}
    </ol>
  );
}
