/** Connected sites, each with a revoke button. Site names are page-supplied: shown as text only. */
import { t } from '@/lib/i18n';
import { networkByGenesisHash } from '@/lib/algorand/networks';
import type { SiteSession } from '@/lib/storage/types';
import { MarkedText } from './MarkedText';
import { testIds } from './test-ids';

export function SitesList({ sites, onRevoke }: { sites: SiteSession[]; onRevoke: (origin: string, genesisHash: string) => void }) {
  return (
    <section className="panel">
      <h2>{t('sites_heading')}</h2>
      {sites.length === 0 ? (
        <p className="muted" data-testid={testIds.noSites}>
          {t('sites_none')}
        </p>
      ) : (
        <ul className="sites">
          {sites.map((site) => (
            <li key={`${site.origin} ${site.genesisHash}`} data-testid={testIds.site} data-origin={site.origin}>
              <div>
                <div className="mono">{site.origin}</div>
                <div className="muted site-name">
                  {site.name && (
                    <>
                      <MarkedText text={site.name} />
                      {' · '}
                    </>
                  )}
                  {networkByGenesisHash(site.genesisHash)?.name ?? site.genesisId}
                </div>
              </div>
              <button type="button" className="small" data-testid={testIds.revoke} onClick={() => onRevoke(site.origin, site.genesisHash)}>
                {t('sites_revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
