/**
 * The single approval window: opened on demand, focused if already open, remembered in
 * storage.session so a restarted worker finds it instead of opening a second one.
 */
import browser from 'webextension-polyfill';
import { markHop } from '@/lib/perf/hop-marks';
import { approvalWindowItem } from '@/lib/storage/items';
import type { ApprovalWindow } from './requests/edges';

const WIDTH = 420;
const HEIGHT = 640;
let closingOnPurpose: number | null = null;
let showing: Promise<void> | null = null;

/**
 * Opens the approval window or focuses it. Requests come in bursts (a page can send 16 in one go),
 * and each asks for the window: calls made while one is under way share it, or each would see no
 * window yet and open its own.
 */
export function showApprovalWindow(): Promise<void> {
  showing ??= openOrFocus().finally(() => {
    showing = null;
  });
  return showing;
}

async function openOrFocus(): Promise<void> {
  markHop('backgroundWindowAsked');
  const known = await approvalWindowItem.getValue();
  if (typeof known === 'number') {
    try {
      // Another request for an open window: draw the user's attention, never steal the focus (a
      // page could otherwise pull the window up under a click meant for something else).
      await browser.windows.update(known, { drawAttention: true });
      return;
    } catch {
      // The window is gone (closed while the worker slept): open a new one.
    }
  }
  await approvalWindowItem.setValue('opening');
  const created = await browser.windows.create({ url: browser.runtime.getURL('/popup.html#approval'), type: 'popup', width: WIDTH, height: HEIGHT, focused: true });
  if (created.id !== undefined) await approvalWindowItem.setValue(created.id);
}

/**
 * Called before a request is queued. With no window yet, the window is recorded as 'opening' first,
 * so a worker killed after the request is stored but before it opens the window leaves the opening
 * to the next worker (`resumeApprovalWindow`); recorded only after the queue write, that gap left
 * the request unseen until the dApp gave up. Harmless when the request is then refused: 'opening'
 * with nothing queued opens nothing, and the next request opens the window as usual.
 */
export async function expectApprovalWindow(): Promise<void> {
  if ((await approvalWindowItem.getValue()) === null) await approvalWindowItem.setValue('opening');
}

/** After a worker start: opens the window that a worker killed while opening it never showed. */
export async function resumeApprovalWindow(): Promise<void> {
  if (!showing && (await approvalWindowItem.getValue()) === 'opening') await showApprovalWindow();
}

export async function closeApprovalWindow(): Promise<void> {
  // A window being opened is closed once it exists, not left behind.
  await showing?.catch(() => undefined);
  const known = await approvalWindowItem.getValue();
  if (known === null) return;
  await approvalWindowItem.setValue(null);
  if (known === 'opening') return;
  closingOnPurpose = known;
  await browser.windows.remove(known).catch(() => undefined);
}

/** Calls `onUserClosed` when the user (not Tandem) closes the approval window. */
export function watchApprovalWindow(onUserClosed: () => void): void {
  browser.windows.onRemoved.addListener((windowId) => {
    void (async () => {
      if (closingOnPurpose === windowId) {
        closingOnPurpose = null;
        return;
      }
      if ((await approvalWindowItem.getValue()) !== windowId) return;
      await approvalWindowItem.setValue(null);
      onUserClosed();
    })();
  });
}

/** The window as the request modules see it. */
export const approvalWindow: ApprovalWindow = {
  expect: expectApprovalWindow,
  show: showApprovalWindow,
  close: closeApprovalWindow,
  resume: resumeApprovalWindow,
};
