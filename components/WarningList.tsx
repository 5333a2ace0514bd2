import type { Warning } from '@/lib/algorand/warnings';

export function WarningList({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="warnings" data-testid="warnings">
      {warnings.map((w, i) => (
        <li key={i} className={w.severity} data-testid="warning" data-kind={w.kind}>
          {`#${w.index + 1}: ${w.message}`}
        </li>
      ))}
    </ul>
  );
}
