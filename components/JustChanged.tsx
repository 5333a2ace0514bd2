/** Shown while Approve waits after the request in view changed (entrypoints/popup/use-settling.ts). */
import { testIds } from './test-ids';

export function JustChanged() {
  return (
    <p className="notice" role="status" data-testid={testIds.requestChanged}>
      This request just changed or is new: read it before you approve.
    </p>
  );
}
