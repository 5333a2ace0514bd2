import { test, expect } from './support/fixtures';
import { DappPage } from './support/dapp-page';
import { storedQueue } from './support/extension-state';
import { connectDapp, pairPhone } from './support/flows';
import { errorOf } from './support/sign-flow';
import { MAINNET_HASH, payment } from './support/txns';

/** A well-formed genesis hash of no network Tandem knows (the test dApp's "unknown" network). */
const UNKNOWN_HASH = 'VU5LTk9XTi1ORVRXT1JLLUZPUi00MDA0LVRFU1RTLi4=';

test.describe('networks and methods', () => {
  test('refuses a MainNet payment on a TestNet session (4004), an unknown network (4004) and sign_message to a phone that cannot sign messages (4003)', async ({
    context,
    extensionId,
    server,
    seedSettings,
    worker,
  }) => {
    await seedSettings({});
    // The reference phone announces nothing: it signs transactions only (signing-data.spec.ts has the phones that sign messages).
    const { address } = await pairPhone(context, extensionId, server, 'reference');
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);

    const mainnet = errorOf(await dapp.signTransactions([{ txn: payment({ from: address, genesisHash: MAINNET_HASH }) }]));
    expect(mainnet.code).toBe(4004);
    expect(mainnet.message).toBe('txns[0] is for MainNet, but this session is on TestNet');

    const unknown = errorOf(await dapp.enable(UNKNOWN_HASH));
    expect(unknown.code).toBe(4004);
    expect(unknown.message).toContain(UNKNOWN_HASH);

    const message = errorOf(await dapp.signMessage('hello', address));
    expect(message.code).toBe(4003);

    // None of these reached the user: no prompt, nothing queued.
    expect(context.pages().some((p) => p.url().endsWith('#approval'))).toBe(false);
    expect(await storedQueue(worker)).toEqual([]);
  });

  test('a site with no session gets 4004 for an unknown network before any prompt', async ({ context, server, seedSettings, worker }) => {
    await seedSettings({});
    const dapp = await DappPage.open(context, `${server.url}/dapp`);
    expect(errorOf(await dapp.enable(UNKNOWN_HASH)).code).toBe(4004);
    expect(errorOf(await dapp.signMessage('hello')).code).toBe(4003);
    expect(await storedQueue(worker)).toEqual([]);
  });
});
