/** Shown while Approve waits after the request in view changed (entrypoints/popup/use-settling.ts). */
import { t } from '@/lib/i18n';
import { testIds } from './test-ids';

export function JustChanged() {
  return (
    <p className="notice" role="status" data-testid={testIds.requestChanged}>
      {t('just_changed')}
    </p>
  );
}
