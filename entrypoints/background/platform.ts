/**
 * The one place where Chrome and Firefox differ at run time (the manifest differs in
 * wxt.config.ts): where the peer link lives, and the toolbar button's API.
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
