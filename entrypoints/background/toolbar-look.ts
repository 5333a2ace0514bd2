/**
 * What the toolbar button shows, as data: the phone's connection by its icon (full colour only
 * while connected, greyed otherwise) and its tooltip, the requests waiting for the user by the
 * badge. Pure, so the mapping is tested without a browser; badge.ts applies it.
 */
import type { ConnectionPhase } from '@/lib/liquid/types';

export interface ConnectionLook {
  icon: 'connected' | 'offline';
  title: string;
}

const TITLES: Record<ConnectionPhase, string> = {
  unpaired: 'Tandem: not paired',
  starting: 'Tandem: pairing…',
  'waiting-for-scan': 'Tandem: pairing…',
  linked: 'Tandem: connecting to your phone…',
  connecting: 'Tandem: connecting to your phone…',
  connected: 'Tandem: connected to your phone',
  'phone-offline': 'Tandem: phone offline',
  failed: 'Tandem: pairing failed',
};

export function connectionLook(phase: ConnectionPhase): ConnectionLook {
  return { icon: phase === 'connected' ? 'connected' : 'offline', title: TITLES[phase] };
}

/** The badge: the number of requests waiting for the user, nothing when there are none. */
export function pendingBadge(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/** The icon files of each look (public/icons, rendered by `npm run icons`). */
export function iconPaths(icon: ConnectionLook['icon']): Record<number, string> {
  const prefix = icon === 'connected' ? '' : 'offline-';
  return Object.fromEntries([16, 32, 48, 128].map((size) => [size, `/icons/${prefix}${size}.png`]));
}
