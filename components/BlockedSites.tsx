/** Sites the user blocked, each with an unblock button. Origins come from the browser, not the page. */
import { t } from '@/lib/i18n';
import { testIds } from './test-ids';

export function BlockedSites({ origins, onUnblock }: { origins: string[]; onUnblock: (origin: string) => void }) {
  if (origins.length === 0) return null;
  return (
    <section className="panel" data-testid={testIds.blockedSites}>
      <h2>{t('blocked_heading')}</h2>
      <ul className="sites">
        {origins.map((origin) => (
          <li key={origin} data-testid={testIds.blockedSite} data-origin={origin}>
            <div className="mono">{origin}</div>
            <button type="button" className="small" data-testid={testIds.unblock} onClick={() => onUnblock(origin)}>
              {t('blocked_unblock')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
