/**
 * Data signing end to end (#13): ARC-0060 signData on Tandem's page event and ARC-0027 sign_message
 * through avm-web-provider, with the dev wallet as the phone. Every result is checked by the test's
 * own verifier (Node's Ed25519); every refusal is checked to open no window and send the phone nothing.
 */
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { connectDapp, pairPhone } from './support/flows';
import { errorOf } from './support/sign-flow';
import { storedQueue } from './support/extension-state';
import { watchApprovalWindows } from './support/use-wallet-dapp';
import { messageSignatureVerifies, signDataVerifies, type SignDataResult } from './support/verify-data';
import type { WalletPage } from './support/wallet-page';
import { createHash } from 'node:crypto';
import algosdk from 'algosdk';

const sha256Base64 = (text: string) => createHash('sha256').update(text).digest('base64');

/** The data-signing frames the phone received (hello, sign_data, sign_message). */
async function dataFrames(wallet: WalletPage): Promise<string[]> {
  const frames = (await wallet.received()) as { reference?: string }[];
  return frames.map((f) => f.reference ?? '').filter((r) => r === 'arc0060:sign_data:request' || r === 'arc0027:sign_message:request');
}

test.describe('data signing', () => {
  test('signData: "Sign in to <host>" that matches the page, approved on both sides, verified by the signer over SHA-256(data) ‖ SHA-256(authenticatorData)', async ({
    context,
    extensionId,
    server,
    seedSettings,
  }) => {
    await seedSettings({});
    const { address, wallet } = await pairPhone(context, extensionId, server);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const host = new URL(server.url).host;
    const longNonce = 'n'.repeat(300);

    const signing = dapp.signData({ json: JSON.stringify({ domain: host, account_address: address, statement: 'Sign in', nonce: longNonce, nested: { uri: server.url } }) });
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.dataPrompt().getByRole('heading')).toHaveText(`Sign in to ${host}`);
    await expect(approval.domainCheck()).toHaveText(`${host} matches this page`);
    await expect(approval.dataSigner()).toHaveText(address);
    await expect(approval.signedData()).toContainText('statement: "Sign in"');
    await expect(approval.signedData()).toContainText('uri:');
    // The 300-character nonce is folded, whole one click away.
    await expect(approval.signedData().getByTestId('folded-value')).toContainText('(302 characters)');
    await approval.approveData();
    const outcome = await signing;
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    const result = (outcome as unknown as { result: SignDataResult }).result;
    expect(result.domain).toBe(host);
    expect(result.authenticatorData).toBe(sha256Base64(host));
    expect(Buffer.from(result.signer, 'base64')).toEqual(Buffer.from(algosdk.Address.fromString(address).publicKey));
    expect(signDataVerifies(result)).toBe(true);
    // Preceded on the phone by a hello naming the site.
    const references = ((await wallet.received()) as { reference?: string; params?: { metadata?: { url?: string } } }[]).map((f) => f.reference);
    const at = references.lastIndexOf('arc0060:sign_data:request');
    expect(references[at - 1]).toBe('biatec:hello:request');
    const hello = ((await wallet.received()) as { params?: { metadata?: { url?: string } } }[])[at - 1]!;
    expect(hello.params?.metadata?.url).toBe(server.url);
  });

  test('sign_message: the message shown, signed on the phone over "MX" ‖ message, verified; rejections give 4001 for both methods', async ({
    context,
    extensionId,
    server,
    seedSettings,
  }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);

    const message = 'I agree to the terms of example.dapp, nonce 42';
    const signing = dapp.signMessage(message, address);
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.dataPrompt()).toHaveAttribute('data-method', 'sign_message');
    await expect(approval.signedData()).toHaveText(message);
    await approval.approveData();
    await approval.waitForClose();
    const outcome = await signing;
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    const result = (outcome as unknown as { result: { signature: string; signer: string } }).result;
    expect(result.signer).toBe(address);
    expect(messageSignatureVerifies(message, address, result.signature)).toBe(true);

    const rejectedMessage = dapp.signMessage('no thanks', address);
    const second = await ApprovalPage.find(context, extensionId);
    await expect(second.dataPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    await second.reject();
    expect(errorOf(await rejectedMessage).code).toBe(4001);
    await second.waitForClose();

    const rejectedData = dapp.signData();
    const third = await ApprovalPage.find(context, extensionId);
    await expect(third.dataPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    await third.reject();
    expect(errorOf(await rejectedData).code).toBe(4001);
  });

  test('refuses, with no window and nothing sent to the phone: another domain, a wrong authenticatorData, non-JSON AUTH data, transaction-shaped data, an hdPath, another scope', async ({
    context,
    extensionId,
    server,
    seedSettings,
    worker,
  }) => {
    await seedSettings({});
    const { address, wallet } = await pairPhone(context, extensionId, server);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const host = new URL(server.url).host;
    const payment = await dapp.buildPayment(address);
    const watch = watchApprovalWindows(context, extensionId);

    const otherDomain = errorOf(await dapp.signData({ domain: 'wallet.example', authenticatorData: sha256Base64('wallet.example') }));
    expect(otherDomain).toMatchObject({ code: 4610, message: `this page is ${host}, but it asks for a signature for wallet.example` });
    const wrongAuthData = errorOf(await dapp.signData({ authenticatorData: sha256Base64('wallet.example') }));
    expect(wrongAuthData).toMatchObject({ code: 4610, message: `authenticatorData does not start with SHA-256 of ${host}` });
    expect(errorOf(await dapp.signData({ json: 'please sign me in' })).code).toBe(4609);
    const txnBytes = errorOf(await dapp.signData({ data: payment }));
    expect(txnBytes).toMatchObject({ code: 4300, message: expect.stringContaining('transaction bytes') });
    const txPrefixed = errorOf(await dapp.signData({ data: Buffer.concat([Buffer.from('TX'), Buffer.from(payment, 'base64')]).toString('base64') }));
    expect(txPrefixed).toMatchObject({ code: 4300, message: expect.stringContaining('"TX" prefix') });
    expect(errorOf(await dapp.signData({ hdPath: "m/44'/283'/0'/0/0" })).code).toBe(4200);
    expect(errorOf(await dapp.signData({ metadata: { scope: 2, encoding: 'base64' } })).code).toBe(4600);
    expect(errorOf(await dapp.signData({ domain: null })).code).toBe(4607);

    expect(watch.windows()).toEqual([]);
    watch.stop();
    expect(await storedQueue(worker)).toEqual([]);
    expect(await dataFrames(wallet)).toEqual([]);
  });

  test('a phone that did not announce data signing (the reference phone) gets nothing: 4003 at once, no window', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const { address, wallet } = await pairPhone(context, extensionId, server, 'reference');
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    const watch = watchApprovalWindows(context, extensionId);

    expect(errorOf(await dapp.signData())).toMatchObject({ code: 4003, message: expect.stringContaining('does not support sign_data') });
    expect(errorOf(await dapp.signMessage('hello', address))).toMatchObject({ code: 4003, message: expect.stringContaining('does not support sign_message') });

    expect(watch.windows()).toEqual([]);
    watch.stop();
    expect(await dataFrames(wallet)).toEqual([]);
  });

  test('a signature from the phone that does not verify never reaches the page', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const { address, wallet } = await pairPhone(context, extensionId, server);
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);
    await wallet.setFault('bad-signature');

    const data = dapp.signData();
    const first = await ApprovalPage.find(context, extensionId);
    await first.approveData();
    expect(errorOf(await data)).toMatchObject({ code: 4300, message: expect.stringContaining('does not verify') });
    await first.waitForClose();

    const message = dapp.signMessage('hello', address);
    const approval = await ApprovalPage.find(context, extensionId);
    await approval.approveData();
    expect(errorOf(await message)).toMatchObject({ code: 4000, message: expect.stringContaining('does not verify') });
  });

  test('the biatec phone signs data for the site its hello named, verified; it cannot sign messages (4003, nothing sent)', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const { address, wallet } = await pairPhone(context, extensionId, server, 'biatec');
    const { dapp } = await connectDapp(context, extensionId, `${server.url}/dapp`);

    const signing = dapp.signData();
    await (await ApprovalPage.find(context, extensionId)).approveData();
    const outcome = await signing;
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    expect(signDataVerifies((outcome as unknown as { result: SignDataResult }).result)).toBe(true);

    expect(errorOf(await dapp.signMessage('hello', address)).code).toBe(4003);
    expect(await dataFrames(wallet)).toEqual(['arc0060:sign_data:request']);
  });
});
