/**
 * Page object for several paired phones (issue #16): "Pair another phone", the popup's phones list
 * (one row per pairing, shown once two are paired), a phone's unpair, and what the background
 * stores for each phone. Storage is read from the popup tab (an extension page), not from the
 * fixture's Worker, which is a dead target after a service-worker kill.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { ConnectionState, Pairing } from '../../../lib/liquid/types';
import { testIds } from '../../../components/test-ids';
import type { PopupPage } from './popup-page';
import type { TestServer } from './server';
import { WalletPage, type Behaviour } from './wallet-page';

type StorageGlobal = { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> }; session: { get(k: string): Promise<Record<string, unknown>> } } } };

export const requestIdOf = (link: string) => new URL(link).searchParams.get('requestId')!;

/** One paired phone as a test holds it. */
export interface Phone {
  wallet: WalletPage;
  /** The link the phone scanned; its requestId is the pairing's. */
  link: string;
  requestId: string;
  address: string;
}

export class PhonesPage {
  constructor(readonly popup: PopupPage) {}

  get page(): Page {
    return this.popup.page;
  }

  /** `local:pairing`: the pairings in paired order. */
  pairings(): Promise<Pairing[]> {
    return this.page.evaluate(async () => ((await (globalThis as unknown as StorageGlobal).chrome.storage.local.get('pairing')).pairing ?? []) as Pairing[]);
  }

  /** `session:phones`: each paired phone's link state by its pairing's requestId. */
  storedPhones(): Promise<Record<string, ConnectionState>> {
    return this.page.evaluate(async () => ((await (globalThis as unknown as StorageGlobal).chrome.storage.session.get('phones')).phones ?? {}) as Record<string, ConnectionState>);
  }

  /**
   * Records, from now on, every phase `session:phones` takes for each phone (storage.onChanged in the
   * popup tab), so a test can say a phone stayed connected throughout rather than at a few moments.
   */
  async watchPhases(): Promise<() => Promise<Record<string, string[]>>> {
    await this.page.evaluate(() => {
      type Changes = Record<string, { newValue?: unknown }>;
      const api = (globalThis as unknown as { chrome: { storage: { onChanged: { addListener(f: (c: Changes, area: string) => void): void } } } }).chrome;
      const seen: Record<string, string[]> = {};
      (globalThis as unknown as { tandemPhases: Record<string, string[]> }).tandemPhases = seen;
      api.storage.onChanged.addListener((changes, area) => {
        const phones = changes.phones?.newValue as Record<string, { phase: string }> | undefined;
        if (area !== 'session' || !phones) return;
        for (const [id, state] of Object.entries(phones)) {
          const list = (seen[id] ??= []);
          if (list.at(-1) !== state.phase) list.push(state.phase);
        }
      });
    });
    return () => this.page.evaluate(() => ({ ...(globalThis as unknown as { tandemPhases: Record<string, string[]> }).tandemPhases }));
  }

  async storedPhase(requestId: string): Promise<string | undefined> {
    return (await this.storedPhones())[requestId]?.phase;
  }

  /**
   * "Pair another phone" (shown under the one phone's panel), the wallet step's "Show QR code",
   * and the new attempt's QR; returns its link (another requestId than any paired phone's).
   */
  async startAnother(paired: string[]): Promise<string> {
    await this.page.getByTestId(testIds.pairAnother).click();
    await expect(this.popup.walletStep()).toBeVisible();
    await this.page.getByTestId(testIds.walletContinue).click();
    const link = this.popup.pairingLink();
    await expect(link).toHaveText(/^liquid:\/\//);
    for (const requestId of paired) await expect(link).not.toContainText(requestId);
    return (await link.textContent()) ?? '';
  }

  /** Pairs one more dev wallet (its own `profile`) through "Pair another phone"; it ends connected. */
  async pairAnother(context: BrowserContext, server: TestServer, paired: Phone[], options: { profile: string; behaviour?: Behaviour }): Promise<Phone> {
    const link = await this.startAnother(paired.map((p) => p.requestId));
    const wallet = await WalletPage.open(context, server.url, { behaviour: options.behaviour, profile: options.profile });
    await wallet.connect(link);
    await wallet.expectPhase('connected');
    const requestId = requestIdOf(link);
    await this.expectPhase(requestId, 'connected');
    return { wallet, link, requestId, address: await wallet.address() };
  }

  list() {
    return this.page.getByTestId(testIds.phonesList);
  }

  rows() {
    return this.page.getByTestId(testIds.phoneRow);
  }

  row(requestId: string) {
    return this.rows().and(this.page.locator(`[data-request-id="${requestId}"]`));
  }

  /** A phone's re-scan link in its row (shown while it is offline). */
  rowLink(requestId: string) {
    return this.row(requestId).getByTestId(testIds.phoneLink);
  }

  /** Whether that phone proved its account (its own pairing check): 'verified', 'checking', ... */
  async expectVerification(requestId: string, state: string) {
    await expect(this.row(requestId).getByTestId(testIds.verification)).toHaveAttribute('data-state', state);
  }

  /**
   * A phone's state, as the background stores it and as its row shows it (the list shows only with
   * two phones or more; with one, the single phone's panel shows it).
   */
  async expectPhase(requestId: string, phase: string, timeout = 20_000) {
    await expect.poll(() => this.storedPhase(requestId), { message: `phone ${requestId} should be ${phase}`, timeout }).toBe(phase);
    if ((await this.pairings()).length > 1) await expect(this.row(requestId)).toHaveAttribute('data-phase', phase, { timeout });
  }

  /** Unpair in the phone's row, then the confirmation; waits until its pairing is gone. */
  async unpair(requestId: string) {
    await this.row(requestId).getByTestId(testIds.phoneUnpair).click();
    await this.row(requestId).getByTestId(testIds.phoneUnpairConfirm).click();
    await expect.poll(async () => (await this.pairings()).map((p) => p.requestId), { message: `phone ${requestId} should be unpaired` }).not.toContain(requestId);
    await expect(this.row(requestId)).toHaveCount(0);
  }
}
