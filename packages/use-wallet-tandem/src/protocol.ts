/**
 * The page protocol between a dApp and Tandem: the one module both sides import. The extension
 * re-exports TANDEM_PROVIDER_ID from here (lib/arc27/types.ts; its page-envelope validator,
 * lib/arc27/page-request.ts, checks the `tandem` member); the adapter sends what is described
 * here. Constants and types only: the content script bundles this file into every page.
 */

/** Tandem's ARC-0027 provider id. dApps address Tandem by it; Tandem never answers with another's. */
export const TANDEM_PROVIDER_ID = '6f3a2c1e-9b7d-4e52-a8c4-0d1f7b2e9a64';

/**
 * Tandem's own member in ARC-0027 `enable` params. `{silent: true}` asks "is this site already
 * connected on this network?": Tandem answers exactly like `enable` when the requesting origin has a
 * session for the network, and otherwise answers at once with 4100 (UnauthorizedSigner), with no
 * approval window and nothing queued. Any other shape of the member is refused with 4200. Wallets
 * that do not know the member ignore it (ARC-0027 params are open), so only send it to Tandem's
 * providerId.
 */
export const TANDEM_PARAMS_KEY = 'tandem';

export interface TandemEnableMember {
  /** true: never prompt. false (or no member): an ordinary enable. */
  silent: boolean;
}

export const SILENT_ENABLE: Readonly<TandemEnableMember> = Object.freeze({ silent: true as boolean });

/** `enable` params as Tandem reads them. */
export interface TandemEnableParams {
  providerId: string;
  genesisHash?: string;
  [TANDEM_PARAMS_KEY]?: TandemEnableMember;
}
