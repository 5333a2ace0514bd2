import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

let pagesDir: string;
let server: TestServer;

async function writePage(name: string, files: Record<string, string>): Promise<void> {
  await mkdir(join(pagesDir, name), { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(pagesDir, name, file), text);
}

beforeAll(async () => {
  pagesDir = await mkdtemp(join(tmpdir(), 'tandem-pages-'));
  await writePage('wallet', {
    'index.html': '<!doctype html><title>Dev wallet</title><script type="module" src="./main.js"></script>',
    'main.ts': [
      "import { greeting } from './greeting.ts';",
      'const mode: string = process.env.NODE_ENV ?? "unset";',
      'document.title = `${greeting} (${mode}) ${String(typeof global)}`;',
    ].join('\n'),
    'greeting.ts': "export const greeting: string = 'hello from the wallet';",
    'style.css': 'body { color: teal; }',
  });
  await writePage('reference-dapp', {
    'index.html': '<!doctype html><title>Reference dApp</title>',
    'main.ts': 'const broken: number = ;',
  });
  server = await startTestServer({ pagesDir });
});

afterAll(async () => {
  await server.stop();
  await rm(pagesDir, { recursive: true, force: true });
});

describe('dev pages', () => {
  it('serves a page’s index.html', async () => {
    const response = await fetch(`${server.url}/wallet/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<title>Dev wallet</title>');
  });

  it('redirects /<page> to /<page>/ keeping the query, so relative URLs resolve in the page folder', async () => {
    const redirect = await fetch(`${server.url}/wallet?requestId=abc`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/wallet/?requestId=abc');
    await redirect.body?.cancel();
    const followed = await fetch(`${server.url}/wallet`);
    expect(followed.status).toBe(200);
    expect(await followed.text()).toContain('Dev wallet');
  });

  it('bundles main.ts for the browser as JavaScript with an inline source map', async () => {
    const response = await fetch(`${server.url}/wallet/main.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    const code = await response.text();
    expect(code).toContain('hello from the wallet');
    expect(code).not.toContain('import ');
    expect(code).not.toContain('process.env');
    expect(code).toContain('"development"');
    expect(code).toContain('globalThis');
    expect(code).toContain('sourceMappingURL=data:application/json;base64,');
  });

  it('rebuilds when a source changes', async () => {
    await writeFile(join(pagesDir, 'wallet', 'greeting.ts'), "export const greeting: string = 'edited greeting';");
    const code = await (await fetch(`${server.url}/wallet/main.js`)).text();
    expect(code).toContain('edited greeting');
    expect(code).not.toContain('hello from the wallet');
  });

  it('serves other files of the page folder', async () => {
    const response = await fetch(`${server.url}/wallet/style.css`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('teal');
  });

  it('answers 404 with a clear text for a page that does not exist yet', async () => {
    for (const path of ['/dapp', '/dapp/', '/dapp/main.js']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toMatch(/"dapp" does not exist yet/);
    }
  });

  it('answers 500 with the esbuild message for a build error, then recovers once fixed', async () => {
    const broken = await fetch(`${server.url}/reference-dapp/main.js`);
    expect(broken.status).toBe(500);
    const message = await broken.text();
    expect(message).toContain('main.ts');
    expect(message).toMatch(/error/i);

    const stillServing = await fetch(`${server.url}/wallet/main.js`);
    expect(stillServing.status).toBe(200);
    await stillServing.body?.cancel();

    await writeFile(join(pagesDir, 'reference-dapp', 'main.ts'), 'export const fixed: number = 1; console.log(fixed);');
    const fixed = await fetch(`${server.url}/reference-dapp/main.js`);
    expect(fixed.status).toBe(200);
    expect(await fixed.text()).toContain('console.log');
  });

  it('picks up a page folder created after start', async () => {
    await writePage('dapp', { 'index.html': '<title>Late dApp</title>', 'main.ts': 'console.log("late");' });
    expect(await (await fetch(`${server.url}/dapp/`)).text()).toContain('Late dApp');
    expect(await (await fetch(`${server.url}/dapp/main.js`)).text()).toContain('late');
  });

  it('lists the pages at /', async () => {
    const response = await fetch(`${server.url}/`);
    const html = await response.text();
    for (const name of ['wallet', 'dapp', 'reference-dapp']) expect(html).toContain(`href="/${name}/"`);
  });

  it('only serves the known page names', async () => {
    await writePage('secret', { 'index.html': 'secret' });
    const response = await fetch(`${server.url}/secret/`);
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });
});

describe('default pages folder', () => {
  it('is the repo’s dev/ folder, found from the module rather than the working directory', async () => {
    const repoDev = fileURLToPath(new URL('../../../dev/', import.meta.url));
    const defaultServer = await startTestServer();
    try {
      const html = await (await fetch(`${defaultServer.url}/`)).text();
      for (const name of ['wallet', 'dapp', 'reference-dapp']) {
        const written = existsSync(join(repoDev, name));
        expect(html.includes(`>${name}</a> (not written yet)`), name).toBe(!written);
      }
    } finally {
      await defaultServer.stop();
    }
  });
});
