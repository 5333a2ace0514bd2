/** Multi-step flows shared by the Firefox tests: pair the phone, connect the dApp, ask for a payment signature. */
import type { Outcome } from '../../../dev/dapp/dapp-api';
import { FirefoxApproval } from './approval-page';
import { FirefoxDapp } from './dapp-page';
import type { FirefoxSession } from './session';
import { until } from './wait';

/** Tandem says 'no-offer' after `offerTimeoutMs` (5 s by default); allow for a loaded machine. */
const NO_OFFER_WAIT_MS = 20_000;

/**
 * Pairs the dev wallet through the popup; resolves once the popup says connected, with the phone's
 * address and the liquid:// link it scanned.
 *
 * One documented hitch is handled as a user would: the Liquid Auth server can relay the phone's
 * first offer before the extension's socket has joined the wallet's room (liquid-protocol.md §3).
 * Tandem must then say so (failure reason 'no-offer') and ask for the same QR to be scanned again,
 * which is what this does; if Tandem does not say so, the test fails. The diagnostics are printed
 * whenever this path is taken. (Under load about one pairing in 30 used to fail differently: the
 * popup showed the QR before Tandem's link was registered, the phone scanned it at once and its
 * auth was dropped; Tandem now shows the QR only once the link is registered.)
 */
export async function pairPhone(session: FirefoxSession): Promise<{ address: string; link: string }> {
  const link = await session.popup.pair();
  try {
    await session.phone.wallet.connect(link);
  } catch (err) {
    console.log(`the phone could not connect (${String(err)}); waiting for Tandem to ask for a re-scan\n${await session.diagnostics()}`);
    await until('Tandem asking to scan the same QR again (no-offer)', async () => ((await session.popup.failureReason()) === 'no-offer' ? true : undefined), NO_OFFER_WAIT_MS).catch(async (waitErr: unknown) => {
      throw new Error(`${String(err)}; and ${String(waitErr)}; popup: ${await session.popup.describePhase().catch(() => '?')}`);
    });
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
