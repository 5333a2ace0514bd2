/** Every warning of a request in one box at the top of the prompt; each card also carries a badge. */
import type { Warning } from '@/lib/algorand/warnings';
import { testIds } from './test-ids';

export function WarningList({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return null;
  const danger = warnings.some((w) => w.severity === 'danger');
  return (
    <section className={`warning-summary ${danger ? 'danger' : 'caution'}`} aria-label="Warnings">
      <p className="warning-count" data-testid={testIds.warningSummary}>
        {`${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}${danger ? ': check before approving' : ''}`}
      </p>
      <ul className="warnings" data-testid={testIds.warnings}>
        {warnings.map((w, i) => (
          <li key={i} className={w.severity} data-testid={testIds.warning} data-kind={w.kind}>
            {`#${w.index + 1}: ${w.message}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
