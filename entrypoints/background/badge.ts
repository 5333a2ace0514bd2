/** The action badge counts requests waiting for the user. */
import browser from 'webextension-polyfill';

export async function showPendingCount(count: number): Promise<void> {
  // Firefox MV2 exposes browserAction; Chrome MV3 exposes action.
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeText({ text: count > 0 ? String(count) : '' });
  await action.setBadgeBackgroundColor({ color: '#b4461f' });
}
