/** Layout probes for extension pages showing hostile strings. */
import type { Page } from '@playwright/test';

/** Bidi controls and invisible format characters: must never reach the screen raw. */
export const RAW_CONTROLS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;

/**
 * Elements of `main` that stick out past its right edge without a clipping ancestor inside `main`
 * (a long unbreakable string pushing the layout wider than the window). Returns their descriptions.
 */
export function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return ['no main element'];
    const right = main.getBoundingClientRect().right + 1;
    const clippedInside = (el: Element): boolean => {
      for (let node = el.parentElement; node && node !== main; node = node.parentElement) {
        if (getComputedStyle(node).overflowX !== 'visible' && node.getBoundingClientRect().right <= right) return true;
      }
      return false;
    };
    const out: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').slice(0, 40)}"`;
    for (const el of main.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || clippedInside(el)) continue;
      if (rect.right > right) out.push(`${describe(el)} ends at ${Math.round(rect.right)} > ${Math.round(right)}`);
      // Text that overflows its own box (a long unbreakable word) is not an element: measure the box.
      else if (getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) out.push(`${describe(el)}: text ${el.scrollWidth} wide in ${el.clientWidth}`);
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push(`page scrolls sideways (${document.documentElement.scrollWidth} > ${document.documentElement.clientWidth})`);
    return out;
  });
}

/** Whether a script planted by a hostile string ran in the page (it would set this flag). */
export function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { tandemPwned?: unknown }).tandemPwned);
}
