#!/usr/bin/env node
// The README's test command (`npm test`): build both browsers, run the unit tests (vitest),
// then the end-to-end tests (Playwright, Debian Chromium), and print one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

// Not Playwright's test-results/, which it empties when it starts.
const results = '.test-summary';
mkdirSync(results, { recursive: true });

function run(command, args, env = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return child.status ?? 1;
}

const steps = [];
steps.push(['build', run('npm', ['run', 'build'])]);
if (steps[0][1] !== 0) process.exit(1);
steps.push(['unit', run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}/unit.json`])]);
steps.push(['e2e', run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/e2e.json` })]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(`${results}/unit.json`)) {
  const unit = JSON.parse(readFileSync(`${results}/unit.json`, 'utf8'));
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
}
if (existsSync(`${results}/e2e.json`)) {
  const e2e = JSON.parse(readFileSync(`${results}/e2e.json`, 'utf8'));
  passed += e2e.stats?.expected ?? 0;
  failed += (e2e.stats?.unexpected ?? 0) + (e2e.stats?.flaky ?? 0);
  skipped += e2e.stats?.skipped ?? 0;
}
const failedSteps = steps.filter(([, status]) => status !== 0).map(([name]) => name);
console.log(`\n${failedSteps.length ? `failed steps: ${failedSteps.join(', ')}` : 'all steps passed'}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length || failed || passed === 0 ? 1 : 0);
