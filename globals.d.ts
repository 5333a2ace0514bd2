/** Replaced at build time by wxt.config.ts: the default Liquid Auth server URL. */
declare const __TANDEM_DEFAULT_SERVER__: string;
