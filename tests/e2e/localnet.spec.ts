import { test, expect } from './support/fixtures';
import { approveOnce, connectDapp, pairPhone } from './support/flows';
import { DappPage } from './support/dapp-page';
import { approvalWindow } from './support/popup-page';
import { verifySignedTxn } from './support/verify';

// LocalNet's genesis hash differs per install, so the user gives it in settings.
const LOCALNET_HASH = 'H1ta0ZdZg+9Xf4K0hO6vQd9xW6ZlZ6pU0zfMkXbE1sE=';

test.describe('LocalNet', () => {
  test('is refused with 4004 until its genesis hash is set', async ({ context, server, seedSettings }) => {
    await seedSettings({});
    const dapp = await DappPage.open(context, `${server.url}/dapp`);
    const enabled = await dapp.enable(LOCALNET_HASH);
    expect(enabled).toMatchObject({ ok: false, error: { code: 4004 } });
  });

  test('with its genesis hash in settings, a dApp connects and signs on LocalNet', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({ localNetGenesisHash: LOCALNET_HASH });
    const { address } = await pairPhone(context, extensionId, server);
    // The test dApp names LocalNet `dockernet-v1` with the hash it is given.
    const dappUrl = `${server.url}/dapp?localnetHash=${encodeURIComponent(LOCALNET_HASH)}`;
    const { dapp, enabled } = await connectDapp(context, extensionId, dappUrl, LOCALNET_HASH);
    expect(enabled).toMatchObject({ ok: true, result: { genesisHash: LOCALNET_HASH, genesisId: 'dockernet-v1' } });
    const discovered = await dapp.discover();
    expect(JSON.stringify(discovered)).toContain(LOCALNET_HASH);
    const txn = await dapp.page.evaluate(
      ([from, hash]) => (window as unknown as { dapp: { buildPayment(f: string, o: object): string } }).dapp.buildPayment(from!, { genesisHash: hash }),
      [address, LOCALNET_HASH],
    );
    const signing = dapp.signTransactions([{ txn }]);
    await approveOnce(await approvalWindow(context, extensionId));
    const signed = await signing;
    expect(signed.ok, JSON.stringify(signed)).toBe(true);
    verifySignedTxn((signed as unknown as { result: { stxns: string[] } }).result.stxns[0]!, txn, address);
  });
});
