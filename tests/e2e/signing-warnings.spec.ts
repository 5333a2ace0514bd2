import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { connectDapp, pairPhone } from './support/flows';
import { errorOf } from './support/sign-flow';
import { REKEY_TARGET, payment } from './support/txns';

const SCRIPT_NOTE = '<script>alert(1)</script><img src=x onerror=alert(2)>';
/** RIGHT-TO-LEFT OVERRIDE and FIRST STRONG ISOLATE: "Trojan Source" reordering. */
const BIDI_NOTE = `pay \u202Eevil\u202C \u2068<script>alert(3)</script>\u2069`;

/** ARC-0001 lets the site describe a transaction: shown as the site's words, inert, controls marked. */
const SITE_MESSAGE = 'Swap for <b>free</b> \u202Etokens';

const FAMILY_NOTE = 'Dinner 🍕 — thanks! 👨‍👩‍👧';
const RTL_NOTE = 'شكرا على العشاء · תודה על הארוחה';
const ZERO_WIDTH_NOTE = 'ad\u200Bmin \u2060 x\u200Dy';
const NOT_UTF8 = Uint8Array.of(0xff, 0xfe, 0x41, 0xc3);

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
    // The address a warning is about is shown whole; the others short, whole on expand.
    await expect(approval.txnValue(0, 'Rekey to')).toHaveText(REKEY_TARGET);
    const from = approval.txnValue(0, 'From');
    await expect(from).toHaveText(`${address.slice(0, 6)}…${address.slice(-6)}`);
    await from.getByRole('button', { expanded: false }).click();
    await expect(from).toContainText(address);
    // One summary box at the top, a badge on the card it concerns and none on the others.
    await expect(approval.warningSummary()).toHaveText('1 warning: check before approving');
    await expect(approval.txnBadges(0)).toHaveText(['Rekey']);
    await expect(approval.txnBadges(0)).toHaveAttribute('data-kind', 'rekey');
    await expect(approval.txnBadges(1)).toHaveCount(0);

    // Valid, printable UTF-8 is shown as text, never as markup.
    await expect(approval.txnValue(1, 'Note')).toHaveText(SCRIPT_NOTE);
    // Bidi controls do not hide the note: they are marks inside its text, and its bytes are one toggle away.
    await expect(approval.txnValue(2, 'Note')).toHaveText('pay ⟨U+202E⟩evil⟨U+202C⟩ ⟨U+2068⟩<script>alert(3)</script>⟨U+2069⟩');
    await expect(approval.noteAsHex(2)).toHaveAttribute('aria-pressed', 'false');
    await approval.noteAsHex(2).click();
    await expect(approval.txnValue(2, 'Note')).toHaveText(`0x${hex(BIDI_NOTE)}`);
    await approval.noteAsHex(2).click();
    await expect(approval.txnValue(2, 'Note')).toHaveText(/^pay ⟨U\+202E⟩evil/);
    await expect(approval.txnValue(1, "Site's message")).toHaveText('Swap for <b>free</b> ⟨U+202E⟩tokens');
    await expect(approval.txnValue(0, "Site's message")).toHaveCount(0);
    expect(await approval.page.evaluate(() => document.querySelectorAll('main script, main img, main b').length)).toBe(0);
    expect(await approval.page.locator('main').textContent()).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);

    await approval.reject();
    expect(errorOf(await signing).code).toBe(4001);
    expect(dialogs).toEqual([]);
  });

  test('shows notes in any script as text, marks invisible characters, and hex only for bytes that are not UTF-8', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const notes = [FAMILY_NOTE, RTL_NOTE, ZERO_WIDTH_NOTE].map((text) => new TextEncoder().encode(text));
    const signing = dapp.signTransactions([...notes, NOT_UTF8].map((note) => ({ txn: payment({ from: address, note }) })));
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');

    await expect(approval.txnValue(0, 'Note')).toHaveText(FAMILY_NOTE);
    await expect(approval.txnValue(1, 'Note')).toHaveText(RTL_NOTE);
    await expect(approval.txnValue(2, 'Note')).toHaveText('ad⟨U+200B⟩min ⟨U+2060⟩ x⟨U+200D⟩y');
    await expect(approval.txnValue(3, 'Note')).toHaveText(`0x${Buffer.from(NOT_UTF8).toString('hex')}`);
    await expect(approval.noteAsHex(3)).toHaveCount(0);
    await approval.noteAsHex(0).click();
    await expect(approval.txnValue(0, 'Note')).toHaveText(`0x${hex(FAMILY_NOTE)}`);

    await approval.reject();
    expect(errorOf(await signing).code).toBe(4001);
  });
});
