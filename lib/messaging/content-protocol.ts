/**
 * content script ↔ background. Requests go content → background ('tandem/content'); answers
 * that take a human or a phone are pushed back background → content ('tandem/content-push').
 * The content script picks a fresh key per request so it can re-attach after the worker
 * restarts (a pending sendMessage dies with the worker).
 */
import type { ChannelSpec } from './channel';
import { isRecord, keyPayload, optionalString, stringField } from './parse';
import { ARC27_METHODS, SIGN_DATA_METHOD, type Arc27Method, type Arc27Outcome, type Arc27Request } from '../arc27/types';
import { parsePageRequest } from '../arc27/page-request';
import { parseSignDataRequest } from '../arc27/sign-data-request';
import { safeText } from '../algorand/display-text';

/** A site's name and icon as the page declares them (see parseSiteMeta). */
export interface SiteMeta {
  name?: string;
  icon?: string;
  /**
   * For a frame inside another page: the top-level page's origin, as the content script reads it from
   * `location.ancestorOrigins` (set by the browser, out of the page's reach; Chrome only), or '' where
   * the browser does not tell (Firefox). The background uses it only when the sender is a subframe.
   */
  topOrigin?: string;
}

export type RequestStatus = { state: 'done'; outcome: Arc27Outcome } | { state: 'pending' } | { state: 'unknown' };

export type ContentCatalogue = {
  'arc27/request': { request: { key: string; request: Arc27Request; site: SiteMeta }; response: RequestStatus };
  'arc27/poll': { request: { key: string }; response: RequestStatus };
  /** The content script has delivered the answer to the page; the entry can go. */
  'arc27/ack': { request: { key: string }; response: Record<string, never> };
};

export type ContentPushCatalogue = {
  'arc27/answer': { request: { key: string; outcome: Arc27Outcome }; response: { delivered: boolean } };
};

export const contentChannel: ChannelSpec<ContentCatalogue> = {
  name: 'tandem/content',
  parsers: {
    'arc27/request': (p) => {
      if (!isRecord(p) || !isRecord(p.request)) return null;
      const key = stringField(p, 'key', 128);
      const method = p.request.method;
      if (key === null || typeof method !== 'string') return null;
      // The content script validated already; the background trusts no one and checks again.
      const parsed =
        method === SIGN_DATA_METHOD ? parseSignDataRequest(p.request) : ARC27_METHODS.includes(method as Arc27Method) ? parsePageRequest(method as Arc27Method, p.request) : null;
      if (!parsed) return null;
      if (!parsed.ok) return null;
      const site = parseSiteMeta(p.site);
      return { key, request: parsed.request, site };
    },
    'arc27/poll': keyPayload,
    'arc27/ack': keyPayload,
  },
};

export const contentPushChannel: ChannelSpec<ContentPushCatalogue> = {
  name: 'tandem/content-push',
  parsers: {
    'arc27/answer': (p) => {
      if (!isRecord(p) || !isRecord(p.outcome)) return null;
      const key = stringField(p, 'key', 128);
      if (key === null) return null;
      return { key, outcome: p.outcome as Arc27Outcome };
    },
  },
};

/**
 * Site name and icon as the page declares them: untrusted, length-capped, shown inert. The name is
 * cut at 80 characters (whole code points) and its bidi controls and invisible characters escaped:
 * a right-to-left override in a title reordered the prompt's text around it ("Calls itself …").
 */
export function parseSiteMeta(value: unknown): SiteMeta {
  if (!isRecord(value)) return {};
  const meta: SiteMeta = {};
  const name = optionalString(value, 'name', 10_000);
  const icon = optionalString(value, 'icon', 2048);
  if (typeof name === 'string' && name.trim()) meta.name = safeText(Array.from(name.trim()).slice(0, 80).join(''));
  if (typeof icon === 'string' && /^https?:\/\//.test(icon)) meta.icon = icon;
  const top = optionalString(value, 'topOrigin', 2048);
  if (typeof top === 'string') meta.topOrigin = /^https?:\/\/[^/\s]+$/.test(top) ? top : '';
  return meta;
}
