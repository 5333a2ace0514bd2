import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import express, { Router, type NextFunction, type Request, type Response } from 'express';

/**
 * The development pages other parts of the repo provide as `<pagesDir>/<name>/index.html` + `main.ts`.
 * A name may have two segments (the use-wallet example dApps live inside the test dApp's folder).
 */
export const DEV_PAGE_NAMES = ['wallet', 'dapp', 'reference-dapp', 'dapp/use-wallet-v5', 'dapp/use-wallet-v4'] as const;
type DevPageName = (typeof DEV_PAGE_NAMES)[number];

/**
 * Bundling options of single pages. use-wallet v4's core imports every wallet SDK it supports with
 * `import()`; the v4 example only uses its custom provider, so those SDKs (not installed) stay
 * unresolved imports that never run, as in a dApp that leaves them out.
 */
const PAGE_BUILD_OPTIONS: Partial<Record<DevPageName, Pick<esbuild.BuildOptions, 'external'>>> = {
  'dapp/use-wallet-v4': {
    external: [
      '@blockshake/defly-connect',
      '@perawallet/connect',
      '@walletconnect/modal',
      '@walletconnect/sign-client',
      '@web3auth/*',
      'lute-connect',
      '@magic-ext/algorand',
      'magic-sdk',
    ],
  },
};

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function sendText(res: Response, status: number, text: string): void {
  res.status(status).type('text/plain; charset=utf-8').send(text);
}

type PageContext = esbuild.BuildContext<{ write: false; metafile: true }>;
type PageBuild = esbuild.BuildResult<{ write: false; metafile: true }>;

/** A bundle and the size + mtime of every file it was built from. */
interface CachedBundle {
  code: string;
  inputs: Map<string, string>;
}

function fingerprint(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/**
 * Fingerprints of a build's input files, or undefined when one changed while the build ran (the output may
 * predate it, so it must not be cached). Virtual modules (`(disabled):crypto`, `ns:path`) have nothing to watch.
 */
function inputFiles(result: PageBuild, workingDir: string, startedAt: number): Map<string, string> | undefined {
  const inputs = new Map<string, string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    if (/^[^/]*:/.test(input)) continue;
    const path = resolve(workingDir, input);
    const print = fingerprint(path);
    const mtime = Number(print.split(':')[1]);
    if (print === 'missing' || mtime >= startedAt) return undefined;
    inputs.set(path, print);
  }
  return inputs;
}

/**
 * Serves the dev pages and bundles each page's `main.ts` on request with esbuild, one context per page. A request
 * for `main.js` rebuilds when any input file changed (size or mtime) since the last build, so edits show up on
 * reload without a watcher; an unchanged page is served from memory, because even a no-op esbuild rebuild of the
 * wallet page (algosdk, inline source map) takes about a second. Builds of one page run one at a time.
 */
export class DevPages {
  private readonly contexts = new Map<DevPageName, Promise<PageContext>>();
  private readonly builds = new Map<DevPageName, Promise<string>>();
  private readonly bundles = new Map<DevPageName, CachedBundle>();

  constructor(
    private readonly pagesDir: string,
    private readonly log: (line: string) => void,
  ) {}

  router(): Router {
    const router = Router();

    router.get('/', (_req, res) => {
      const links = DEV_PAGE_NAMES.map((name) => {
        const present = isDirectory(join(this.pagesDir, name));
        return `<li><a href="/${name}/">${name}</a>${present ? '' : ' (not written yet)'}</li>`;
      }).join('');
      res
        .type('html')
        .send(`<!doctype html><meta charset="utf-8"><title>Tandem dev server</title><h1>Tandem dev server</h1><ul>${links}</ul>`);
    });

    // Longest names first: /dapp/use-wallet-v5 is a page of its own, not a file inside /dapp.
    const byLength = [...DEV_PAGE_NAMES].sort((a, b) => b.length - a.length);
    for (const page of byLength) router.use(`/${page}`, (req, res, next) => this.servePage(page, req, res, next));

    // Anything else in a page's folder (stylesheets, images) is served as is.
    for (const page of byLength) {
      router.use(`/${page}`, express.static(join(this.pagesDir, page), { index: false, dotfiles: 'ignore' }));
    }
    return router;
  }

  private servePage(page: DevPageName, req: Request, res: Response, next: NextFunction): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    const dir = join(this.pagesDir, page);
    if (!isDirectory(dir)) {
      sendText(res, 404, `The dev page "${page}" does not exist yet (no folder ${dir}).`);
      return;
    }
    // `req.path` is relative to the mount point here.
    if (req.path === '/' && !req.originalUrl.split('?')[0]!.endsWith('/')) {
      // `/wallet` → `/wallet/`, so the page's relative URLs (`./main.js`) resolve inside its folder.
      const query = req.originalUrl.slice(req.originalUrl.split('?')[0]!.length);
      res.redirect(302, `/${page}/${query}`);
      return;
    }
    if (req.path === '/' || req.path === '/index.html') {
      const index = join(dir, 'index.html');
      if (!existsSync(index)) {
        sendText(res, 404, `The dev page "${page}" has no index.html yet.`);
        return;
      }
      res.set('Cache-Control', 'no-store').sendFile(index);
      return;
    }
    if (req.path === '/main.js') {
      this.sendBundle(page, res).catch(next);
      return;
    }
    next();
  }

  async dispose(): Promise<void> {
    const contexts = [...this.contexts.values()];
    this.contexts.clear();
    this.bundles.clear();
    await Promise.allSettled(contexts.map(async (context) => (await context).dispose()));
  }

  private async sendBundle(page: DevPageName, res: Response): Promise<void> {
    const entry = join(this.pagesDir, page, 'main.ts');
    if (!existsSync(entry)) {
      sendText(res, 404, `The dev page "${page}" has no main.ts yet.`);
      return;
    }
    const build = (this.builds.get(page) ?? Promise.resolve(''))
      .catch(() => '')
      .then(() => this.bundle(page, entry));
    this.builds.set(page, build);
    let code: string;
    try {
      code = await build;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log(`build of ${page}/main.ts failed: ${message}`);
      sendText(res, 500, `Build of ${page}/main.ts failed:\n${message}`);
      return;
    }
    res.status(200).type('text/javascript; charset=utf-8').set('Cache-Control', 'no-store').send(code);
  }

  private async bundle(page: DevPageName, entry: string): Promise<string> {
    const cached = this.bundles.get(page);
    if (cached && [...cached.inputs].every(([path, print]) => fingerprint(path) === print)) return cached.code;
    this.bundles.delete(page);
    const startedAt = Date.now();
    const result = await (await this.contextFor(page, entry)).rebuild();
    const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
    if (!output) throw new Error('esbuild produced no JavaScript');
    const inputs = inputFiles(result, this.pageDir(page), startedAt);
    if (inputs) this.bundles.set(page, { code: output.text, inputs });
    return output.text;
  }

  private pageDir(page: DevPageName): string {
    return join(this.pagesDir, page);
  }

  private contextFor(page: DevPageName, entry: string): Promise<PageContext> {
    let context = this.contexts.get(page);
    if (!context) {
      context = esbuild.context({
        entryPoints: [entry],
        absWorkingDir: this.pageDir(page),
        outfile: join(this.pageDir(page), 'main.js'), // only names the in-memory output (write: false)
        write: false,
        metafile: true,
        bundle: true,
        platform: 'browser',
        format: 'esm',
        target: 'es2022',
        sourcemap: 'inline',
        logLevel: 'silent',
        define: { 'process.env.NODE_ENV': '"development"', global: 'globalThis' },
        ...PAGE_BUILD_OPTIONS[page],
      });
      // A failed creation must not be cached: the next request tries again.
      context.catch(() => this.contexts.delete(page));
      this.contexts.set(page, context);
    }
    return context;
  }
}
