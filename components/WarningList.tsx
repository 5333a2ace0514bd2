/** Every warning of a request in one box at the top of the prompt; each card also carries a badge. */
import { t } from '@/lib/i18n';
import { wordSentence } from '@/lib/i18n/words';
import { formatCount } from '@/lib/algorand/format';
import type { Warning } from '@/lib/algorand/warnings';
import { testIds } from './test-ids';

function warningCount(count: number, danger: boolean): string {
  if (count === 1) return danger ? t('warnings_count_one_danger') : t('warnings_count_one');
  return danger ? t('warnings_count_many_danger', formatCount(count)) : t('warnings_count_many', formatCount(count));
}

export function WarningList({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return null;
  const danger = warnings.some((w) => w.severity === 'danger');
  return (
    <section className={`warning-summary ${danger ? 'danger' : 'caution'}`} aria-label={t('warnings_label')}>
      <p className="warning-count" data-testid={testIds.warningSummary}>
        {warningCount(warnings.length, danger)}
      </p>
      <ul className="warnings" data-testid={testIds.warnings}>
        {warnings.map((w, i) => (
          <li key={i} className={w.severity} data-testid={testIds.warning} data-kind={w.kind}>
            {t('warnings_item', formatCount(w.index + 1), wordSentence(w.message))}
          </li>
        ))}
      </ul>
    </section>
  );
}
