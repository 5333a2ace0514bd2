/**
 * A dApp in Firefox connects to Tandem and gets a payment signed by the phone, verified
 * independently; a rejection in Tandem's approval window reaches the dApp as 4001.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../dev/dapp/dapp-api';
import { verifySignedTxn } from '../e2e/support/verify';
import type { FirefoxDapp } from './support/dapp-page';
import { connectDapp, pairPhone, requestPaymentSignature } from './support/flows';
import { startFirefoxSession, type FirefoxSession } from './support/session';
import { withTimeout } from './support/wait';

const ANSWER_TIMEOUT_MS = 30_000;

describe('Firefox: signing', () => {
  let session: FirefoxSession;
  let address: string;
  let dapp: FirefoxDapp;
  let enabled: Outcome;

  beforeAll(async () => {
    session = await startFirefoxSession();
    address = await pairPhone(session);
    ({ dapp, enabled } = await connectDapp(session));
  });
  afterAll(async () => {
    await session?.dispose();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && session) console.log(await session.diagnostics());
  });

  it('connects the test dApp: Tandem is discovered and enable returns the paired account', async () => {
    expect(enabled.ok, JSON.stringify(enabled)).toBe(true);
    const accounts = ((enabled.ok ? enabled.result : {}) as { accounts?: { address: string }[] }).accounts ?? [];
    expect(accounts.map((a) => a.address)).toEqual([address]);

    const found = await dapp.discover();
    const names = ((found.ok ? found.result : {}) as { providers?: { name: string }[] }).providers?.map((p) => p.name);
    expect(names, JSON.stringify(found)).toContain('Tandem');
  });

  it('signs a payment approved in the approval window and on the phone; the signature verifies', async () => {
    const { txn, outcome, approval } = await requestPaymentSignature(session, dapp, address, 'signed in firefox');
    await approval.approveSign();
    const signed = await withTimeout(outcome, ANSWER_TIMEOUT_MS, 'signTransactions');
    expect(signed.ok, JSON.stringify(signed)).toBe(true);
    const stxns = ((signed.ok ? signed.result : {}) as { stxns?: (string | null)[] }).stxns ?? [];
    expect(stxns).toHaveLength(1);
    verifySignedTxn(stxns[0]!, txn, address);
    await approval.waitClosed();
  });

  it('answers 4001 when the user rejects in the approval window, and the phone is never asked', async () => {
    const framesBefore = (await session.phone.wallet.received()).length;
    const { outcome, approval } = await requestPaymentSignature(session, dapp, address, 'rejected in firefox');
    await approval.rejectSign();
    const rejected = await withTimeout(outcome, ANSWER_TIMEOUT_MS, 'signTransactions');
    expect(rejected.ok).toBe(false);
    expect(rejected.ok ? null : rejected.error.code).toBe(4001);
    await approval.waitClosed();
    expect((await session.phone.wallet.received()).length).toBe(framesBefore);
  });
});
