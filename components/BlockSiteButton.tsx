/** "Block this site" in a prompt's actions: for a site that keeps sending requests the user rejects. */
import { t } from '@/lib/i18n';
import { testIds } from './test-ids';

export function BlockSiteButton({ onBlock }: { onBlock: () => void }) {
  return (
    <button type="button" className="danger block-site" data-testid={testIds.blockSite} title={t('block_site_title')} onClick={onBlock}>
      {t('block_site')}
    </button>
  );
}
