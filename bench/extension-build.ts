/**
 * Builds Tandem for Chrome into a directory of the benchmark's own: other people rebuilding
 * `.output/chrome-mv3` in the same checkout must not change the extension under a running browser.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'wxt';

const quiet = {
  debug: () => undefined,
  log: () => undefined,
  info: () => undefined,
  success: () => undefined,
  warn: (...args: unknown[]) => console.warn('[wxt]', ...args),
  error: (...args: unknown[]) => console.error('[wxt]', ...args),
  fatal: (...args: unknown[]) => console.error('[wxt]', ...args),
  level: 3,
};

/**
 * Returns the unpacked extension directory (the chrome-mv3 folder). `hopMarks`: with the User Timing
 * marks of lib/perf/hop-marks.ts compiled in (wxt.config.ts reads TANDEM_HOP_MARKS when it loads).
 */
export async function buildChromeExtension(root = process.cwd(), options: { hopMarks?: boolean } = {}): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'tandem-bench-build-'));
  const before = process.env.TANDEM_HOP_MARKS;
  process.env.TANDEM_HOP_MARKS = options.hopMarks ? '1' : '0';
  try {
    const output = await build({ browser: 'chrome', root: resolve(root), outDir, logger: quiet });
    const mv = output.manifest.manifest_version;
    return join(outDir, `chrome-mv${mv}`);
  } finally {
    if (before === undefined) delete process.env.TANDEM_HOP_MARKS;
    else process.env.TANDEM_HOP_MARKS = before;
  }
}
