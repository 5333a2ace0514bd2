import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeDataDir, withTimeout } from './harness.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
// Starting tsx cold takes several seconds on the 2-core CI machines.
const START_MS = 25_000;

describe('npm run server (dev/server/main.ts)', () => {
  it('prints one ready line, serves from any working directory, and exits cleanly on SIGTERM', async () => {
    const workDir = await makeDataDir();
    const dataDir = join(workDir, 'data');
    const child = spawn(join(repo, 'node_modules/.bin/tsx'), [join(repo, 'dev/server/main.ts')], {
      cwd: workDir,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group, so the test can signal tsx and the server process together, as Ctrl+C in a terminal
      // does. (Signalling only the tsx parent makes tsx SIGKILL the server unless it confirms within 30 ms.)
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          const check = () => {
            if (stdout.includes('\n')) resolve();
          };
          child.stdout.on('data', check);
          child.once('exit', () => reject(new Error(`server exited early: ${stderr}`)));
        }),
        'the ready line',
        START_MS,
      );
      expect(stdout).toMatch(/^listening on http:\/\/localhost:\d+\n$/);
      const url = stdout.trim().slice('listening on '.length);

      const response = await fetch(`${url}/auth/session`);
      expect(response.status).toBe(200);
      await response.body?.cancel();
      expect(existsSync(dataDir)).toBe(true);

      process.kill(-child.pid!, 'SIGTERM');
      expect(await withTimeout(exited, 'exit after SIGTERM')).toBe(0);
      expect(stdout.trim().split('\n')).toHaveLength(1);
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
      await rm(workDir, { recursive: true, force: true });
    }
  }, 40_000);
});
