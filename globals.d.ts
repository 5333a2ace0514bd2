/** Replaced at build time by wxt.config.ts: the default Liquid Auth server URL. */
declare const __TANDEM_DEFAULT_SERVER__: string;
/** Replaced at build time by wxt.config.ts: the dev wallet's server in development builds, '' in store builds. */
declare const __TANDEM_DEV_WALLET_SERVER__: string;
/** Replaced at build time: a development build's algod stand-in URL (dev/algod), or null in a store build. */
declare const __TANDEM_ALGOD_STAND_IN__: string | null;
