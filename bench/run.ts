/**
 * `npm run bench`: measures Tandem in headless Debian Chromium on loopback against the reference
 * dApp (liquid-client's `peer(requestId, 'offer')`), with the same dev server and dev wallet.
 * Writes `<out>/results.json` (raw samples, figures, budgets, machine) and `<out>/results.md`,
 * and prints the Markdown table. See bench/README.md for the method and the options.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumVersion } from './browsers';
import { connectDapp, startBench, type Bench } from './harness';
import { endLoad, machineInfo, type MachineInfo } from './machine';
import { budgetsOf, figuresOf, markdown, type RawResults, type RunOptions } from './report';
import { measureFootprint } from './scenarios/footprint';
import { measureIdle } from './scenarios/idle';
import { measureMemory } from './scenarios/memory';
import { measurePairing } from './scenarios/pairing';
import { measurePhones } from './scenarios/phones';
import { measureRecovery } from './scenarios/recovery';
import { measureSigning } from './scenarios/signing';

export const SCENARIOS = ['footprint', 'pairing', 'idle', 'signing', 'memory', 'recovery', 'phones'] as const;

const USAGE = `npm run bench -- [options]
  --n <N>             runs per scenario (default 20)
  --n-large <N>       runs for the largest signing size (default 5)
  --warmup <N>        unmeasured runs before each scenario (default 1)
  --sizes <a,b,c>     transactions per sign request (default 1,16,1024)
  --memory <N>        sign requests in the memory scenario (default 100)
  --memory-every <N>  heap reading every N requests (default 10)
  --idle-seconds <N>  how long the idle scenario watches the worker (default 60)
  --phones-rounds <N> rounds of the phones scenario: 1 phone, then 4 (default 3)
  --scenarios <list>  any of ${SCENARIOS.join(',')} (default all)
  --smoke             N=1, no warm-up, sizes 1,16,64, memory 6 requests, idle 5 s, phones 1 round: checks that every figure is produced
  --out <dir>         where results.json and results.md go (default bench/)
  --extension-root <dir>  build Tandem from another checkout (e.g. a git worktree, to compare a change)`;

export function parseOptions(argv: string[]): RunOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string' },
      'n-large': { type: 'string' },
      warmup: { type: 'string' },
      sizes: { type: 'string' },
      memory: { type: 'string' },
      'memory-every': { type: 'string' },
      'idle-seconds': { type: 'string' },
      'phones-rounds': { type: 'string' },
      scenarios: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      out: { type: 'string' },
      'extension-root': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const smoke = values.smoke;
  const int = (value: string | undefined, fallback: number, min = 1) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new Error(`expected a whole number ≥ ${min}, got ${value}\n${USAGE}`);
    return parsed;
  };
  const n = int(values.n, smoke ? 1 : 20);
  const scenarios = values.scenarios ? values.scenarios.split(',').map((s) => s.trim()) : [...SCENARIOS];
  const unknown = scenarios.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(', ')}\n${USAGE}`);
  const sizes = (values.sizes ?? (smoke ? '1,16,64' : '1,16,1024')).split(',').map((s) => int(s.trim(), 1));
  return {
    n,
    nLarge: int(values['n-large'], smoke ? 1 : Math.min(n, 5)),
    warmup: int(values.warmup, smoke ? 0 : 1, 0),
    sizes,
    memoryRequests: int(values.memory, smoke ? 6 : 100),
    memoryEvery: int(values['memory-every'], smoke ? 3 : 10),
    idleSeconds: int(values['idle-seconds'], smoke ? 5 : 60),
    phonesRounds: int(values['phones-rounds'], smoke ? 1 : 3),
    scenarios,
    outDir: resolve(values.out ?? 'bench'),
    extensionRoot: resolve(values['extension-root'] ?? '.'),
  };
}

async function measureAll(options: RunOptions, raw: RawResults, errors: string[], log: (line: string) => void): Promise<{ machine: MachineInfo; extensionDir: string }> {
  const wants = (s: string) => options.scenarios.includes(s);
  const bench: Bench = await startBench(log, options.extensionRoot);
  try {
    const machine = await machineInfo(await chromiumVersion(bench.desktop));
    const attempt = async (name: string, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (err) {
        const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
        errors.push(`${name}: ${message}`);
        log(`${name} FAILED: ${message.slice(0, 1_500)}`);
      }
    };
    if (wants('footprint')) await attempt('footprint', async () => void (raw.footprint = await measureFootprint(bench.shippedDir)));
    // Pairing runs even when not asked for: every other scenario needs a paired phone.
    await attempt('pairing', async () => {
      const pairing = await measurePairing(bench, wants('pairing') ? options.n : 1, wants('pairing') ? options.warmup : 0);
      if (wants('pairing')) raw.pairing = pairing;
    });
    if (wants('signing') || wants('memory') || wants('recovery') || wants('idle')) await connectDapp(bench);
    // Before any signing: paired, connected, the connect prompt answered, nothing else going on.
    if (wants('idle')) await attempt('idle', async () => void (raw.idle = await measureIdle(bench, options.idleSeconds * 1_000)));
    if (wants('signing')) {
      const largest = Math.max(...options.sizes);
      for (const size of options.sizes) {
        const n = size === largest && size > 16 ? options.nLarge : options.n;
        await attempt(`signing ${size}`, async () => void raw.signing.push(await measureSigning(bench, size, n, options.warmup)));
      }
    }
    if (wants('memory')) await attempt('memory', async () => void (raw.memory = await measureMemory(bench, options.memoryRequests, options.memoryEvery)));
    // Near the end: it kills the service worker.
    if (wants('recovery')) await attempt('recovery', async () => void (raw.recovery = await measureRecovery(bench, options.n, options.warmup)));
    // After everything else: it unpairs the phone the other scenarios sign with, and pairs three more.
    if (wants('phones')) await attempt('phones', async () => void (raw.phones = await measurePhones(bench, options.phonesRounds)));
    endLoad(machine);
    return { machine, extensionDir: bench.extensionDir };
  } finally {
    await bench.dispose();
  }
}

export async function runBench(options: RunOptions, log: (line: string) => void = (line) => console.log(line)): Promise<{ ok: boolean; resultsPath: string }> {
  const startedAt = new Date();
  const raw: RawResults = { signing: [] };
  const errors: string[] = [];
  log(`tandem bench: ${JSON.stringify({ ...options, outDir: undefined, extensionRoot: undefined })}`);
  const { machine } = await measureAll(options, raw, errors, log);
  const finishedAt = new Date();
  const figures = figuresOf(raw);
  const budgets = budgetsOf(figures, Math.max(...options.sizes));
  const notes = [
    'Tandem and the reference alternate request by request, so load from other processes hits both alike; ratios hold on a noisy machine where absolute times do not.',
    ...(errors.length ? [`Errors: ${errors.map((e) => e.split('\n')[0]).join('; ')}`] : []),
  ];
  const when = `${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000)} s`;
  const table = markdown(figures, budgets, options, machine, when, notes);
  await mkdir(options.outDir, { recursive: true });
  const resultsPath = join(options.outDir, 'results.json');
  await writeFile(
    resultsPath,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), options: { ...options, outDir: undefined, extensionRoot: undefined }, machine, figures, budgets, errors, raw }, null, 2)}\n`,
  );
  await writeFile(join(options.outDir, 'results.md'), `${table}\n`);
  log(`\n${table}\n`);
  for (const b of budgets) log(`${b.met ? 'MET   ' : 'MISSED'} ${b.figure}: ${b.value} (budget ${b.budget})`);
  log(`\nwrote ${resultsPath} and results.md`);
  return { ok: errors.length === 0, resultsPath };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '');
if (isMain) {
  const started = Date.now();
  const log = (line: string) => console.log(line.startsWith('\n') ? line : `[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
  runBench(parseOptions(process.argv.slice(2)), log).then(
    ({ ok }) => process.exit(ok ? 0 : 1),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}
