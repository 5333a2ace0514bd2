/**
 * Connected sites, each with the accounts it gets (changeable) and a revoke button. Site names are
 * page-supplied: shown as text only.
 */
import { useState } from 'react';
import { t } from '@/lib/i18n';
import { networkByGenesisHash } from '@/lib/algorand/networks';
import type { Account } from '@/lib/accounts/accounts';
import type { SiteSession } from '@/lib/storage/types';
import { accountLabel } from './account-text';
import { AccountChooser } from './AccountChooser';
import { shortAddress } from './format';
import { MarkedText } from './MarkedText';
import { testIds } from './test-ids';

export interface SitesListProps {
  sites: SiteSession[];
  /** Every account, to name a site's accounts and to choose among; empty while unpaired. */
  accounts?: Account[];
  onRevoke: (origin: string, genesisHash: string) => void;
  /** Changes the accounts a site gets; absent, they cannot be changed here. */
  onChoose?: (origin: string, genesisHash: string, accounts: string[]) => void;
}

export function SitesList({ sites, accounts = [], onRevoke, onChoose }: SitesListProps) {
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
            <SiteRow key={`${site.origin} ${site.genesisHash}`} site={site} accounts={accounts} onRevoke={onRevoke} onChoose={onChoose} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SiteRow({ site, accounts, onRevoke, onChoose }: { site: SiteSession; accounts: Account[]; onRevoke: SitesListProps['onRevoke']; onChoose: SitesListProps['onChoose'] }) {
  const [editing, setEditing] = useState<string[] | null>(null);
  const label = (address: string) => {
    const account = accounts.find((a) => a.address === address);
    return account ? accountLabel(account) : shortAddress(address);
  };
  return (
    <li data-testid={testIds.site} data-origin={site.origin} className={editing ? 'editing' : undefined}>
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
        <div className="site-accounts site-name" data-testid={testIds.siteAccounts}>
          {t('accounts_site_accounts')}: {site.accounts.map(label).join(', ')}
        </div>
        {editing && (
          <>
            <AccountChooser accounts={accounts} chosen={editing} onChange={setEditing} idPrefix={`site-${site.origin}-${site.genesisHash}`} />
            <div className="row">
              <button type="button" className="small primary" data-testid={testIds.saveSiteAccounts} disabled={editing.length === 0} onClick={() => (onChoose?.(site.origin, site.genesisHash, editing), setEditing(null))}>
                {t('accounts_save')}
              </button>
              <button type="button" className="small" onClick={() => setEditing(null)}>
                {t('accounts_cancel')}
              </button>
            </div>
          </>
        )}
      </div>
      <div className="row">
        {onChoose && accounts.length > 1 && !editing && (
          <button type="button" className="small" data-testid={testIds.editSiteAccounts} aria-label={t('accounts_change_for_site', site.origin)} onClick={() => setEditing(site.accounts.filter((a) => accounts.some((x) => x.address === a)))}>
            {t('accounts_change')}
          </button>
        )}
        <button type="button" className="small" data-testid={testIds.revoke} onClick={() => onRevoke(site.origin, site.genesisHash)}>
          {t('sites_revoke')}
        </button>
      </div>
    </li>
  );
}
