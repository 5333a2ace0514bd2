/** Selectors for what the approval window shows from the network (components/NetworkFacts.tsx). */
import type { ApprovalPage } from './approval-page';
import { testIds } from '../../../components/test-ids';

export function networkFacts(approval: ApprovalPage) {
  return approval.page.getByTestId(testIds.networkFacts);
}

/** One "account · asset: before → after (change)" line; `asset` is 'ALGO' or an asset id. */
export function balanceLine(approval: ApprovalPage, asset: string) {
  return approval.page.getByTestId(testIds.factsBalance).and(approval.page.locator(`[data-asset="${asset}"]`));
}

export function rekeyedNotice(approval: ApprovalPage) {
  return approval.page.getByTestId(testIds.factsRekeyed);
}

/** The Amount row of the n-th transaction card. */
export function txnAmount(approval: ApprovalPage, position: number) {
  return approval.txnCards().nth(position).getByTestId(testIds.txnAmount);
}

export function simulation(approval: ApprovalPage) {
  return approval.page.getByTestId(testIds.simulation);
}

/** The top warning "Would fail at transaction #n: …". */
export function simulationFailure(approval: ApprovalPage) {
  return approval.page.getByTestId(testIds.simulationFailure);
}

/** One simulated change "account · label ±amount"; `asset` is 'ALGO' or an asset id. */
export function simulatedChange(approval: ApprovalPage, asset: string) {
  return approval.page.getByTestId(testIds.simulatedChange).and(approval.page.locator(`[data-asset="${asset}"]`));
}

/** The popup home's balance line for a network (components/AccountBalances.tsx). */
export function homeBalance(popup: { page: import('@playwright/test').Page }, network: string) {
  return popup.page.getByTestId(testIds.accountBalance).and(popup.page.locator(`[data-network="${network}"]`));
}

export function homeHoldings(popup: { page: import('@playwright/test').Page }) {
  return popup.page.getByTestId(testIds.accountHolding);
}
