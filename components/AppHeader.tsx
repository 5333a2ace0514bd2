/** The header of the popup and the approval window: Tandem's mark, its name, the phone's state. */
import { t, type MessageKey } from '@/lib/i18n';
import type { ReactNode } from 'react';
import type { ConnectionPhase } from '@/lib/liquid/types';

const CHIP_TEXT: Record<ConnectionPhase, MessageKey> = {
  unpaired: 'chip_unpaired',
  starting: 'chip_pairing',
  'waiting-for-scan': 'chip_pairing',
  linked: 'chip_connecting',
  connecting: 'chip_connecting',
  connected: 'chip_connected',
  'phone-offline': 'chip_offline',
  failed: 'chip_failed',
};

export function AppHeader({ phase, children }: { phase: ConnectionPhase; children?: ReactNode }) {
  return (
    <header className="app-header">
      <h1 className="brand">
        {/* A CSS background, not an <img>: the prompt's own content has no images (tests check for injected ones). */}
        <span className="mark" aria-hidden="true" />
        {t('extension_name')}
      </h1>
      <div className="header-end">
        <span className={`connection-chip ${phase}`}>{t(CHIP_TEXT[phase])}</span>
        {children}
      </div>
    </header>
  );
}
