/** Page object for Tandem's approval window: the connect and sign prompts. Every selector lives here. */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { approvalWindow } from './popup-page';
import { clickMayClose } from './click';
import { testIds } from '../../../components/test-ids';

export class ApprovalPage {
  constructor(readonly page: Page) {}

  /** The open approval window, or the next one Tandem opens. */
  static async find(context: BrowserContext, extensionId: string): Promise<ApprovalPage> {
    return new ApprovalPage(await approvalWindow(context, extensionId));
  }

  /**
   * Approves the next sign request and waits for its window to close (Tandem closes it once the dApp
   * has its answer and nothing else waits), so the next find() cannot pick up this closing window.
   */
  static async approveNextSign(context: BrowserContext, extensionId: string): Promise<void> {
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveSign();
    await approval.waitForClose();
  }

  connectPrompt() {
    return this.page.getByTestId(testIds.connectPrompt);
  }

  signPrompt() {
    return this.page.getByTestId(testIds.signPrompt);
  }

  /** A data-signing prompt (signData or sign_message). */
  dataPrompt() {
    return this.page.getByTestId(testIds.dataPrompt);
  }

  domainCheck() {
    return this.page.getByTestId(testIds.domainCheck);
  }

  signedData() {
    return this.page.getByTestId(testIds.signedData);
  }

  dataSigner() {
    return this.page.getByTestId(testIds.dataSigner);
  }

  /** Approves the data-signing prompt once it is waiting for the user. */
  async approveData() {
    await expect(this.dataPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    await clickMayClose(this.approveButton());
  }

  /** "Embedded in <top-level origin>" under the origin of a request from a subframe. */
  promptEmbedded() {
    return this.page.getByTestId(testIds.promptEmbedded);
  }

  /** "This request just changed": Approve waits while it shows. */
  requestChanged() {
    return this.page.getByTestId(testIds.requestChanged);
  }

  async rejectAll() {
    await clickMayClose(this.page.getByTestId(testIds.rejectAll));
  }

  promptOrigin() {
    return this.page.getByTestId(testIds.promptOrigin);
  }

  /** "Sign 1,024 transactions?" */
  signTitle() {
    return this.signPrompt().getByRole('heading');
  }

  signTotals() {
    return this.page.getByTestId(testIds.signTotals);
  }

  confirmOnPhone() {
    return this.page.getByTestId(testIds.confirmOnPhone);
  }

  /** The pairing panel's status above the prompt (shown while the phone is not connected). */
  async expectPhase(phase: string, timeout?: number) {
    await expect(this.page.getByTestId(testIds.connectionPhase)).toHaveAttribute('data-phase', phase, timeout ? { timeout } : undefined);
  }

  /** The re-scan link in the pairing panel above the prompt. */
  pairingLink() {
    return this.page.getByTestId(testIds.pairingLink);
  }

  /** Why a request waiting for the phone is stuck (e.g. the phone went offline). */
  requestError() {
    return this.page.getByTestId(testIds.requestError);
  }

  /** "2 requests waiting", shown when more than one request is open. */
  pendingCount() {
    return this.page.getByTestId(testIds.pendingCount);
  }

  approveButton() {
    return this.page.getByTestId(testIds.approve);
  }

  async approveConnect() {
    await expect(this.connectPrompt()).toBeVisible();
    await clickMayClose(this.approveButton());
  }

  /** Approves the sign prompt once it is waiting for the user. */
  async approveSign() {
    await expect(this.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    await clickMayClose(this.approveButton());
  }

  async reject() {
    await clickMayClose(this.page.getByTestId(testIds.reject));
  }

  warnings(kind?: string) {
    const all = this.page.getByTestId(testIds.warning);
    return kind ? all.and(this.page.locator(`[data-kind="${kind}"]`)) : all;
  }

  txnCards() {
    return this.page.getByTestId(testIds.txn);
  }

  /** The title ("Payment", ...) of each rendered card. */
  txnTitles() {
    return this.page.getByTestId(testIds.txnTitle);
  }

  txnList() {
    return this.page.getByTestId(testIds.txnList);
  }

  /** The value cells ("To", "Note", ...) of the card at `position` among the rendered cards. */
  txnValue(position: number, label: string) {
    return this.txnCards().nth(position).locator('.kv').filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  }

  /** The "Note as hex" toggle of the card at `position` among the rendered cards (text notes only). */
  noteAsHex(position: number) {
    return this.txnCards().nth(position).getByTestId(testIds.noteAsHex);
  }

  /** The warning badges on the card at `position` among the rendered cards. */
  txnBadges(position: number) {
    return this.txnCards().nth(position).getByTestId(testIds.txnBadge);
  }

  /** The line that counts the request's warnings, above the list. */
  warningSummary() {
    return this.page.getByTestId(testIds.warningSummary);
  }

  /** Resolves when Tandem closes the window (it does when nothing is left to decide). */
  async waitForClose(timeout = 20_000) {
    if (this.page.isClosed()) return;
    await this.page.waitForEvent('close', { timeout });
  }
}
