// The store-build guard (npm run zip sets TANDEM_STORE_BUILD=1; wxt.config.ts calls it). A package
// for the stores must never trust a plain-http or local server: not as a listed wallet's server
// (lib/liquid/known-wallets.json), not in the CSP, not in its host permissions. Development and test
// builds are not checked.

const LOCAL_HOST = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/** @param {string} hostname */
function isLocal(hostname) {
  return LOCAL_HOST.test(hostname);
}

/**
 * What makes a build unfit for the stores, one line each (empty when fit).
 * @param {{ wallets: { name: string, server: string }[], csp: string, hostPermissions: string[] }} build
 * @returns {string[]}
 */
export function storeBuildProblems({ wallets, csp, hostPermissions }) {
  const problems = [];
  if (wallets.length === 0) problems.push('the known-wallet list (lib/liquid/known-wallets.json) is empty');
  for (const { name, server: serverUrl } of wallets) {
    const server = URL.canParse(serverUrl) ? new URL(serverUrl) : null;
    if (!server) problems.push(`${name}'s Liquid Auth server ${serverUrl} is not a URL`);
    else if (server.protocol !== 'https:') problems.push(`${name}'s Liquid Auth server ${server.origin} is not https (fix it in lib/liquid/known-wallets.json)`);
    else if (isLocal(server.hostname)) problems.push(`${name}'s Liquid Auth server ${server.origin} is on this machine`);
  }
  for (const source of csp.split(/[;\s]+/)) {
    if (/^(http|ws):/i.test(source)) problems.push(`the CSP allows ${source}`);
    else if (/^(https|wss):\/\//i.test(source) && isLocal(new URL(source.replace(/:\*$/, '').replace(/^wss/i, 'https')).hostname)) problems.push(`the CSP allows ${source}`);
  }
  for (const pattern of hostPermissions) {
    const match = /^([a-z*]+):\/\/([^/]+)\//i.exec(pattern);
    if (!match || match[1] !== 'https') problems.push(`the host permission ${pattern} is not https`);
    else if (isLocal(match[2])) problems.push(`the host permission ${pattern} is on this machine`);
  }
  return problems;
}

/** Throws with every problem when a store build is unfit. */
export function assertStoreBuild(build) {
  const problems = storeBuildProblems(build);
  if (problems.length) throw new Error(`This store build (TANDEM_STORE_BUILD=1) would trust an insecure server:\n  - ${problems.join('\n  - ')}`);
}
