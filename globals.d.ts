/** Replaced at build time by wxt.config.ts: the default Liquid Auth server URL. */
declare const __TANDEM_DEFAULT_SERVER__: string;
/** Replaced at build time by wxt.config.ts: the dev wallet's server in development builds, '' in store builds. */
declare const __TANDEM_DEV_WALLET_SERVER__: string;
