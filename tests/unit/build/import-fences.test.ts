/** `npm run check` (eslint) refuses imports across the context fences; each case would ship otherwise. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function fenceErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const refused: [string, string, RegExp][] = [
  ['entrypoints/background/x.ts', "import { a } from '@/entrypoints/popup/store';", /another/],
  ['entrypoints/background/requests/x.ts', "import { a } from '../../popup/store';", /another/],
  ['entrypoints/popup/x.ts', "import { a } from '../background/queue';", /another/],
  ['entrypoints/offscreen/x.ts', "import { a } from '@/entrypoints/content/provider';", /another/],
  ['lib/liquid/x.ts', "import { a } from '@/entrypoints/background/queue';", /shared layer/],
  ['lib/liquid/x.ts', "import { a } from '../../components/format';", /shared layer/],
  ['entrypoints/content/x.ts', "import { a } from '@/lib/algorand/decode';", /tiny/],
  ['entrypoints/content/x.ts', "import { a } from '@/lib/storage/items';", /tiny/],
  ['entrypoints/content/x.ts', "import { useState } from 'react';", /tiny/],
  ['entrypoints/content/x.ts', "import { a } from '@/components/format';", /tiny/],
  ['components/x.tsx', "import { a } from '@/dev/server/app';", /dev\//],
  ['lib/arc27/x.ts', "import { a } from '../../dev/wallet/signer';", /dev\//],
  ['entrypoints/background/x.ts', "import { a } from '@/dev/dapp/main';", /dev\//],
];

const allowed: [string, string][] = [
  ['entrypoints/background/requests/x.ts', "import { a } from '../queue';"],
  ['entrypoints/background/x.ts', "import { a } from './popup-handlers';"],
  ['entrypoints/content/x.ts', "import { a } from '@/lib/messaging/content-protocol';"],
  ['entrypoints/popup/x.ts', "import { a } from '@/components/format';"],
  ['lib/storage/x.ts', "import type { a } from '../liquid/types';"],
];

describe('import fences', () => {
  it.each(refused)('%s may not: %s', async (file, code, message) => {
    const errors = await fenceErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each(allowed)('%s may: %s', async (file, code) => {
    expect(await fenceErrors(file, code)).toEqual([]);
  });
});
