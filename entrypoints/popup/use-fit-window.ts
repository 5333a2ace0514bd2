/**
 * The approval window takes the height of what it shows: a connect prompt gets a short window, a
 * long request the screen's height at most (its list then scrolls, Approve/Reject stay in view).
 * The window is a `windows.create` popup, which a page cannot resize with `window.resizeTo`
 * (Chrome allows that only for windows a page opened itself), so it asks the windows API.
 */
import { useEffect } from 'react';
import browser from 'webextension-polyfill';

const MIN_HEIGHT = 280;
/** Below this difference a resize is not worth the flicker. */
const SLACK = 12;

export function useFitWindow(): void {
  useEffect(() => {
    const main = document.querySelector('main');
    if (!main) return;
    const fit = () => {
      // The title bar and borders. Never negative: an emulated viewport (Playwright's) can be taller than the window.
      const frame = Math.max(0, window.outerHeight - window.innerHeight);
      const content = Math.ceil(main.getBoundingClientRect().height);
      const wanted = Math.min(Math.max(content + frame, MIN_HEIGHT), screen.availHeight);
      if (Math.abs(wanted - window.outerHeight) < SLACK) return;
      void browser.windows
        .getCurrent()
        .then((current) => (current.id === undefined ? undefined : browser.windows.update(current.id, { height: wanted })))
        .catch(() => undefined);
    };
    const observer = new ResizeObserver(fit);
    observer.observe(main);
    return () => observer.disconnect();
  }, []);
}
