/**
 * Signing, Tandem and the reference dApp in turn, with both dev wallets on auto-approve.
 * Each Tandem request gives two samples: time to prompt (the dApp's call → the approval window
 * painting the decoded transaction) and the round trip after approval (the approve click → the
 * dApp holding the signed transactions, which Tandem has verified). The reference's round trip
 * runs from its call to its answer. Every answer is checked afterwards, outside the timings.
 */
import { verifySignedTxn } from '../../tests/e2e/support/verify';
import type { Bench } from '../harness';
import { ApprovalWindow, type WalletTxn } from '../pages';
import { APPROVE_PATH, PROMPT_PATH, hopsOf, takeMarks } from './hops';

/** One request's hops in ms, by the label of the point each hop ends at (null: a mark was missing). */
export type Hops = Record<string, number> | null;

export interface SigningSamples {
  size: number;
  promptMs: number[];
  /** The dApp's call → the simulation's answer painted in the approval window (algod stand-in). */
  simulationMs: number[];
  tandemMs: number[];
  /** Per request: the hops of request → prompt and of approve → verified result (scenarios/hops.ts). */
  promptHops: Hops[];
  approveHops: Hops[];
  referenceMs: number[];
  /** Data-channel frames per request (a request above the frame limit is split at group boundaries). */
  tandemFrames: number;
  referenceFrames: number;
}

/** The transactions of one request: a payment for 1, otherwise groups of 16 with one foreign txn at the end. */
export async function requestOf(bench: Bench, from: string, size: number, tag: string): Promise<WalletTxn[]> {
  if (size === 1) return [{ txn: await bench.dapp.buildPayment(from, tag) }];
  return bench.dapp.buildGroup(from, size);
}

function checkAnswer(stxns: (string | null)[], txns: WalletTxn[], signer: string, who: string): void {
  if (stxns.length !== txns.length) throw new Error(`${who}: ${stxns.length} answers for ${txns.length} transactions`);
  stxns.forEach((stxn, i) => {
    const wanted = txns[i]!;
    if (wanted.signers?.length === 0) {
      if (stxn !== null) throw new Error(`${who}: signed transaction ${i}, which was not to be signed`);
      return;
    }
    if (stxn === null) throw new Error(`${who}: no signature for transaction ${i}`);
    verifySignedTxn(stxn, wanted.txn, signer);
  });
}

export interface TandemSign {
  promptMs: number;
  simulationMs: number;
  roundTripMs: number;
  stxns: (string | null)[];
  promptHops: Hops;
  approveHops: Hops;
}

/**
 * One Tandem request through the approval window. On any failure the window is closed (Tandem
 * rejects what it held) and the dApp's call is settled, so the next request starts clean.
 */
export async function signWithTandem(bench: Bench, txns: WalletTxn[]): Promise<TandemSign> {
  const { context, extensionId } = bench.desktop;
  const next = ApprovalWindow.next(context, extensionId);
  const calledAt = await bench.dapp.startSign(txns);
  let approval: ApprovalWindow | undefined;
  try {
    approval = await next;
    const shownAt = await approval.promptShownAt();
    // Approve only once the simulation is painted, as a user reading it would.
    const simulatedAt = bench.networkReads ? await approval.simulationShownAt() : Number.NaN;
    const { clickedAt, navigatedAt, marks: windowMarks } = await approval.approveSignWithMarks();
    const { outcome, doneAt } = await bench.dapp.finishSign();
    if (!outcome.ok) throw new Error(`Tandem answered ${JSON.stringify(outcome.error)}`);
    await approval.waitClosed();
    const marks = [...windowMarks, ...(await takeMarks(bench))];
    return {
      promptMs: shownAt - calledAt,
      simulationMs: simulatedAt - calledAt,
      roundTripMs: doneAt - clickedAt,
      stxns: outcome.result.stxns,
      promptHops: hopsOf(PROMPT_PATH, marks, { called: calledAt, navigated: navigatedAt }),
      approveHops: hopsOf(APPROVE_PATH, marks, { clicked: clickedAt, done: doneAt }),
    };
  } catch (err) {
    await (approval ?? (await next.catch(() => undefined)))?.close();
    await bench.dapp.finishSign().catch(() => undefined);
    throw err;
  }
}

export async function measureSigning(bench: Bench, size: number, n: number, warmup: number): Promise<SigningSamples> {
  const reference = bench.reference;
  if (!reference) throw new Error('pair the reference dApp first');
  const samples: SigningSamples = { size, promptMs: [], simulationMs: [], tandemMs: [], promptHops: [], approveHops: [], referenceMs: [], tandemFrames: 0, referenceFrames: 0 };
  const framesBefore = await bench.tandemWallet.requestsSigned();
  for (let i = 0; i < warmup + n; i++) {
    const tandemTxns = await requestOf(bench, bench.address, size, `tandem ${size} #${i}`);
    const referenceTxns = await requestOf(bench, bench.referenceAddress, size, `reference ${size} #${i}`);
    const tandem = await signWithTandem(bench, tandemTxns);
    checkAnswer(tandem.stxns, tandemTxns, bench.address, 'Tandem');
    const ref = await reference.sign(referenceTxns);
    checkAnswer(ref.stxns, referenceTxns, bench.referenceAddress, 'reference');
    samples.referenceFrames = ref.frames;
    if (i < warmup) continue;
    samples.promptMs.push(tandem.promptMs);
    if (bench.networkReads) samples.simulationMs.push(tandem.simulationMs);
    samples.tandemMs.push(tandem.roundTripMs);
    samples.promptHops.push(tandem.promptHops);
    samples.approveHops.push(tandem.approveHops);
    samples.referenceMs.push(ref.ms);
    bench.log(`sign ${size} ${i - warmup + 1}/${n}: prompt ${tandem.promptMs.toFixed(1)} ms, simulation ${tandem.simulationMs.toFixed(1)} ms, after approval Tandem ${tandem.roundTripMs.toFixed(1)} ms, reference ${ref.ms.toFixed(1)} ms`);
  }
  samples.tandemFrames = ((await bench.tandemWallet.requestsSigned()) - framesBefore) / (warmup + n);
  return samples;
}
