/**
 * The reason Firefox gets an MV2 persistent background page: it must keep the socket and the
 * data channel through idleness. (An MV3 event page is suspended about 30 s after its last
 * extension-API activity, taking the channel with it: machine-notes.md.) This file waits 60 s on
 * purpose, with no extension page open and nothing sent to the extension.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifySignedTxn } from '../e2e/support/verify';
import type { FirefoxDapp } from './support/dapp-page';
import { tandemPages } from './support/firefox';
import { connectDapp, pairPhone, requestPaymentSignature } from './support/flows';
import { FirefoxPopup } from './support/popup-page';
import { startFirefoxSession, type FirefoxSession } from './support/session';
import { withTimeout } from './support/wait';

const IDLE_MS = 60_000;

describe('Firefox: idle background', () => {
  let session: FirefoxSession;
  let address: string;
  let dapp: FirefoxDapp;

  beforeAll(async () => {
    session = await startFirefoxSession();
    address = await pairPhone(session);
    const connected = await connectDapp(session);
    expect(connected.enabled.ok, JSON.stringify(connected.enabled)).toBe(true);
    dapp = connected.dapp;
  });
  afterAll(async () => {
    await session?.dispose();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && session) console.log(await session.diagnostics());
  });

  it('keeps the channel open through 60 s of idleness: a sign request then needs no re-pairing and the popup still says connected', { timeout: IDLE_MS + 90_000 }, async () => {
    const startedAt = await session.popup.backgroundStartedAt();
    const pairing = await session.popup.storedPairing();
    const walletLogMark = (await session.phone.wallet.log()).length;

    // No extension page open, nothing asked of the extension: only the dApp tab stays.
    for (const page of await tandemPages(session.firefox)) await page.close();
    expect(await tandemPages(session.firefox)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS)); // the idleness under test, not a wait for a condition

    expect(await session.phone.wallet.phase()).toBe('connected');
    const { txn, outcome, approval } = await requestPaymentSignature(session, dapp, address, 'after a minute of idleness');
    await approval.approveSign();
    const signed = await withTimeout(outcome, 30_000, 'signTransactions');
    expect(signed.ok, JSON.stringify(signed)).toBe(true);
    const stxns = ((signed.ok ? signed.result : {}) as { stxns?: string[] }).stxns ?? [];
    verifySignedTxn(stxns[0]!, txn, address);
    await approval.waitClosed();

    // Same link: the phone never reconnected or re-linked, and its channel never closed.
    const since = (await session.phone.wallet.log()).slice(walletLogMark);
    expect(since.filter((line) => /connecting to|link closed|data channel open|disconnected/.test(line))).toEqual([]);

    const popup = await FirefoxPopup.open(session.firefox, session.server.url);
    await popup.waitPhase('connected');
    expect(await popup.walletAddress()).toBe(address);
    expect(await popup.storedPairing()).toEqual(pairing);
    // The same background page all along (a restarted one would report a later start).
    expect(await popup.backgroundStartedAt()).toBe(startedAt);
  });
});
