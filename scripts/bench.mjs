#!/usr/bin/env node
// `npm run bench [-- options]`: runs bench/run.ts (TypeScript, through tsx). Node 20 has a
// WebSocket client only behind --experimental-websocket; the benchmark needs one for its CDP
// connection to the browser (bench/cdp.ts). Node 22 and later have it by default.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const flags = ['--import', 'tsx', ...(typeof WebSocket === 'undefined' ? ['--experimental-websocket'] : [])];
const child = spawn(process.execPath, [...flags, 'bench/run.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
