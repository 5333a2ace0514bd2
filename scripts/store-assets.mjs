#!/usr/bin/env node
// `npm run store-assets [-- --out DIR]`: the store screenshots (1280×800; popup, pairing, connect
// and sign, light and dark) from the real extension, driven with the dev server and the dev wallet
// (tests/store-assets/capture.spec.ts). Builds Chrome first. Writes to store/screenshots by default.
import { spawnSync } from 'node:child_process';

const at = process.argv.indexOf('--out');
const out = at > 0 ? process.argv[at + 1] : 'store/screenshots';
const run = (command, args, env = {}) => spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

if (run('npm', ['run', '--silent', 'build:chrome']) !== 0) process.exit(1);
process.exit(run('npx', ['playwright', 'test', '-c', 'tests/store-assets/playwright.config.ts'], { STORE_ASSETS_OUT: out }));
