/**
 * `npm run store-assets` cannot rot: it runs end to end (its own build, dev server, dev wallet and
 * browser) and writes every store screenshot at the stores' 1280×800. What the images show is for
 * people to judge; this checks they were made.
 */
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

test('npm run store-assets writes the popup, pairing, connect and sign screenshots, light and dark, at 1280×800', async () => {
  test.setTimeout(300_000);
  const out = mkdtempSync(join(tmpdir(), 'tandem-store-assets-'));
  try {
    await run(process.execPath, ['scripts/store-assets.mjs', '--out', out], { timeout: 280_000, maxBuffer: 64 * 1024 * 1024 }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`store-assets failed: ${err.message}\n${(err.stdout ?? '').slice(-4_000)}\n${(err.stderr ?? '').slice(-4_000)}`);
    });
    for (const screen of ['popup', 'pairing', 'connect', 'sign']) {
      for (const scheme of ['light', 'dark']) {
        const png = readFileSync(join(out, `${screen}-${scheme}.png`));
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)], `${screen}-${scheme}.png`).toEqual([1280, 800]);
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
