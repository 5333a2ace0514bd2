/**
 * The ARC-0027 provider in every http(s) page and frame. Tiny on purpose: validates the
 * page's envelope, relays it to the background and hands back exactly one answer.
 * See README.md beside this file.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startProvider } from './provider';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  main() {
    startProvider();
  },
});
