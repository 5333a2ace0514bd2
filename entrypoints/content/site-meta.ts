/** What the page says about itself, for the connect prompt. Untrusted; the background caps it. */
import type { SiteMeta } from '@/lib/messaging/content-protocol';

export function readSiteMeta(): SiteMeta {
  const meta: SiteMeta = {};
  const name = document.querySelector('meta[name="application-name"]')?.getAttribute('content') ?? document.title;
  if (name) meta.name = name.slice(0, 200);
  const icon = document.querySelector<HTMLLinkElement>('link[rel~="icon"]')?.href;
  if (icon && /^https?:\/\//.test(icon)) meta.icon = icon.slice(0, 2048);
  return { ...meta, ...readFramePlace() };
}

/** For a frame inside another page, the top-level page's origin: the browser's list of ancestors (Chrome); Firefox has none, so '' (unknown). */
export function readFramePlace(): Pick<SiteMeta, 'topOrigin'> {
  if (typeof window === 'undefined' || window === window.top) return {}; // no window: not in a page (unit tests)
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  return { topOrigin: ancestors && ancestors.length > 0 ? ancestors[ancestors.length - 1]! : '' };
}
