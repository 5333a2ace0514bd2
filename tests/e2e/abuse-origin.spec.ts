/**
 * A page can only ever act as its own origin: claims of another origin in the payload (params.origin,
 * another request's id, another site's sessionId) are ignored, an iframe is its own origin, and no page
 * sees another page's answers.
 */
import { test, expect } from './support/fixtures';
import { ApprovalPage } from './support/approval-page';
import { DappPage, TESTNET_HASH } from './support/dapp-page';
import { storedSessions } from './support/extension-state';
import { connectDapp, pairPhone } from './support/flows';
import { embedFrame } from './support/frames';
import { errorOfResponse, listenForResponses, requestRaw, seenResponses } from './support/hostile-page';
import { signWithApproval, stxnsOf } from './support/sign-flow';
import { verifySignedTxn } from './support/verify';

test.describe('origins', () => {
  test('a page that claims another origin gets a prompt or 4100, never that site\'s accounts or signatures', async ({ context, extensionId, server, seedSettings, worker }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const siteA = server.url;
    const siteB = `http://127.0.0.1:${server.port}`;
    const { dapp: a, enabled } = await connectDapp(context, extensionId, `${siteA}/dapp`);
    const sessionIdA = enabled.ok ? (enabled.result as { sessionId: string }).sessionId : '';
    const b = await DappPage.open(context, `${siteB}/dapp`);
    const txn = await b.buildPayment(address);
    const forged = { origin: siteA, url: `${siteA}/dapp`, sender: { origin: siteA }, sessionId: sessionIdA, sessionIds: [sessionIdA] };

    // Signing: 4100 at once, whatever the payload says about its origin.
    const sign = await requestRaw(b.page, 'sign_transactions', { id: 'claim-sign', reference: 'arc0027:sign_transactions:request', ...forged, params: { ...forged, txns: [{ txn, signers: [address] }] } });
    expect(errorOfResponse(sign.response).code).toBe(4100);

    // enable: a connect prompt for B (A's session is not handed over silently); rejected → 4001, no accounts.
    const enabling = requestRaw(b.page, 'enable', { id: 'claim-enable', ...forged, params: { ...forged, genesisHash: TESTNET_HASH } });
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.connectPrompt()).toBeVisible();
    await expect(approval.promptOrigin()).toHaveText(siteB);
    await approval.reject();
    const refused = (await enabling).response;
    expect(errorOfResponse(refused).code).toBe(4001);
    expect(JSON.stringify(refused)).not.toContain(address);
    await approval.waitForClose();

    // disable naming A's session ends nothing of A's.
    const disabled = await requestRaw(b.page, 'disable', { id: 'claim-disable', ...forged, params: { ...forged, genesisHash: TESTNET_HASH } });
    expect(disabled.response.result).toMatchObject({ sessionIds: [] });
    expect(await storedSessions(worker)).toEqual([`${siteA} ${TESTNET_HASH}`]);

    // Reusing the id of A's pending request: B gets its own 4100, A gets its own signature.
    await listenForResponses(a.page);
    const txnA = await a.buildPayment(address);
    const pendingA = requestRaw(a.page, 'sign_transactions', { id: 'shared-id', params: { txns: [{ txn: txnA }] } });
    const approvalA = await ApprovalPage.find(context, extensionId);
    await expect(approvalA.signPrompt()).toHaveAttribute('data-stage', 'awaiting-approval');
    const reuse = await requestRaw(b.page, 'sign_transactions', { id: 'shared-id', params: { txns: [{ txn: txnA }] } });
    expect(errorOfResponse(reuse.response).code).toBe(4100);
    await expect(approvalA.promptOrigin()).toHaveText(siteA);
    await approvalA.approveSign();
    const signedA = (await pendingA).response.result as { stxns: string[] };
    verifySignedTxn(signedA.stxns[0]!, txnA, address);

    // B saw exactly its own four answers, none carrying an account or a signature.
    const seenByB = await seenResponses(b.page);
    expect(seenByB.map((r) => r.requestId).sort()).toEqual(['claim-disable', 'claim-enable', 'claim-sign', 'shared-id']);
    expect(JSON.stringify(seenByB)).not.toContain(address);
    expect(seenByB.every((r) => !(r.result as { stxns?: unknown } | undefined)?.stxns)).toBe(true);
  });

  test('an iframe asks as its own origin, whichever site frames it', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const siteA = server.url;
    const siteB = `http://127.0.0.1:${server.port}`;
    const { dapp: a } = await connectDapp(context, extensionId, `${siteA}/dapp`);

    // B framed inside connected A: B has no session of its own.
    const frameB = await embedFrame(a.page, `${siteB}/dapp`);
    const txn = await a.buildPayment(address);
    const signB = await requestRaw(frameB, 'sign_transactions', { id: 'frame-b-sign', params: { txns: [{ txn }] } });
    expect(errorOfResponse(signB.response).code).toBe(4100);
    const enablingB = requestRaw(frameB, 'enable', { id: 'frame-b-enable', params: { genesisHash: TESTNET_HASH } });
    const approval = await ApprovalPage.find(context, extensionId);
    await expect(approval.promptOrigin()).toHaveText(siteB);
    await expect(approval.promptEmbedded()).toHaveText(`Embedded in ${siteA}`);
    await approval.reject();
    expect(errorOfResponse((await enablingB).response).code).toBe(4001);
    await approval.waitForClose();

    // A framed inside unconnected B: A's own session answers, silently, and A's prompt names A.
    const b = await DappPage.open(context, `${siteB}/dapp`);
    await listenForResponses(b.page);
    const frameA = await embedFrame(b.page, `${siteA}/dapp`);
    const enableA = await requestRaw(frameA, 'enable', { id: 'frame-a-enable', params: { genesisHash: TESTNET_HASH } });
    expect(enableA.response.result).toMatchObject({ accounts: [{ address }] });
    const signingA = requestRaw(frameA, 'sign_transactions', { id: 'frame-a-sign', params: { txns: [{ txn }] } });
    const approvalA = await ApprovalPage.find(context, extensionId);
    await expect(approvalA.promptOrigin()).toHaveText(siteA);
    await expect(approvalA.promptEmbedded()).toHaveText(`Embedded in ${siteB}`);
    await approvalA.approveSign();
    verifySignedTxn(((await signingA).response.result as { stxns: string[] }).stxns[0]!, txn, address);
    // The framing page heard none of it.
    expect(await seenResponses(b.page)).toEqual([]);
  });

  test('a page listening for every response sees nothing of another tab\'s, same origin or not', async ({ context, extensionId, server, seedSettings }) => {
    await seedSettings({});
    const { address } = await pairPhone(context, extensionId, server);
    const siteA = server.url;
    const sameOrigin = await DappPage.open(context, `${siteA}/dapp`);
    const otherOrigin = await DappPage.open(context, `http://127.0.0.1:${server.port}/dapp`);
    for (const listener of [sameOrigin.page, otherOrigin.page]) await listenForResponses(listener);

    const { dapp: a } = await connectDapp(context, extensionId, `${siteA}/dapp`);
    const frameInA = await embedFrame(a.page, `http://127.0.0.1:${server.port}/dapp`);
    await listenForResponses(frameInA);
    expect((await a.discover()).ok).toBe(true);
    const txn = await a.buildPayment(address);
    const { outcome } = await signWithApproval(context, extensionId, a, [{ txn }]);
    verifySignedTxn(stxnsOf(outcome)[0]!, txn, address);
    expect((await a.disable()).ok).toBe(true);

    // A got its answers (enable, discover, sign, disable); the listeners got none of them.
    expect(await seenResponses(sameOrigin.page)).toEqual([]);
    expect(await seenResponses(otherOrigin.page)).toEqual([]);
    expect(await seenResponses(frameInA)).toEqual([]);
  });
});
