/** The action badge counts requests waiting for the user. */
import { toolbarButton } from './platform';

export async function showPendingCount(count: number): Promise<void> {
  const action = toolbarButton();
  await action.setBadgeText({ text: count > 0 ? String(count) : '' });
  await action.setBadgeBackgroundColor({ color: '#b4461f' });
}
