/**
 * A dApp in Firefox connects to Tandem and gets a payment signed by the phone, verified
 * independently; a rejection in Tandem's approval window reaches the dApp as 4001; and the link
 * survives a minute of idleness. Every test starts and ends paired, connected, nothing pending.
 *
 * Idleness is why Firefox gets an MV2 persistent background page: it must keep the socket and the
 * data channel with nothing going on (an MV3 event page is suspended about 30 s after its last
 * extension-API activity, taking the channel with it: machine-notes.md).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../dev/dapp/dapp-api';
import { verifySignedTxn } from '../e2e/support/verify';
import type { FirefoxDapp } from './support/dapp-page';
import { tandemPages } from './support/firefox';
import { connectDapp, pairPhone, requestPaymentSignature } from './support/flows';
import { FirefoxPopup } from './support/popup-page';
import { startFirefoxSession, type FirefoxSession } from './support/session';
import { withTimeout } from './support/wait';

const ANSWER_TIMEOUT_MS = 30_000;
const IDLE_MS = 60_000;

function stxnsOf(outcome: Outcome): (string | null)[] {
  return ((outcome.ok ? outcome.result : {}) as { stxns?: (string | null)[] }).stxns ?? [];
}

describe('Firefox: signing', () => {
  let session: FirefoxSession;
  let address: string;
  let dapp: FirefoxDapp;
  let enabled: Outcome;

  beforeAll(async () => {
    session = await startFirefoxSession();
    await session.explainFailure(async () => {
      ({ address } = await pairPhone(session));
      ({ dapp, enabled } = await connectDapp(session));
    });
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
    const stxns = stxnsOf(signed);
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

  it('keeps the channel open through 60 s of idleness: a sign request then needs no re-pairing and the popup still says connected', { timeout: IDLE_MS + 90_000 }, async () => {
    const popupBefore = (await tandemPages(session.firefox))[0] ?? (await FirefoxPopup.open(session.firefox, session.server.url)).page;
    const startedAt = await new FirefoxPopup(popupBefore).backgroundStartedAt();
    const pairing = await new FirefoxPopup(popupBefore).storedPairing();
    const walletLogMark = (await session.phone.wallet.log()).length;

    // No extension page open and nothing asked of the extension: only the dApp tab stays.
    for (const page of await tandemPages(session.firefox)) await page.close();
    expect(await tandemPages(session.firefox)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS)); // the idleness under test, not a wait for a condition

    expect(await session.phone.wallet.phase()).toBe('connected');
    const { txn, outcome, approval } = await requestPaymentSignature(session, dapp, address, 'after a minute of idleness');
    await approval.approveSign();
    const signed = await withTimeout(outcome, ANSWER_TIMEOUT_MS, 'signTransactions');
    expect(signed.ok, JSON.stringify(signed)).toBe(true);
    verifySignedTxn(stxnsOf(signed)[0]!, txn, address);
    await approval.waitClosed();

    // Same link: the phone never reconnected or re-linked, and its channel never closed.
    const since = (await session.phone.wallet.log()).slice(walletLogMark);
    expect(since.filter((line) => /connecting to|link closed|data channel open|disconnected/.test(line))).toEqual([]);

    const popup = await FirefoxPopup.open(session.firefox, session.server.url);
    await popup.waitPhase('connected');
    expect(await popup.walletAddress()).toBe(address);
    expect(await popup.storedPairing()).toEqual(pairing);
    // The same background page all along: a restarted one would report a later start.
    expect(await popup.backgroundStartedAt()).toBe(startedAt);
  });
});
