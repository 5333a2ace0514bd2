import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import noUiLiterals from './eslint-rules/no-ui-literals.js';


/**
 * Fences between the contexts (architecture.md, "Contexts and what each owns"). Each entry is one
 * `no-restricted-imports` pattern, matched against the import as written: both the `@/` alias and
 * relative paths. ESLint keeps one value per rule, so `fence()` builds each directory's full list.
 */
const ENTRYPOINTS = ['background', 'content', 'offscreen', 'popup'];
const rel = (dirs) => `(^|/)(\\.\\./)+(${dirs})(/|$)`;
const alias = (dirs) => `^@/(${dirs})(/|$)`;
const noDev = {
  regex: `${alias('dev')}|${rel('dev')}`,
  message: 'Shipped code never imports dev/: the dev server, wallet and dApps are test doubles, not part of the extension.',
};
const noOtherEntrypoint = (self) => {
  const others = ENTRYPOINTS.filter((e) => e !== self).join('|');
  return {
    regex: `${alias(`entrypoints/(${others})`)}|${rel(`entrypoints/(${others})`)}|${rel(others)}`,
    message: `An entrypoint never imports another: each runs in its own context (${self} talks to the others through lib/messaging).`,
  };
};
const fence = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/**/*.json', 'packages/*/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['components/**/*.tsx', 'entrypoints/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Every text the user reads comes from public/_locales through t() (README, "Languages").
    files: ['components/**/*.tsx', 'entrypoints/popup/**/*.tsx'],
    plugins: { tandem: { rules: { 'no-ui-literals': noUiLiterals } } },
    rules: { 'tandem/no-ui-literals': 'error' },
  },
  {
    // Playwright fixtures take `{}` when they need no other fixture.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // react-dom's only innerHTML assignment serves this prop; web-ext lint flags it, and
    // scripts/lint-firefox.mjs accepts that warning only because the prop is never used.
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text, never HTML (see scripts/lint-firefox.mjs).' },
        { selector: "Property[key.name='dangerouslySetInnerHTML']", message: 'Render text, never HTML (see scripts/lint-firefox.mjs).' },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  fence(['lib/**/*.{ts,tsx}'], [
    noDev,
    {
      regex: `${alias('entrypoints|components')}|${rel('entrypoints|components')}`,
      message: 'lib/ is the shared layer: it never imports a context (entrypoints/) or the view (components/).',
    },
  ]),
  fence(['components/**/*.{ts,tsx}'], [noDev, { regex: `${alias('entrypoints')}|${rel('entrypoints')}`, message: 'Components are pure views: the popup entrypoint imports them, not the reverse.' }]),
  ...['background', 'offscreen', 'popup'].map((e) => fence([`entrypoints/${e}/**/*.{ts,tsx}`], [noDev, noOtherEntrypoint(e)])),
  fence(['entrypoints/content/**/*.{ts,tsx}'], [
    noDev,
    noOtherEntrypoint('content'),
    {
      regex: `${alias('lib/algorand|lib/storage|components')}|${rel('lib/algorand|lib/storage|components')}|^react(-dom)?(/|$)`,
      message: 'The content script runs in every page and stays tiny: no algosdk (lib/algorand), no storage (the background owns it), no React.',
    },
  ]),
);
