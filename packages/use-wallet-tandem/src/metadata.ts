/** How Tandem appears in a dApp's wallet list. */

/** use-wallet's key for Tandem (v5 adapters each export their own id). */
export const WALLET_ID = 'tandem' as const;

/** Two linked rounded squares: the browser and the phone riding together. */
const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
  '<rect width="64" height="64" rx="14" fill="#0f3d3e"/>' +
  '<rect x="10" y="18" width="26" height="26" rx="6" fill="none" stroke="#7ee0c3" stroke-width="5"/>' +
  '<rect x="28" y="22" width="26" height="26" rx="6" fill="none" stroke="#ffffff" stroke-width="5"/>' +
  '</svg>';

export const TANDEM_METADATA: Readonly<{ name: string; icon: string }> = Object.freeze({
  name: 'Tandem',
  icon: `data:image/svg+xml,${encodeURIComponent(ICON_SVG)}`,
});

/**
 * use-wallet's network ids that Tandem serves. use-wallet reads capabilities once, keyed by its
 * own network names, so they are declared statically; `connect()` still checks the active
 * network's genesis hash against what the installed Tandem says it supports.
 */
export const SUPPORTED_NETWORKS: readonly string[] = Object.freeze(['mainnet', 'testnet', 'betanet', 'localnet']);

/** Where a user without Tandem is sent (the not-installed error names it). */
export const DEFAULT_INSTALL_URL = 'https://tandem.wallet';
