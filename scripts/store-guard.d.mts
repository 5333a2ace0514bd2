/** Types of store-guard.mjs (plain JavaScript so wxt.config.ts and a reviewer's rebuild load it as is). */
export interface StoreBuild {
  /** The known-wallet list the build ships. */
  wallets: { name: string; server: string }[];
  csp: string;
  hostPermissions: string[];
}
export function storeBuildProblems(build: StoreBuild): string[];
export function assertStoreBuild(build: StoreBuild): void;
