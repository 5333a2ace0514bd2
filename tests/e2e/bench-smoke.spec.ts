/**
 * `npm run bench` cannot rot: its smoke version (N=1, 1/16/64 transactions, 6 requests for memory)
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

    const { footprint, timeToPrompt, pairing, signing, recovery, memory } = results.figures;
    for (const bytes of [footprint.contentScript, footprint.popup, footprint.approvalWindow]) {
      expect(bytes.files.length).toBeGreaterThan(0);
      expect(bytes.raw).toBeGreaterThan(bytes.gzip);
      expect(bytes.gzip).toBeGreaterThan(0);
    }
    expect(measured(timeToPrompt.p50) && measured(timeToPrompt.p95)).toBe(true);
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

    expect(results.machine.cpuModel).not.toBe('');
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.chromium).toMatch(/Chrome\/\d+/);
    // One verdict per budget of the issue (content script, prompt, pairing, three signing sizes, recovery, memory).
    expect(results.budgets).toHaveLength(8);
    expect(results.budgets.every((b: { met: unknown }) => typeof b.met === 'boolean')).toBe(true);

    const table = readFileSync(join(out, 'results.md'), 'utf8');
    expect(table).toContain('| Figure | Tandem p50 / p95 | Reference p50 / p95 |');
    expect(stdout).toContain(table.split('\n')[0]);
    expect(stdout).toMatch(/\b(MET|MISSED) /);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
