/** The lint rule that fails the build on a hard-coded UI text in a component (README, "Languages"). */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });

async function problems(code: string, file = 'components/Example.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'tandem/no-ui-literals').map((m) => m.message);
}

describe('tandem/no-ui-literals', () => {
  it('reports JSX text', async () => {
    expect(await problems('export const A = () => <p>Connect to this site?</p>;')).toEqual([
      'Hard-coded UI text "Connect to this site?": add it to public/_locales/*/messages.json and render t(\'…\') (README, Languages).',
    ]);
  });

  it('reports strings and templates rendered as children, also as branches', async () => {
    expect(await problems("export const A = ({ n, on }: { n: number; on: boolean }) => <p>{`${n} warnings`}{on ? 'Copied' : null}{on && 'Saved.'}</p>;")).toHaveLength(3);
  });

  it('reports the attributes a person reads or hears', async () => {
    const code = `export const A = () => <div><img alt="QR code" /><input placeholder="Name" aria-label={'Server'} /><span title={\`Block \${1}\`} /></div>;`;
    expect(await problems(code)).toHaveLength(4);
  });

  it('covers the popup entrypoint too', async () => {
    expect(await problems('export const A = () => <p>Loading…</p>;', 'entrypoints/popup/Example.tsx')).toHaveLength(1);
  });

  it('lets through t(), separators without letters, and attributes nobody reads', async () => {
    const code = `import { t } from '@/lib/i18n';
export const A = () => <p className="muted" data-testid="x" title={t('block_site_title')}>{t('block_site')}{' · '}→</p>;`;
    expect(await problems(code)).toEqual([]);
  });
});
