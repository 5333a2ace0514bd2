#!/usr/bin/env node
// Builds the package into dist/: ES modules and their .d.ts, one file per source module (no
// bundling, so a dApp's bundler dedupes algosdk and use-wallet with the dApp's own copies).
// Run from anywhere: `npm run build:adapter` at the repo root, or `npm pack` here (prepack).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
rmSync(join(here, 'dist'), { recursive: true, force: true });
// TypeScript comes from the repository's node_modules (the package itself has no devDependencies).
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.build.json')], { stdio: 'inherit' });
process.exit(result.status ?? 1);
