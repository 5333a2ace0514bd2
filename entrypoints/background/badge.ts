/** The toolbar button: the badge counts requests waiting for the user; icon and tooltip follow the phone. */
import type { ConnectionPhase } from '@/lib/liquid/types';
import { toolbarButton } from './platform';
import { connectionLook, iconPaths, pendingBadge } from './toolbar-look';

export async function showPendingCount(count: number): Promise<void> {
  const action = toolbarButton();
  await action.setBadgeText({ text: pendingBadge(count) });
  await action.setBadgeBackgroundColor({ color: '#b4461f' });
}

export async function showConnectionPhase(phase: ConnectionPhase): Promise<void> {
  const action = toolbarButton();
  const look = connectionLook(phase);
  await Promise.all([action.setIcon({ path: iconPaths(look.icon) }), action.setTitle({ title: look.title })]);
}
