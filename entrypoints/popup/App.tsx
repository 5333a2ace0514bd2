import { useEffect } from 'react';
import { t } from '@/lib/i18n';
import { hydrate, useView } from './store';
import { send } from './send';
import { HomeView } from './HomeView';
import { ApprovalView } from './ApprovalView';

export function App() {
  const hydrated = useView((s) => s.hydrated);
  useEffect(() => {
    let unwatch: (() => void) | undefined;
    void hydrate().then((u) => (unwatch = u));
    // Wakes a sleeping worker, which reloads its state and asks the peer host.
    void send('state/refresh', {});
    return () => unwatch?.();
  }, []);
  if (!hydrated) return <p className="muted">{t('app_loading')}</p>;
  return location.hash === '#approval' ? <ApprovalView /> : <HomeView />;
}
