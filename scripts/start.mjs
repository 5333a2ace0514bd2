#!/usr/bin/env node
// `npm start`: build Tandem for both browsers, start the local Liquid Auth server with the
// dev wallet and test dApp and the algod stand-in (dev/algod), and (where there is a display)
// open Chromium with Tandem loaded.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const port = process.env.PORT ?? '3000';
const algodPort = process.env.ALGOD_PORT ?? '4180';
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, PORT: port, ALGOD_PORT: algodPort } });
if (build.status !== 0) process.exit(build.status ?? 1);

// Its own process group, so stopping reaches the server itself and not only the npx/tsx wrappers.
const server = spawn('npx', ['tsx', 'dev/server/main.ts'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PORT: port }, detached: true });
// The algod stand-in that development builds read the network from (dev/algod/README.md).
const algod = spawn('npx', ['tsx', 'dev/algod/main.ts'], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ALGOD_PORT: algodPort }, detached: true });
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!String(chunk).includes('listening on')) return;
  const base = `http://localhost:${port}`;
  console.log(`
Tandem is built:
  Chrome / Chromium:  ${resolve('.output/chrome-mv3')}   (chrome://extensions → Developer mode → Load unpacked)
  Firefox:            ${resolve('.output/firefox-mv2')}  (about:debugging → This Firefox → Load Temporary Add-on → manifest.json)
Dev wallet (plays the phone): ${base}/wallet
Test dApp:                    ${base}/dapp
algod stand-in (TestNet):     http://localhost:${algodPort}  (fund an account: see dev/algod/README.md)
use-wallet example dApps:     ${base}/dapp/use-wallet-v5/  ${base}/dapp/use-wallet-v4/
Press Ctrl+C to stop.`);
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (process.env.DISPLAY && existsSync(chromium)) {
    const profile = mkdtempSync(join(tmpdir(), 'tandem-dev-'));
    const ext = resolve('.output/chrome-mv3');
    spawn(chromium, [`--user-data-dir=${profile}`, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, `${base}/dapp`, `${base}/wallet`], { stdio: 'ignore', detached: true }).unref();
    console.log('Opened Chromium with Tandem loaded.');
  } else {
    console.log('No display found: load the extension into your browser by hand (paths above).');
  }
});
const stop = () => {
  for (const child of [server, algod]) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
