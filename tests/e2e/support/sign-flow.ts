/** Signing steps shared by the signing specs: ask from the dApp, approve in Tandem, collect the answer. */
import { expect, type BrowserContext } from '@playwright/test';
import { ApprovalPage } from './approval-page';
import type { DappPage, Outcome, WalletTxn } from './dapp-page';

export type SignOutcome = { ok: true; result: { providerId: string; stxns: (string | null)[] } } | { ok: false; error: { code: number; message: string } };

/** Sends sign_transactions, approves it in the approval window and returns the dApp's outcome. */
export async function signWithApproval(context: BrowserContext, extensionId: string, dapp: DappPage, txns: WalletTxn[]) {
  const signing = dapp.signTransactions(txns);
  const approval = await ApprovalPage.find(context, extensionId);
  await approval.approveSign();
  return { approval, outcome: (await signing) as SignOutcome };
}

/** The signed transactions of a successful outcome (fails the test otherwise). */
export function stxnsOf(outcome: Outcome | SignOutcome): (string | null)[] {
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  return (outcome as Extract<SignOutcome, { ok: true }>).result.stxns;
}

/** The error of a failed outcome (fails the test on success). */
export function errorOf(outcome: Outcome | SignOutcome): { code: number; message: string } {
  expect(outcome.ok, JSON.stringify(outcome).slice(0, 500)).toBe(false);
  return (outcome as Extract<SignOutcome, { ok: false }>).error;
}
