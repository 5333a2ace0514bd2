/**
 * Script bytes, read from the built extension: what every web page gets (the manifest's content
 * scripts), and what the popup and the approval window load before they can render (their HTML's
 * entry scripts and modulepreloads, followed through static imports; lazy `import()` chunks are
 * listed apart, with the view that loads them when that is known from the chunk's name).
 */
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ScriptBytes {
  files: string[];
  raw: number;
  gzip: number;
}

export interface FootprintFigure {
  contentScript: ScriptBytes;
  popup: ScriptBytes;
  approvalWindow: ScriptBytes;
  offscreen: ScriptBytes;
  background: ScriptBytes;
  /** How gzip sizes are taken: each file compressed on its own at level 9 (what a loader fetches). */
  method: string;
}

async function bytesOf(extensionDir: string, files: string[]): Promise<ScriptBytes> {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const content = await readFile(join(extensionDir, file));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

/** Relative module specifiers a bundled chunk imports (`from"./x.js"`, `import"./x.js"`, `import("./x.js")`). */
function importsOf(source: string): { staticImports: string[]; dynamicImports: string[] } {
  const staticImports = [...source.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)].map((m) => m[1]!);
  const dynamicImports = [...source.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g)].map((m) => m[1]!);
  return { staticImports, dynamicImports };
}

/** A file and everything it imports statically, as paths inside the extension. */
async function staticClosure(extensionDir: string, entries: string[]): Promise<{ files: string[]; lazy: string[] }> {
  const seen = new Set<string>();
  const lazy = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { staticImports, dynamicImports } = importsOf(await readFile(join(extensionDir, file), 'utf8'));
    for (const spec of staticImports) queue.push(posix.join(posix.dirname(file), spec));
    for (const spec of dynamicImports) lazy.add(posix.join(posix.dirname(file), spec));
  }
  return { files: [...seen], lazy: [...lazy].filter((f) => !seen.has(f)) };
}

async function htmlScripts(extensionDir: string, html: string): Promise<string[]> {
  const text = await readFile(join(extensionDir, html), 'utf8');
  const scripts = [...text.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g), ...text.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)];
  return scripts.map((m) => m[1]!.replace(/^\//, ''));
}

/** The chunks a view loads: the page's closure plus lazy chunks named after `view` (and their closure). */
async function viewScripts(extensionDir: string, html: string, view: RegExp | null): Promise<ScriptBytes> {
  const page = await staticClosure(extensionDir, await htmlScripts(extensionDir, html));
  const lazyForView = view ? page.lazy.filter((file) => view.test(posix.basename(file))) : [];
  const withLazy = lazyForView.length ? await staticClosure(extensionDir, [...page.files, ...lazyForView]) : page;
  return bytesOf(extensionDir, withLazy.files);
}

export async function measureFootprint(extensionDir: string): Promise<FootprintFigure> {
  const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[] }[];
    background?: { service_worker?: string };
  };
  const contentFiles = [...new Set((manifest.content_scripts ?? []).flatMap((c) => c.js ?? []))];
  const background = manifest.background?.service_worker;
  return {
    contentScript: await bytesOf(extensionDir, contentFiles),
    popup: await viewScripts(extensionDir, 'popup.html', /^(HomeView|home)/i),
    approvalWindow: await viewScripts(extensionDir, 'popup.html', /^(ApprovalView|approval)/i),
    offscreen: await viewScripts(extensionDir, 'offscreen.html', null),
    background: background ? await bytesOf(extensionDir, (await staticClosure(extensionDir, [background])).files) : { files: [], raw: 0, gzip: 0 },
    method: 'each file gzipped on its own at level 9; 1 KB = 1,000 bytes',
  };
}
