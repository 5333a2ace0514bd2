/** Types of known-wallets.mjs (plain JavaScript so wxt.config.ts and a reviewer's rebuild load it as is). */
export interface ListedWallet {
  name: string;
  server: string;
}
export function shippedWallets(): ListedWallet[];
export function buildWallets(build: { storeBuild: boolean; devServer: string; shipped: ListedWallet[] }): ListedWallet[];
export function manifestServers(wallets: { server: string }[]): { hostPermissions: string[]; connectSources: string[] };
