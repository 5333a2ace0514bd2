/**
 * Who is asking: the origin the browser reports (never the page's word), the top-level page a frame
 * is embedded in, and a warning for plain-http sites, whose requests anyone on the network path can
 * change. Plain http is warned about rather than refused: local networks and test nodes use it, and
 * the user sees every transaction decoded before anything is signed.
 */
import { t } from '@/lib/i18n';
import { testIds } from './test-ids';

const LOCAL = /^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

export function RequestOrigin({ origin, embeddedIn }: { origin: string; embeddedIn?: string }) {
  return (
    <>
      <p className="origin mono" data-testid={testIds.promptOrigin}>
        {origin}
      </p>
      {embeddedIn !== undefined && (
        <p className="muted" data-testid={testIds.promptEmbedded}>
          {embeddedIn ? t('origin_embedded_in', embeddedIn) : t('origin_embedded_unknown')}
        </p>
      )}
      {origin.startsWith('http:') && !LOCAL.test(origin) && (
        <p className="warning-box" role="alert" data-testid={testIds.plainHttp}>
          {t('origin_plain_http')}
        </p>
      )}
    </>
  );
}
