/**
 * Tandem in a Spanish browser: Chromium started with `--lang=es` and LANGUAGE=es gives the extension
 * a Spanish UI language, and the popup, the pairing screen, the connect prompt and a sign prompt
 * with warnings read in Spanish, numbers written the Spanish way (decimal comma, point grouping).
 */
import { rmSync } from 'node:fs';
import { test as base, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { launchWithExtension } from './support/browser';
import { clickMayClose } from './support/click';
import { DappPage } from './support/dapp-page';
import { PopupPage, approvalWindow } from './support/popup-page';
import { errorOf } from './support/sign-flow';
import { REKEY_TARGET, payment } from './support/txns';
import { WalletPage } from './support/wallet-page';
import { testIds } from '../../components/test-ids';

const test = base.extend({
  context: async ({}, use) => {
    const { context, profileDir } = await launchWithExtension(undefined, undefined, { language: 'es' });
    await use(context);
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  },
});

test.describe('Tandem in Spanish', () => {
  test('the browser gives the extension a Spanish UI language', async ({ context, extensionId, worker }) => {
    const popup = await PopupPage.open(context, extensionId);
    const language = () => (globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }).chrome.i18n.getUILanguage();
    expect(await popup.page.evaluate(language)).toMatch(/^es\b/);
    expect(await worker.evaluate(language)).toMatch(/^es\b/);
  });

  test('the popup, the pairing screen, the connect prompt and a sign prompt with warnings read in Spanish', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    // Popup home, unpaired.
    const popup = await PopupPage.open(context, extensionId);
    await expect(popup.page.locator('.connection-chip')).toHaveText('Sin vincular');
    await expect(popup.page.getByTestId(testIds.pair)).toHaveText('Vincular tu teléfono');
    await expect(popup.page.getByTestId(testIds.noSites)).toHaveText('No hay ningún sitio conectado.');
    await expect(popup.page.getByTestId(testIds.toggleSettings)).toHaveText('Ajustes');

    // Pairing: the wallet step, then the QR.
    await popup.openWalletStep();
    await expect(popup.walletStep().getByRole('heading')).toHaveText('¿Qué app de billetera tienes en el teléfono?');
    await expect(popup.page.getByTestId(testIds.walletContinue)).toHaveText('Mostrar código QR');
    await popup.page.getByTestId(testIds.walletContinue).click();
    const link = await popup.link();
    await expect(popup.page.getByTestId(testIds.connectionPhase)).toHaveText('Esperando a que tu teléfono escanee el código');
    await expect(popup.qrCode()).toHaveAttribute('alt', 'Código QR de vinculación para la app de billetera de tu teléfono. El mismo enlace está escrito debajo.');
    await expect(popup.page.getByTestId(testIds.cancelPairing)).toHaveText('Cancelar');
    const wallet = await WalletPage.open(context, server.url, { behaviour: 'spec' });
    await wallet.connect(link);
    await popup.expectPhase('connected');
    await expect(popup.page.getByTestId(testIds.connectionPhase)).toHaveText('Conectado');
    await popup.expectVerification('verified');
    await expect(popup.verification()).toHaveText(/^Verificada: tu teléfono demostró que tiene esta cuenta \(.+\)\.$/);
    const address = await wallet.address();

    // The connect prompt.
    const dapp = await DappPage.open(context, `${server.url}/dapp`);
    const enabling = dapp.enable();
    const connect = new ApprovalPage(await approvalWindow(context, extensionId));
    await expect(connect.connectPrompt().getByRole('heading')).toHaveText('¿Conectar con este sitio?');
    await expect(connect.connectPrompt().locator('dt')).toHaveText(['Red']);
    await expect(connect.connectPrompt().locator('legend')).toHaveText('Cuentas compartidas');
    await expect(connect.connectPrompt()).toContainText('El sitio verá estas direcciones y podrá pedirte que firmes transacciones. Nunca podrá firmar sin ti.');
    await expect(connect.page.getByTestId(testIds.reject)).toHaveText('Rechazar');
    await expect(connect.page.getByTestId(testIds.blockSite)).toHaveText('Bloquear este sitio');
    await expect(connect.approveButton()).toHaveText('Conectar');
    await expect(connect.approveButton()).toBeEnabled();
    await clickMayClose(connect.approveButton());
    expect((await enabling).ok).toBe(true);
    if (!connect.page.isClosed()) await connect.page.waitForEvent('close', { timeout: 10_000 });

    // A sign prompt with a rekey and a high fee: warnings, badges, rows and amounts in Spanish.
    const signing = dapp.signTransactions([{ txn: payment({ from: address, rekeyTo: REKEY_TARGET, amount: 12_345_678_901, fee: 250_000 }) }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    await expect(approval.signTitle()).toHaveText('¿Firmar una transacción?');
    await expect(approval.signTotals()).toHaveText('1 para firmar con tu teléfono · 0 firmadas por otros · testnet-v1.0');
    await expect(approval.warningSummary()).toHaveText('2 advertencias: revísalas antes de aprobar');
    await expect(approval.warnings('rekey')).toHaveText(`n.º 1: Hace rekey de tu cuenta ${address} a ${REKEY_TARGET}: a partir de entonces solo la clave de esa cuenta podrá gastar de ella.`);
    await expect(approval.warnings('high-fee')).toHaveText(`n.º 1: Tu cuenta ${address} paga una comisión de 0,250000 ALGO, más de 0,100000 ALGO.`);
    await expect(approval.txnTitles()).toHaveText(['Pago']);
    await expect(approval.txnBadges(0)).toHaveText(['Rekey', 'Comisión alta']);
    await expect(approval.txnValue(0, 'Importe')).toHaveText('12.345,678901 ALGO');
    await expect(approval.txnValue(0, 'Comisión')).toHaveText('0,250000 ALGO');
    await expect(approval.txnValue(0, 'Rekey a')).toHaveText(REKEY_TARGET);
    await expect(approval.approveButton()).toHaveText(/^Aprobar en el teléfono/);
    await expect(approval.page.getByTestId(testIds.reject)).toHaveText('Rechazar');
    await approval.reject();
    expect(errorOf(await signing).code).toBe(4001);
  });
});
