#!/usr/bin/env node
// `npm run check:sources`: does the sources zip let an addons.mozilla.org reviewer rebuild the
// Firefox package? Zips Firefox (`wxt zip -b firefox`), unpacks the sources zip into an empty
// folder, builds it there and compares every file with the package's. A reviewer would run
// `npm ci`; here the project's node_modules is linked in instead (same package-lock.json, no
// network). Needs the `unzip` command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve('.');
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const sourcesZip = resolve(`.output/${name}-${version}-sources.zip`);
const builtDir = resolve('.output/firefox-mv2');

function run(command, args, cwd = root) {
  const child = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (child.status !== 0) {
    console.error(`check:sources: ${command} ${args.join(' ')} failed in ${cwd}`);
    process.exit(1);
  }
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

run('npx', ['wxt', 'zip', '-b', 'firefox']);
const work = mkdtempSync(join(tmpdir(), 'tandem-sources-'));
try {
  run('unzip', ['-q', sourcesZip, '-d', work]);
  const unpacked = filesUnder(work);
  const required = ['package.json', 'package-lock.json', 'wxt.config.ts'];
  const missing = required.filter((file) => !unpacked.includes(file));
  const leaked = unpacked.filter((file) => /^(node_modules|\.output)\//.test(file));
  if (missing.length || leaked.length) {
    console.error(`check:sources: missing ${JSON.stringify(missing)}, should not be there ${JSON.stringify(leaked)}`);
    process.exit(1);
  }
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
  run('npx', ['wxt', 'build', '-b', 'firefox'], work);

  const rebuiltDir = join(work, '.output/firefox-mv2');
  const expected = filesUnder(builtDir);
  const actual = filesUnder(rebuiltDir);
  const differences = [
    ...expected.filter((file) => !actual.includes(file)).map((file) => `missing from the rebuild: ${file}`),
    ...actual.filter((file) => !expected.includes(file)).map((file) => `only in the rebuild: ${file}`),
    ...expected
      .filter((file) => actual.includes(file) && !readFileSync(join(builtDir, file)).equals(readFileSync(join(rebuiltDir, file))))
      .map((file) => `differs: ${file}`),
  ];
  if (differences.length) {
    console.error(`check:sources: the rebuild from ${relative(root, sourcesZip)} differs from .output/firefox-mv2:\n  ${differences.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`check:sources: ${relative(root, sourcesZip)} (${unpacked.length} files) rebuilds .output/firefox-mv2 identically (${expected.length} files)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
