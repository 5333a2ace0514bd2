#!/usr/bin/env node
// The README's test command (`npm test`): type-check and lint (`npm run check`), build both browsers, lint the Firefox build (web-ext
// lint), run the unit tests (vitest), the end-to-end tests in Chromium (Playwright) and in Firefox
// ESR (vitest + puppeteer-core), and print one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

// Not Playwright's test-results/, which it empties when it starts.
const results = '.test-summary';
mkdirSync(results, { recursive: true });
// A report left by an earlier run must not be counted for a step that produced none this time.
for (const report of ['unit.json', 'e2e.json', 'firefox.json']) rmSync(`${results}/${report}`, { force: true });

function run(command, args, env = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return child.status ?? 1;
}

const steps = [];
// Types and lint first: among the lint rules, tandem/no-ui-literals fails the run on a hard-coded
// UI text in a component (README, "Languages"), before anything is built.
steps.push(['check', run('npm', ['run', 'check'])]);
steps.push(['build', run('npm', ['run', 'build'])]);
if (steps.some(([, status]) => status !== 0)) {
  console.log(`\nfailed steps: ${steps.filter(([, status]) => status !== 0).map(([name]) => name).join(', ')}`);
  process.exit(1);
}
steps.push(['lint:firefox', run('npm', ['run', '--silent', 'lint:firefox'])]);
steps.push(['unit', run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}/unit.json`])]);
steps.push(['e2e', run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/e2e.json` })]);
// The Firefox e2e suite (firefox-esr over WebDriver BiDi), next to the Chromium one.
steps.push(['firefox', run('npx', ['vitest', 'run', '-c', 'vitest.firefox.config.ts', '--reporter=default', '--reporter=json', `--outputFile=${results}/firefox.json`])]);

let passed = 0;
let failed = 0;
let skipped = 0;
// Vitest's JSON reports (unit and Firefox suites), file by file: a file that failed outside its
// tests (a beforeAll, an import) reports its tests as skipped, but they did not pass or get skipped.
for (const name of ['unit.json', 'firefox.json']) {
  if (!existsSync(`${results}/${name}`)) continue;
  const report = JSON.parse(readFileSync(`${results}/${name}`, 'utf8'));
  for (const file of report.testResults ?? []) {
    const statuses = (file.assertionResults ?? []).map((a) => a.status);
    const filePassed = statuses.filter((s) => s === 'passed').length;
    let fileFailed = statuses.filter((s) => s === 'failed').length;
    let fileSkipped = statuses.length - filePassed - fileFailed;
    if (file.status === 'failed' && fileFailed === 0) {
      fileFailed = Math.max(1, fileSkipped);
      fileSkipped = 0;
    }
    passed += filePassed;
    failed += fileFailed;
    skipped += fileSkipped;
  }
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
