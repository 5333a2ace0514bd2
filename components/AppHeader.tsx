/** The header of the popup and the approval window: Tandem's mark, its name, the phone's state. */
import type { ReactNode } from 'react';
import type { ConnectionPhase } from '@/lib/liquid/types';

const CHIP_TEXT: Record<ConnectionPhase, string> = {
  unpaired: 'Not paired',
  starting: 'Pairing',
  'waiting-for-scan': 'Pairing',
  linked: 'Connecting',
  connecting: 'Connecting',
  connected: 'Phone connected',
  'phone-offline': 'Phone offline',
  failed: 'Not connected',
};

export function AppHeader({ phase, children }: { phase: ConnectionPhase; children?: ReactNode }) {
  return (
    <header className="app-header">
      <h1 className="brand">
        {/* A CSS background, not an <img>: the prompt's own content has no images (tests check for injected ones). */}
        <span className="mark" aria-hidden="true" />
        Tandem
      </h1>
      <div className="header-end">
        <span className={`connection-chip ${phase}`}>{CHIP_TEXT[phase]}</span>
        {children}
      </div>
    </header>
  );
}
