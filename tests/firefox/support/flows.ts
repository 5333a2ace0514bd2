/** Multi-step flows shared by the Firefox tests: pair the phone, connect the dApp, ask for a payment signature. */
import type { Outcome } from '../../../dev/dapp/dapp-api';
import { FirefoxApproval } from './approval-page';
import { FirefoxDapp } from './dapp-page';
import type { FirefoxSession } from './session';

/**
 * Pairs the dev wallet through the popup; resolves once the popup says connected, with the phone's
 * address and the liquid:// link it scanned.
 *
 * One documented hitch is handled as a user would: the Liquid Auth server can relay the phone's
 * first offer before the extension's socket has joined the wallet's room (liquid-protocol.md §3),
 * and Tandem then asks for the same QR to be scanned again (failure reason 'no-offer'). Any other
 * failure fails the test.
 */
export async function pairPhone(session: FirefoxSession): Promise<{ address: string; link: string }> {
  const link = await session.popup.pair();
  try {
    await session.phone.wallet.connect(link);
  } catch (err) {
    if ((await session.popup.failureReason()) !== 'no-offer') throw err;
    console.log(`the phone's first offer was lost (${String(err)}); scanning the same QR again, as Tandem asks`);
    await session.phone.wallet.connect(link);
  }
  await session.popup.waitPhase('connected');
  return { address: await session.phone.wallet.address(), link };
}

/** Opens the test dApp, asks to enable and approves the connect prompt in Tandem's window. */
export async function connectDapp(session: FirefoxSession): Promise<{ dapp: FirefoxDapp; enabled: Outcome }> {
  const dapp = await FirefoxDapp.open(session.firefox, session.server.url);
  const enabling = dapp.enable();
  enabling.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const approval = await FirefoxApproval.find(session.firefox);
  await approval.approveConnect();
  const enabled = await enabling;
  // Tandem closes its window when nothing is left to decide; the next request opens a new one.
  await approval.waitClosed();
  return { dapp, enabled };
}

/**
 * Has the dApp ask for one payment signature and returns the unsigned txn, the pending outcome
 * and the approval window showing the prompt.
 */
export async function requestPaymentSignature(session: FirefoxSession, dapp: FirefoxDapp, from: string, note: string) {
  const txn = await dapp.buildPayment(from, note);
  const outcome = dapp.signTransactions([{ txn }]);
  outcome.catch(() => undefined); // the caller awaits it; not an unhandled rejection meanwhile
  const approval = await FirefoxApproval.find(session.firefox);
  await approval.waitSignPrompt();
  return { txn, outcome, approval };
}
