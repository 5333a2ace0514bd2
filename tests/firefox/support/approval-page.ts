/** Page object for Tandem's approval window in Firefox: the connect and sign prompts. */
import type { Browser, Page } from 'puppeteer-core';
import { testIds, type TestId } from '../../../components/test-ids';
import { attributeOf, byTestId, clickTestId, waitAttribute, waitTestId } from './dom';
import { findTandemPage, isGone } from './firefox';
import { until } from './wait';

/** Approve and Reject may close the window before the click returns (the last request answered). */
async function clickMayClose(page: Page, testId: TestId): Promise<void> {
  try {
    await clickTestId(page, testId);
  } catch (err) {
    if (!(await isGone(page))) throw err;
  }
}

export class FirefoxApproval {
  constructor(readonly page: Page) {}

  /** The open approval window, or the next one Tandem opens. */
  static async find(browser: Browser): Promise<FirefoxApproval> {
    return new FirefoxApproval(await findTandemPage(browser, '#approval'));
  }

  async approveConnect(): Promise<void> {
    await waitTestId(this.page, testIds.connectPrompt);
    await this.waitApproveEnabled();
    await clickMayClose(this.page, testIds.approve);
  }

  /** Approve stays disabled for a moment after the request in view changes (use-settling.ts). */
  async waitApproveEnabled(): Promise<void> {
    await this.page.waitForSelector(`${byTestId(testIds.approve)}:not([disabled])`, { timeout: 20_000 });
  }

  /** Waits until the sign prompt asks the user (not the phone, not a re-scan). */
  async waitSignPrompt(): Promise<void> {
    await waitAttribute(this.page, testIds.signPrompt, 'data-stage', 'awaiting-approval');
  }

  signStage(): Promise<string | null> {
    return attributeOf(this.page, testIds.signPrompt, 'data-stage');
  }

  async approveSign(): Promise<void> {
    await this.waitSignPrompt();
    await this.waitApproveEnabled();
    await clickMayClose(this.page, testIds.approve);
  }

  async rejectSign(): Promise<void> {
    await this.waitSignPrompt();
    await clickMayClose(this.page, testIds.reject);
  }

  /** Resolves once Tandem has closed the window (it does when nothing is left to decide). */
  async waitClosed(timeoutMs = 30_000): Promise<void> {
    await until('approval window closed', async () => ((await isGone(this.page)) ? true : undefined), timeoutMs);
  }
}
