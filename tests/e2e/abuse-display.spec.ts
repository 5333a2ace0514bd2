/**
 * Hostile strings (markup, bidi overrides, zero-width characters, 10,000-character strings) in site
 * names, asset names and notes are shown inert and legible: no script runs, the layout stays inside
 * the window, and bidi or invisible characters are shown as visible marks (⟨U+202E⟩) inside the text
 * instead of reordering the UI.
 */
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { DappPage } from './support/dapp-page';
import { pairPhone } from './support/flows';
import { assetCreate, paymentWithNote } from './support/hostile-txns';
import { RAW_CONTROLS, overflowingElements, pwned } from './support/layout';
import { errorOf } from './support/sign-flow';
import { siteRow } from './support/sites-list';

const MARKUP = '<img src=x onerror="alert(1);window.tandemPwned=1"><script>window.tandemPwned=2</script>';
const RLO = '\u202E';
const ZWSP = '\u200B';
const LONG = 'W'.repeat(10_000);

/** Sets the page's application-name (what Tandem shows as the site's name) or, without it, its title. */
async function nameSite(dapp: DappPage, how: 'application-name' | 'title', name: string) {
  await dapp.page.evaluate(
    ([kind, value]) => {
      if (kind === 'title') document.title = value;
      else {
        const meta = document.createElement('meta');
        meta.name = 'application-name';
        meta.content = value;
        document.head.append(meta);
      }
    },
    [how, name] as const,
  );
}

test('hostile site names, asset names and notes are shown inert, marked and inside the window', async ({ context, extensionId, server, seedSettings }) => {
  await seedSettings({});
  const { address, popup } = await pairPhone(context, extensionId, server);
  const dialogs: string[] = [];
  context.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  // Two sites with hostile names: one through application-name (10,000 characters), one through its title.
  const siteA = server.url;
  const siteB = `http://127.0.0.1:${server.port}`;
  const names = { [siteA]: `${RLO}gro.elpmaxe${ZWSP} ${MARKUP}${LONG}`, [siteB]: `Pay ${RLO}evil${ZWSP} ${LONG}` };
  const dapps: DappPage[] = [];
  for (const [origin, how] of [[siteA, 'application-name'], [siteB, 'title']] as const) {
    const dapp = await DappPage.open(context, `${origin}/dapp`);
    await nameSite(dapp, how, names[origin]!);
    const enabling = dapp.enable();
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.page.setViewportSize({ width: 420, height: 640 });
    await expect(approval.connectPrompt()).toBeVisible();
    await expect(approval.promptOrigin()).toHaveText(origin);
    const main = approval.page.locator('main');
    await expect(main).toContainText(origin === siteA ? '“⟨U+202E⟩gro.elpmaxe⟨U+200B⟩ <img' : '“Pay ⟨U+202E⟩evil⟨U+200B⟩ WWW');
    expect(await main.innerText()).not.toMatch(RAW_CONTROLS);
    if (origin === siteA) await expect(main).toContainText(MARKUP.slice(0, 30));
    expect(await overflowingElements(approval.page)).toEqual([]);
    expect(await pwned(approval.page)).toBeUndefined();
    await approval.approveConnect();
    expect((await enabling).ok).toBe(true);
    await approval.waitForClose();
    dapps.push(dapp);
  }

  // The popup's list of connected sites shows the same names, just as inert.
  await popup.page.setViewportSize({ width: 400, height: 600 });
  for (const origin of [siteA, siteB]) await expect(siteRow(popup.page, origin)).toContainText('⟨U+202E⟩');
  expect(await popup.page.locator('main').innerText()).not.toMatch(RAW_CONTROLS);
  expect(await overflowingElements(popup.page)).toEqual([]);
  expect(await pwned(popup.page)).toBeUndefined();

  // A sign request full of hostile strings.
  const dapp = dapps[0]!;
  const txns = [
    { txn: assetCreate(address, { assetName: MARKUP, unitName: `${RLO}DSU`, assetURL: `https://ex${ZWSP}ample.org/${RLO}fdp.exe` }) },
    { txn: assetCreate(address, { assetName: LONG, unitName: LONG, assetURL: LONG }) },
    { txn: paymentWithNote(address, `${MARKUP} ${LONG}`) },
    { txn: paymentWithNote(address, `${RLO}${ZWSP}${LONG}`) },
  ];
  const signing = dapp.signTransactions(txns);
  const approval = await ApprovalPage.find(context, extensionId);
  await approval.page.setViewportSize({ width: 420, height: 640 });
  await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
  await expect(approval.txnValue(0, 'Asset name')).toHaveText(MARKUP);
  await expect(approval.txnValue(0, 'Unit name')).toHaveText('⟨U+202E⟩DSU');
  await expect(approval.txnValue(0, 'URL')).toHaveText('https://ex⟨U+200B⟩ample.org/⟨U+202E⟩fdp.exe');
  await expect(approval.txnValue(1, 'Asset name')).toHaveText(LONG);
  await expect(approval.txnValue(2, 'Note')).toHaveText(`${MARKUP} ${LONG}`);
  // A note with controls is still text, with the controls as marks; its exact bytes are one toggle away.
  await expect(approval.txnValue(3, 'Note')).toHaveText(`⟨U+202E⟩⟨U+200B⟩${LONG}`);
  await approval.noteAsHex(3).click();
  await expect(approval.txnValue(3, 'Note')).toHaveText(`0x${Buffer.from(`${RLO}${ZWSP}${LONG}`).toString('hex')}`);
  const main = approval.page.locator('main');
  expect(await main.innerText()).not.toMatch(RAW_CONTROLS);
  expect(await approval.page.evaluate(() => document.querySelectorAll('main img, main script').length)).toBe(0);
  expect(await overflowingElements(approval.page)).toEqual([]);
  await approval.page.screenshot({ path: test.info().outputPath('hostile-sign-prompt.png') });

  await approval.reject();
  expect(errorOf(await signing).code).toBe(4001);
  expect(await pwned(dapp.page)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
