/**
 * `npm run bench` cannot rot: its smoke version (N=1, 1/16/64 transactions, 6 requests for memory, one round of 4 phones)
 * runs end to end with its own build, server and browsers, and every figure comes out. Budgets are
 * the benchmark's business, not this test's: it asserts that each figure was measured, never its value.
 */
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SMOKE_SIZES = [1, 16, 64];

const measured = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;

test('npm run bench -- --smoke measures every figure (Tandem and the reference) and writes results.json and results.md', async () => {
  test.setTimeout(600_000);
  const out = mkdtempSync(join(tmpdir(), 'tandem-bench-smoke-'));
  try {
    const { stdout } = await run(process.execPath, ['scripts/bench.mjs', '--smoke', '--out', out], { timeout: 540_000, maxBuffer: 64 * 1024 * 1024 }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`the smoke bench failed: ${err.message}\n${(err.stdout ?? '').slice(-4_000)}\n${(err.stderr ?? '').slice(-4_000)}`);
    });
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.errors).toEqual([]);

    const { footprint, timeToPrompt, pairing, signing, recovery, memory, hops, idle } = results.figures;
    for (const bytes of [footprint.contentScript, footprint.popup, footprint.approvalWindow]) {
      expect(bytes.files.length).toBeGreaterThan(0);
      expect(bytes.raw).toBeGreaterThan(bytes.gzip);
      expect(bytes.gzip).toBeGreaterThan(0);
    }
    expect(measured(timeToPrompt.p50) && measured(timeToPrompt.p95)).toBe(true);
    expect(measured(results.figures.simulationShown.p50) && measured(results.figures.simulationShown.p95)).toBe(true);
    expect([pairing.tandem.p50, pairing.reference.p50, pairing.ratioP50].every(measured)).toBe(true);
    expect(signing.map((s: { size: number }) => s.size)).toEqual(SMOKE_SIZES);
    for (const s of signing) {
      expect([s.tandem.p50, s.tandem.p95, s.reference.p50, s.reference.p95, s.ratioP50].every(measured)).toBe(true);
      expect(Number.isFinite(s.addedP50)).toBe(true);
      expect(s.tandemFrames).toBeGreaterThanOrEqual(1);
      expect(s.referenceFrames).toBeGreaterThanOrEqual(1);
    }
    expect(measured(recovery.prompt.p50)).toBe(true);
    expect([memory.after.serviceWorker, memory.after.offscreen, memory.after.popup].every((b: number) => b > 0)).toBe(true);
    expect(Object.values(memory.growthPerRequest).every((g) => Number.isFinite(g))).toBe(true);

    // Issue #17: the idle worker's counts over the smoke's 5 s window, and every hop of both paths.
    expect(idle.windowMs).toBe(5_000);
    expect(Object.values(idle.counts).every((c) => Number.isInteger(c) && (c as number) >= 0)).toBe(true);
    expect(Number.isFinite(idle.wakeUpsPerMinute)).toBe(true);
    expect(hops.prompt.hops.length).toBeGreaterThan(5);
    expect(hops.approve.map((a: { size: number }) => a.size)).toEqual([1, 16]);
    for (const path of [hops.prompt, ...hops.approve]) {
      for (const hop of path.hops) {
        expect(hop.n, `${hop.label}: every mark found`).toBe(1);
        expect(Number.isFinite(hop.p50), hop.label).toBe(true);
      }
    }

    // Issue #16: one round of 1 phone then 4, every reading taken and each phone's pairing timed.
    const { phones } = results.figures;
    expect(phones.rounds).toBe(1);
    expect(phones.phones).toBe(4);
    expect([phones.one.serviceWorker, phones.one.offscreen, phones.many.serviceWorker, phones.many.offscreen].every((b: number) => b > 0)).toBe(true);
    expect(Number.isFinite(phones.perPhone.serviceWorker) && Number.isFinite(phones.perPhone.offscreen)).toBe(true);
    expect(phones.pairingByPlace).toHaveLength(4);
    expect(phones.pairingByPlace.every((s: { n: number; p50: number }) => s.n === 1 && measured(s.p50))).toBe(true);

    expect(results.machine.cpuModel).not.toBe('');
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.chromium).toMatch(/Chrome\/\d+/);
    // One verdict per budget (content script, prompt, pairing, three signing sizes, recovery, memory), and
    // issue #17's targets (prompt ≤ 100 ms, 1 transaction ≤ 10 ms added, an idle worker).
    expect(results.budgets).toHaveLength(11);
    expect(results.budgets.every((b: { met: unknown }) => typeof b.met === 'boolean')).toBe(true);

    const table = readFileSync(join(out, 'results.md'), 'utf8');
    expect(table).toContain('| Figure | Tandem p50 / p95 | Reference p50 / p95 |');
    expect(table).toContain('Approve → verified result: hop ending when…');
    expect(table).toContain('| Memory with 4 phones:');
    expect(stdout).toContain(table.split('\n')[0]);
    expect(stdout).toMatch(/\b(MET|MISSED) /);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
