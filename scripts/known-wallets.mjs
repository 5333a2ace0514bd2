// The known-wallet list at build time (wxt.config.ts): which Liquid Auth servers a build ships, and
// the host permissions and CSP sources that follow from them. Each wallet app works only with its
// own server (liquid-protocol.md §8), so a build lists the servers of the wallets it knows; another
// https server is an optional permission the user grants in the pairing screen.
import { readFileSync } from 'node:fs';

/** The shipped list (lib/liquid/known-wallets.json), as written. */
export function shippedWallets() {
  return JSON.parse(readFileSync(new URL('../lib/liquid/known-wallets.json', import.meta.url), 'utf8'));
}

/**
 * The list a build ships: a development build puts "Tandem dev wallet" (the local dev server) first,
 * as the default; a store build ships the list alone.
 * @param {{ storeBuild: boolean, devServer: string, shipped: { name: string, server: string }[] }} build
 */
export function buildWallets({ storeBuild, devServer, shipped }) {
  return storeBuild ? shipped : [{ name: 'Tandem dev wallet', server: devServer }, ...shipped];
}

/**
 * Host permissions and CSP connect-src sources for the listed servers. Match patterns carry no port
 * (Firefox refuses one), so a permission covers every port of the host. A plain-http server (only
 * the dev server) also admits its subdomains, e.g. `wallet-b.localhost`: the e2e tests run a second
 * server there (cookies ignore ports, so two servers on one host name would share a session).
 * @param {{ server: string }[]} wallets
 * @returns {{ hostPermissions: string[], connectSources: string[] }}
 */
export function manifestServers(wallets) {
  const hostPermissions = [];
  const connectSources = [];
  const add = (list, value) => list.includes(value) || list.push(value);
  for (const { server } of wallets) {
    const url = new URL(server);
    add(hostPermissions, `${url.protocol}//${url.hostname}/*`);
    if (url.protocol === 'http:') {
      add(hostPermissions, `http://*.${url.hostname}/*`);
      for (const host of [url.hostname, `*.${url.hostname}`]) {
        add(connectSources, `http://${host}:*`);
        add(connectSources, `ws://${host}:*`);
      }
    }
  }
  return { hostPermissions, connectSources };
}
