/**
 * The one place where Chrome and Firefox differ at run time (the manifest differs in
 * wxt.config.ts): where the peer link lives, the toolbar button's API, and how a saved session
 * cookie is put back.
 * Chrome MV3: an offscreen document (the service worker has no WebRTC).
 * Firefox MV2: the persistent background page itself, which has WebRTC.
 */
import browser from 'webextension-polyfill';
import type { createReceiver } from '@/lib/messaging/channel';
import { createInProcessPeerHost, type PeerHost } from '@/lib/peer/peer-host';
import { createOffscreenPeerHost } from './offscreen-host';

export interface PlatformPeerHost {
  host: PeerHost;
  /** A runtime.onMessage listener to register, when the host talks over runtime messaging. */
  receiver?: ReturnType<typeof createReceiver>;
}

export function createPlatformPeerHost(): PlatformPeerHost {
  if (import.meta.env.FIREFOX) {
    return { host: createInProcessPeerHost((config) => new RTCPeerConnection(config)) };
  }
  const offscreen = createOffscreenPeerHost();
  return { host: offscreen, receiver: offscreen.eventReceiver };
}

/** The toolbar button (badge): MV3 (Chrome) calls it `action`, Firefox's MV2 build `browserAction`. */
export function toolbarButton() {
  return browser.action ?? browser.browserAction;
}

/**
 * The attributes a saved `connect.sid` is put back with (server-sessions.ts), beside the server's own
 * (HttpOnly, path /). Measured against the dev server, which sets the cookie as the real one does
 * (no SameSite, no Secure; entrypoints/background/README.md, 2026-12):
 * - Chromium 156 sends a cookie without SameSite on an extension's fetch but not on its WebSocket
 *   (the handshake counts as cross-site), and sends it on both once it is `SameSite=None; Secure`,
 *   which `cookies.set` accepts for http://localhost too (a secure context).
 * - Firefox 153 ESR sends the server's cookie on the background page's WebSocket as it is, and its
 *   `cookies.set` refuses a Secure cookie for an http:// URL (it resolves to null): the dev server
 *   would get no cookie at all. So Firefox puts it back as the server set it.
 */
export function sessionCookieAttributes(): { secure?: true; sameSite?: 'no_restriction' } {
  return import.meta.env.FIREFOX ? {} : { secure: true, sameSite: 'no_restriction' };
}
