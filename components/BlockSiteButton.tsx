/** "Block this site" in a prompt's actions: for a site that keeps sending requests the user rejects. */
import { testIds } from './test-ids';

export function BlockSiteButton({ onBlock }: { onBlock: () => void }) {
  return (
    <button type="button" className="danger block-site" data-testid={testIds.blockSite} title="Refuse every request from this site until you unblock it in Tandem" onClick={onBlock}>
      Block this site
    </button>
  );
}
