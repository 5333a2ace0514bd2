/**
 * Oversized, malformed and unsupported requests each get a clear ARC-0027 error quickly (or, where
 * the provider library drops the event before Tandem sees it, provably none), and Tandem keeps
 * working afterwards. The cases live in tests/fixtures/abuse/page-envelopes.ts.
 */
import { test, expect } from './support/fixtures';
import { ENVELOPE_CASES } from '../fixtures/abuse/page-envelopes';
import { storedQueue } from './support/extension-state';
import { probeWithoutId, requestBuilt, requestRaw, seenResponses, type SeenResponse } from './support/hostile-page';
import { signWithApproval, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';

/** Generous on a shared 2-core machine; typical answers take a few ms to a few hundred. */
const QUICK_MS = 3_000;

test('malformed, oversized and unsupported requests get a clear error at once, and signing still works', async ({ context, extensionId, signSetup: { address, dapp }, worker }) => {
  const txn = await dapp.buildPayment(address);

  const report: string[] = [];
  for (const [index, c] of ENVELOPE_CASES.entries()) {
    let responses: SeenResponse[];
    let ms: number | undefined;
    if (c.noId || 'none' in c.expect) {
      responses = await probeWithoutId(dapp.page, c.method, c.build !== undefined ? { build: c.build } : { detail: c.detail!(txn) });
    } else {
      const id = `case-${index}`;
      const answer = await (c.build !== undefined ? requestBuilt(dapp.page, c.method, id, c.build) : requestRaw(dapp.page, c.method, { ...(c.detail!(txn) as object), id })).catch(async (err: unknown) => {
        throw new Error(`${c.name}: no answer; last seen ${JSON.stringify((await seenResponses(dapp.page)).slice(-3)).slice(0, 600)}: ${String(err).slice(0, 200)}`);
      });
      responses = [answer.response];
      ms = answer.ms;
    }
    const expected = c.expect;
    if ('ignored' in expected) {
      // Answered as the event type's method (a connected site's enable from its session): the forged field changed nothing.
      expect(responses[0]?.error, c.name).toBeUndefined();
      expect(responses[0]?.type, c.name).toBe(`arc0027:${c.method}:response`);
      report.push(`${c.name}: answered as ${c.method} (${expected.ignored})`);
      continue;
    }
    if ('none' in expected) {
      expect(responses, c.name).toEqual([]);
      report.push(`${c.name}: no answer (${expected.none})`);
      continue;
    }
    expect(responses, c.name).toHaveLength(1);
    const [response] = responses as [SeenResponse];
    expect(response.error?.code, `${c.name}: ${JSON.stringify(response).slice(0, 300)}`).toBe(expected.code);
    if (expected.message) expect(response.error?.message, c.name).toMatch(expected.message);
    if (expected.requestId === 'none') expect(response.requestId, c.name).toBeUndefined();
    else expect(response.requestId, c.name).toBeDefined();
    if (ms !== undefined) expect(ms, c.name).toBeLessThan(QUICK_MS);
    report.push(`${c.name}: ${response.error?.code} "${response.error?.message}"${ms === undefined ? '' : ` in ${Math.round(ms)} ms`}`);
  }
  console.log(report.join('\n'));

  // Nothing was queued, and an ordinary request still goes through.
  expect(await storedQueue(worker)).toEqual([]);
  const { outcome } = await signWithApproval(context, extensionId, dapp, [{ txn }]);
  verifySignedTxn(stxnsOf(outcome)[0]!, txn, address);
});
