/**
 * How Tandem introduces itself to a phone (Biatec's hello, the connections `connect`). Biatec keeps
 * `url` only when it is https and at most 4 https icons, each field capped at 512 characters
 * (liquid-protocol.md §8); the URL is where Tandem's listing will live.
 */
export const TANDEM_PHONE_METADATA = Object.freeze({
  name: 'Tandem',
  description: 'Tandem browser extension: your phone signs for the dApps in this browser',
  url: 'https://tandem.wallet',
  icons: Object.freeze(['https://tandem.wallet/icon-128.png']),
});
