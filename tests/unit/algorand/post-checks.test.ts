import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { batchesOf, checkSignedForPost } from '../../../lib/algorand/post-checks';
import { ALICE, BOB, CAROL } from '../../fixtures/algorand/accounts';
import { MAINNET_HASH, grouped, params, pay } from '../../fixtures/algorand/txns';

const b64 = (bytes: Uint8Array) => algosdk.bytesToBase64(bytes);
const signed = (txn: algosdk.Transaction, by = ALICE) => b64(txn.signTxn(by.secretKey));

describe('checkSignedForPost', () => {
  it('takes single signatures, groups and ungrouped transactions, and says how to send them', async () => {
    const [a, b] = grouped([pay({ amount: 1n }), pay({ amount: 2n, sender: BOB.addr })]);
    const alone = pay({ amount: 3n });
    const checked = await checkSignedForPost([signed(a!), signed(b!, BOB), signed(alone)]);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.auth).toEqual(['signature', 'signature', 'signature']);
    expect(checked.value.batches).toEqual([{ start: 0, end: 2 }, { start: 2, end: 3 }]);
    expect(checked.value.decoded.map((d) => d.txId)).toEqual([a!.txID(), b!.txID(), alone.txID()]);
    expect(checked.value.signed[2]).toEqual(alone.signTxn(ALICE.secretKey));
  });

  it('verifies a rekeyed account signature against sgnr', async () => {
    const txn = pay({ sender: CAROL.addr });
    const stxn = algosdk.decodeSignedTransaction(txn.signTxn(ALICE.secretKey));
    const rekeyed = new algosdk.SignedTransaction({ txn, sig: stxn.sig, sgnr: algosdk.Address.fromString(ALICE.addr) });
    const checked = await checkSignedForPost([b64(algosdk.encodeMsgpack(rekeyed))]);
    expect(checked).toMatchObject({ ok: true, value: { auth: ['signature'] } });
  });

  it('refuses a signature by another key, naming the entry', async () => {
    // BOB's signature over ALICE's transaction, without the sgnr that would say so.
    const txn = pay({ amount: 9n });
    const { sig } = algosdk.decodeSignedTransaction(txn.signTxn(BOB.secretKey));
    const forged = b64(algosdk.encodeMsgpack(new algosdk.SignedTransaction({ txn, sig })));
    const checked = await checkSignedForPost([signed(pay()), forged]);
    expect(checked).toMatchObject({ ok: false, error: { code: 4200, data: { index: 1 } } });
    expect(!checked.ok && checked.error.message).toContain(`not ${ALICE.addr}'s`);
  });

  it('refuses an unsigned transaction, a non-transaction, bad base64 and non-canonical bytes', async () => {
    const unsigned = b64(algosdk.encodeMsgpack(new algosdk.SignedTransaction({ txn: pay() })));
    expect(await checkSignedForPost([unsigned])).toMatchObject({ ok: false, error: { message: 'stxns[0]: it is not signed' } });
    expect(await checkSignedForPost([b64(new Uint8Array([1, 2, 3]))])).toMatchObject({ ok: false, error: { code: 4200, data: { index: 0 } } });
    expect(await checkSignedForPost(['***'])).toMatchObject({ ok: false, error: { message: 'stxns[0]: not valid base64' } });
    // The same map with a trailing byte is not the canonical encoding the user was shown.
    const bytes = pay().signTxn(ALICE.secretKey);
    expect(await checkSignedForPost([b64(new Uint8Array([...bytes, 0]))])).toMatchObject({ ok: false, error: { code: 4200 } });
    expect(await checkSignedForPost([])).toMatchObject({ ok: false, error: { message: 'stxns is empty' } });
  });

  it('refuses a broken group and a mix of networks', async () => {
    const [a, b] = grouped([pay({ amount: 1n }), pay({ amount: 2n })]);
    expect(await checkSignedForPost([signed(a!)])).toMatchObject({ ok: false, error: { code: 4201 } });
    expect((await checkSignedForPost([signed(b!), signed(a!)])).ok).toBe(false);
    const mainnet = pay({ suggestedParams: params({ genesisID: 'mainnet-v1.0', genesisHash: algosdk.base64ToBytes(MAINNET_HASH) }) });
    expect(await checkSignedForPost([signed(pay()), signed(mainnet)])).toMatchObject({ ok: false, error: { data: { index: 1 } } });
  });

  it('passes a LogicSig and a multisig through unchecked, and marks them', async () => {
    const program = new Uint8Array([0x06, 0x81, 0x01]); // #pragma version 6; int 1
    const lsig = new algosdk.LogicSigAccount(program);
    const fromLsig = pay({ sender: lsig.address() });
    const lsigSigned = algosdk.signLogicSigTransactionObject(fromLsig, lsig).blob;
    const msigParams = { version: 1, threshold: 1, addrs: [ALICE.addr, BOB.addr] };
    const msigAddr = algosdk.multisigAddress(msigParams);
    const msigSigned = algosdk.signMultisigTransaction(pay({ sender: msigAddr }), msigParams, ALICE.secretKey).blob;
    const checked = await checkSignedForPost([b64(lsigSigned), b64(msigSigned)]);
    expect(checked).toMatchObject({ ok: true, value: { auth: ['logicsig', 'multisig'] } });
  });
});

describe('batchesOf', () => {
  it('sends each group together and each ungrouped transaction alone', async () => {
    const first = grouped([pay({ amount: 1n }), pay({ amount: 2n })]);
    const second = grouped([pay({ amount: 3n }), pay({ amount: 4n }), pay({ amount: 5n })]);
    const checked = await checkSignedForPost([pay({ amount: 6n }), ...first, ...second, pay({ amount: 7n })].map((t) => signed(t)));
    expect(checked.ok && batchesOf(checked.value.decoded)).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 3 },
      { start: 3, end: 6 },
      { start: 6, end: 7 },
    ]);
  });
});
