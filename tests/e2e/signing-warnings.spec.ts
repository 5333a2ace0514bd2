import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { connectDapp, pairPhone } from './support/flows';
import { errorOf } from './support/sign-flow';
import { REKEY_TARGET, payment } from './support/txns';

const SCRIPT_NOTE = '<script>alert(1)</script><img src=x onerror=alert(2)>';
/** RIGHT-TO-LEFT OVERRIDE and FIRST STRONG ISOLATE: "Trojan Source" reordering. */
const BIDI_NOTE = `pay \u202Eevil\u202C \u2068<script>alert(3)</script>\u2069`;

/** ARC-0001 lets the site describe a transaction: shown as the site's words, inert, controls escaped. */
const SITE_MESSAGE = 'Swap for <b>free</b> \u202Etokens';

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

test.describe('approval window warnings', () => {
  test('flags a rekey of the user account and renders hostile notes inert', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);

    const txns = [
      { txn: payment({ from: address, rekeyTo: REKEY_TARGET }) },
      { txn: payment({ from: address, note: new TextEncoder().encode(SCRIPT_NOTE) }), message: SITE_MESSAGE },
      { txn: payment({ from: address, note: new TextEncoder().encode(BIDI_NOTE) }) },
    ];
    const signing = dapp.signTransactions(txns);
    const approval = await ApprovalPage.find(context, extensionId);
    const dialogs: string[] = [];
    approval.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');

    const rekey = approval.warnings('rekey');
    await expect(rekey).toHaveCount(1);
    await expect(rekey).toHaveText(/^#1: Rekeys your account/);
    await expect(rekey).toContainText(REKEY_TARGET);
    await expect(approval.txnValue(0, 'Rekey to')).toHaveAttribute('title', REKEY_TARGET);

    // Valid, printable UTF-8 is shown as text, never as markup.
    await expect(approval.txnValue(1, 'Note')).toHaveText(SCRIPT_NOTE);
    // Bidi controls make the note unprintable: it is shown as hex.
    await expect(approval.txnValue(2, 'Note')).toHaveText(`0x${hex(BIDI_NOTE)}`);
    await expect(approval.txnValue(1, "Site's message")).toHaveText('Swap for <b>free</b> \\u{202E}tokens');
    await expect(approval.txnValue(0, "Site's message")).toHaveCount(0);
    expect(await approval.page.evaluate(() => document.querySelectorAll('main script, main img, main b').length)).toBe(0);
    expect(await approval.page.locator('main').textContent()).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);

    await approval.reject();
    expect(errorOf(await signing).code).toBe(4001);
    expect(dialogs).toEqual([]);
  });
});
