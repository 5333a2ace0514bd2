/**
 * The adapter package as a dApp meets it: `npm pack` in packages/use-wallet-tandem (its prepack
 * builds dist/) must hold dist/ (JS + types), README, LICENSE and package.json, and nothing else;
 * the tarball, installed with `npm install` into scratch apps next to use-wallet 5 and use-wallet 4
 * (the versions this repo installs, so npm checks the peer ranges against both), must import and
 * type-check from both entries. npm may reach the registry for metadata (`--prefer-offline` takes
 * what the cache of the repo's own install holds).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const PACKAGE_DIR = join(ROOT, 'packages/use-wallet-tandem');
const work = mkdtempSync(join(tmpdir(), 'tandem-adapter-pack-'));
const TIMEOUT_MS = 180_000;

function run(command: string, args: string[], cwd: string): string {
  const child = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${child.stdout}\n${child.stderr}`);
  return child.stdout;
}

function installedVersion(path: string): string {
  return (JSON.parse(readFileSync(join(ROOT, path, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The modules the build emits: one .js and one .d.ts per source file. */
function expectedDistFiles(): string[] {
  const src = join(PACKAGE_DIR, 'src');
  return readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .flatMap((entry) => {
      const base = relative(src, join(entry.parentPath, entry.name)).replace(/\.ts$/, '');
      return [`dist/${base}.js`, `dist/${base}.d.ts`];
    });
}

let tarball = '';
let packedFiles: string[] = [];

beforeAll(() => {
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], PACKAGE_DIR)) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((file) => file.path);
}, TIMEOUT_MS);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm pack', () => {
  it('holds dist/ (JS and types), README.md, LICENSE and package.json, and nothing else', () => {
    expect([...packedFiles].sort()).toEqual(['LICENSE', 'README.md', 'package.json', ...expectedDistFiles()].sort());
  });

  it('ships a README that shows the v5 line, the v4 snippet and the error codes', () => {
    const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
    expect(readme).toContain('npm install @tandem-wallet/use-wallet');
    expect(readme).toContain('wallets: [tandem()');
    expect(readme).toContain("from '@tandem-wallet/use-wallet/v4'");
    expect(readme).toContain('tandem.attach(manager)');
    for (const code of [4001, 4002, 4004, 4100, 4200, 4300]) expect(readme).toContain(`| ${code} |`);
  });

  it('keeps the v4 entry free of use-wallet imports (a v4 dApp must not bundle a second core)', () => {
    const v4Graph = ['dist/v4/index.js', ...packedFiles.filter((f) => f.endsWith('.js') && f !== 'dist/index.js' && !f.startsWith('dist/v4/'))];
    for (const file of v4Graph) expect(readFileSync(join(PACKAGE_DIR, file), 'utf8'), file).not.toMatch(/from ['"]@txnlab\//);
  });
});

/** A scratch dApp with the tarball, use-wallet at `useWalletVersion` and the repo's algosdk, installed by npm. */
function scratchApp(name: string, useWalletVersion: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name,
      private: true,
      type: 'module',
      dependencies: {
        '@tandem-wallet/use-wallet': `file:${tarball}`,
        '@txnlab/use-wallet': useWalletVersion,
        algosdk: installedVersion('node_modules/algosdk'),
      },
    }),
  );
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], dir);
  return dir;
}

/** Type-checks `source` in the scratch app with the repo's TypeScript, as a bundler-based dApp would. */
function typeCheck(dir: string, source: string): void {
  writeFileSync(join(dir, 'consumer.ts'), source);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2022', lib: ['ES2022', 'DOM'], skipLibCheck: true, types: [] }, files: ['consumer.ts'] }),
  );
  run(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], dir);
}

describe('the packed tarball installed in a dApp', () => {
  it('works with use-wallet 5: tandem() is listed by a WalletManager, and the types check', () => {
    const dir = scratchApp('v5-app', installedVersion('node_modules/@txnlab/use-wallet'));
    const out = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { WalletManager } from '@txnlab/use-wallet';
         import { tandem, WALLET_ID, TANDEM_PROVIDER_ID } from '@tandem-wallet/use-wallet';
         const manager = new WalletManager({ wallets: [tandem()] });
         const wallet = manager.getWallet(WALLET_ID);
         console.log(JSON.stringify({ ids: manager.availableWallets.map((w) => w.id), name: wallet.metadata.name, canSignData: wallet.canSignData, providerId: TANDEM_PROVIDER_ID }));`,
      ],
      dir,
    );
    expect(JSON.parse(out)).toEqual({ ids: ['tandem'], name: 'Tandem', canSignData: false, providerId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    typeCheck(
      dir,
      `import { WalletManager, type WalletAdapterConfig } from '@txnlab/use-wallet';
       import { tandem, TandemError } from '@tandem-wallet/use-wallet';
       const config: WalletAdapterConfig = tandem({ discoverTimeoutMs: 500, metadata: { name: 'Tandem' } });
       new WalletManager({ wallets: [config] });
       export const isTandemError = (e: unknown): e is TandemError => e instanceof TandemError;`,
    );
  }, TIMEOUT_MS);

  it('works with use-wallet 4: /v4 is a CustomProvider for WalletId.CUSTOM, and the types check', () => {
    const dir = scratchApp('v4-app', installedVersion('node_modules/@txnlab/use-wallet-react/node_modules/@txnlab/use-wallet'));
    const out = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { WalletId, WalletManager } from '@txnlab/use-wallet';
         import { TandemProvider } from '@tandem-wallet/use-wallet/v4';
         const tandem = new TandemProvider();
         const manager = new WalletManager({ wallets: [{ id: WalletId.CUSTOM, options: { provider: tandem }, metadata: tandem.metadata }] });
         tandem.attach(manager);
         console.log(JSON.stringify({ ids: manager.wallets.map((w) => w.id), name: manager.getWallet(WalletId.CUSTOM).metadata.name }));`,
      ],
      dir,
    );
    expect(JSON.parse(out)).toEqual({ ids: ['custom'], name: 'Tandem' });
    typeCheck(
      dir,
      `import { WalletId, WalletManager, type CustomProvider } from '@txnlab/use-wallet';
       import { TandemProvider } from '@tandem-wallet/use-wallet/v4';
       const tandem = new TandemProvider({ installUrl: 'https://example.test' });
       const provider: CustomProvider = tandem;
       const manager = new WalletManager({ wallets: [{ id: WalletId.CUSTOM, options: { provider }, metadata: tandem.metadata }] });
       tandem.attach(manager);`,
    );
  }, TIMEOUT_MS);
});
