import algosdk from 'algosdk';
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { algoPayment, algodSettings, assetTransfer, grouped, startTestAlgod, type RunningAlgodStandIn } from './support/algod';
import { balanceLine, networkFacts, rekeyedNotice, simulatedChange, simulation, simulationFailure, txnAmount } from './support/network-facts-page';
import { testIds } from '../../components/test-ids';
import { verifySignedTxn } from './support/verify';

const USDC = 10458941;
const CREATOR = algosdk.generateAccount().addr.toString();
const RECEIVER = algosdk.generateAccount().addr.toString();
const AUTH = algosdk.generateAccount().addr.toString();

let algod: RunningAlgodStandIn;

test.beforeEach(async () => {
  algod = await startTestAlgod({
    assets: [{ index: USDC, creator: CREATOR, decimals: 6, total: 10n ** 15n, name: 'USD Coin', unitName: 'USDC' }],
    accounts: [
      { address: CREATOR, microAlgos: 10_000_000 },
      { address: RECEIVER, microAlgos: 1_000_000, assets: [{ assetId: USDC, amount: 0 }] },
    ],
  });
});

test.afterEach(async () => {
  await algod.close();
});

test.describe('facts from the network in the approval window', () => {
  test('shows asset amounts with decimals and names, the balances before and after, and a rekey', async ({ context, extensionId, signSetup, seedSettings }) => {
    const { address, dapp } = signSetup;
    algod.ledger.seedAccount({ address, microAlgos: 5_000_000, assets: [{ assetId: USDC, amount: 25_000_000 }], authAddr: AUTH });
    await seedSettings(algodSettings(algod.url));

    const signing = dapp.signTransactions([{ txn: assetTransfer(address, RECEIVER, USDC, 12_500_000) }, { txn: algoPayment(address, RECEIVER, 1_000_000) }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(networkFacts(approval)).toHaveAttribute('data-state', 'ok');
    await expect(txnAmount(approval, 0)).toHaveText('12.500000 USDC (USD Coin)');
    await expect(balanceLine(approval, String(USDC))).toContainText('USDC (USD Coin): 25.000000 → 12.500000 (-12.500000)');
    await expect(balanceLine(approval, 'ALGO')).toContainText('ALGO: 5.000000 → 3.998000 (-1.002000)');
    await expect(rekeyedNotice(approval)).toContainText(`rekeyed to ${AUTH}`);

    await approval.approveSign();
    const signed = await signing;
    expect(signed.ok, JSON.stringify(signed)).toBe(true);
  });

  test('an unknown asset keeps its raw amount', async ({ context, extensionId, signSetup, seedSettings }) => {
    const { address, dapp } = signSetup;
    algod.ledger.seedAccount({ address, microAlgos: 5_000_000 });
    await seedSettings(algodSettings(algod.url));
    const signing = dapp.signTransactions([{ txn: assetTransfer(address, RECEIVER, 777, 1_250) }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(networkFacts(approval)).toHaveAttribute('data-state', 'ok');
    await expect(txnAmount(approval, 0)).toHaveText('1250 of asset 777');
    await approval.reject();
    expect(await signing).toMatchObject({ ok: false, error: { code: 4001 } });
  });

  test('with algod down the prompt still works and says it could not check', async ({ context, extensionId, signSetup, seedSettings }) => {
    const { address, dapp } = signSetup;
    const url = algod.url;
    await algod.close();
    await seedSettings(algodSettings(url));
    const txn = algoPayment(address, RECEIVER, 1_000);
    const signing = dapp.signTransactions([{ txn }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(networkFacts(approval)).toHaveAttribute('data-state', 'failed');
    await expect(networkFacts(approval)).toContainText("Couldn't check with");
    await approval.approveSign();
    const signed = await signing;
    expect(signed.ok, JSON.stringify(signed)).toBe(true);
    verifySignedTxn((signed as unknown as { result: { stxns: string[] } }).result.stxns[0]!, txn, address);
  });

  test('with network reads off not one request reaches the node', async ({ context, extensionId, signSetup, seedSettings }) => {
    const { address, dapp } = signSetup;
    algod.ledger.seedAccount({ address, microAlgos: 5_000_000, assets: [{ assetId: USDC, amount: 25_000_000 }] });
    await seedSettings({ ...algodSettings(algod.url), networkReads: false });
    const signing = dapp.signTransactions([{ txn: assetTransfer(address, RECEIVER, USDC, 12_500_000) }]);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(networkFacts(approval)).toHaveAttribute('data-state', 'off');
    await expect(txnAmount(approval, 0)).toHaveText(`12500000 of asset ${USDC}`);
    await approval.approveSign();
    expect((await signing).ok).toBe(true);
    expect(algod.requestCount()).toBe(0);
  });

  test('an overspending group shows the simulation failure before Approve, which stays possible', async ({ context, extensionId, signSetup, seedSettings }) => {
    const { address, dapp } = signSetup;
    algod.ledger.seedAccount({ address, microAlgos: 1_000_000 });
    await seedSettings(algodSettings(algod.url));
    const group = grouped(algoPayment(address, RECEIVER, 300_000), algoPayment(address, RECEIVER, 5_000_000));
    const signing = dapp.signTransactions(group.map((txn) => ({ txn })));
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(simulationFailure(approval)).toContainText('Would fail at transaction #2');
    await expect(simulationFailure(approval)).toContainText('overspend');
    await expect(simulation(approval)).toHaveAttribute('data-state', 'would-fail');
    await expect(approval.page.getByTestId(testIds.approve)).toHaveText('Approve on phone anyway');
    await approval.approveSign();
    expect((await signing).ok).toBe(true);
  });

  test('shows the balance changes the simulation derives', async ({ context, extensionId, signSetup, seedSettings }) => {
    const { address, dapp } = signSetup;
    algod.ledger.seedAccount({ address, microAlgos: 5_000_000, assets: [{ assetId: USDC, amount: 25_000_000 }] });
    await seedSettings(algodSettings(algod.url));
    const group = grouped(assetTransfer(address, RECEIVER, USDC, 2_000_000), algoPayment(address, RECEIVER, 1_000_000));
    const signing = dapp.signTransactions(group.map((txn) => ({ txn })));
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(simulation(approval)).toHaveAttribute('data-state', 'would-succeed');
    await expect(simulatedChange(approval, 'ALGO')).toContainText('ALGO -1.002000');
    await expect(simulatedChange(approval, String(USDC))).toContainText('USDC (USD Coin) -2.000000');
    await expect(simulationFailure(approval)).toHaveCount(0);
    await approval.reject();
    expect(await signing).toMatchObject({ ok: false, error: { code: 4001 } });
  });
});
