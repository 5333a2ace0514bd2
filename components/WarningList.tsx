import type { Warning } from '@/lib/algorand/warnings';
import { testIds } from './test-ids';

export function WarningList({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="warnings" data-testid={testIds.warnings}>
      {warnings.map((w, i) => (
        <li key={i} className={w.severity} data-testid={testIds.warning} data-kind={w.kind}>
          {`#${w.index + 1}: ${w.message}`}
        </li>
      ))}
    </ul>
  );
}
