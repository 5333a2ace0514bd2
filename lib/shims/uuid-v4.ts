/**
 * The content script's stand-in for `uuid`, which @agoralabs-sh/avm-web-provider requires
 * whole (v1, v3, v5, md5, sha1: ~8 kB in every page) only to call `v4()`. The browser's own
 * generator is enough. Used through a resolver in wxt.config.ts for that package only.
 */
export function v4(): string {
  return crypto.randomUUID();
}
