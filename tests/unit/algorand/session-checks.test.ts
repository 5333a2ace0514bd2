import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { decodeWalletTransactions, type DecodedTxn } from '../../../lib/algorand/decode';
import { localNet } from '../../../lib/algorand/networks';
import { checkNetwork, checkSigners } from '../../../lib/algorand/session-checks';
import type { WalletTransaction } from '../../../lib/arc27/types';
import { ALICE, BOB, CAROL, DAVE, OWN_ACCOUNTS } from '../../fixtures/algorand/accounts';
import { MAINNET_HASH, params, pay, TESTNET_HASH, wtx } from '../../fixtures/algorand/txns';

function decodeOk(txns: WalletTransaction[]): DecodedTxn[] {
  const result = decodeWalletTransactions(txns);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('checkSigners', () => {
  it('accepts transactions signed by paired accounts next to ones nobody here signs', () => {
    const decoded = decodeOk([wtx(pay()), wtx(pay({ sender: CAROL.addr }), { signers: [] }), wtx(pay({ sender: BOB.addr }))]);
    expect(checkSigners(decoded, OWN_ACCOUNTS)).toEqual({ ok: true, value: undefined });
  });

  it('refuses a sender that is not paired with 4100, naming the index and the account', () => {
    const decoded = decodeOk([wtx(pay()), wtx(pay({ sender: CAROL.addr }))]);
    const result = checkSigners(decoded, OWN_ACCOUNTS);
    expect(result).toMatchObject({ ok: false, error: { code: 4100, data: { index: 1, signer: CAROL.addr } } });
    expect(!result.ok && result.error.message).toContain(CAROL.addr);
  });

  it('refuses an authAddr that is not paired, even when the sender is', () => {
    const decoded = decodeOk([wtx(pay(), { authAddr: DAVE.addr })]);
    expect(checkSigners(decoded, OWN_ACCOUNTS)).toMatchObject({ ok: false, error: { code: 4100 } });
  });

  it('accepts a foreign rekeyed sender whose auth address is paired', () => {
    const decoded = decodeOk([wtx(pay({ sender: CAROL.addr }), { authAddr: ALICE.addr })]);
    expect(checkSigners(decoded, OWN_ACCOUNTS).ok).toBe(true);
  });

  it('refuses a request with nothing to sign with 4200', () => {
    const decoded = decodeOk([wtx(pay(), { signers: [] })]);
    expect(checkSigners(decoded, OWN_ACCOUNTS)).toMatchObject({ ok: false, error: { code: 4200 } });
  });
});

describe('checkNetwork', () => {
  const mainnetParams = params({ genesisID: 'mainnet-v1.0', genesisHash: algosdk.base64ToBytes(MAINNET_HASH) });

  it('accepts transactions of the session network', () => {
    expect(checkNetwork(decodeOk([wtx(pay())]), TESTNET_HASH).ok).toBe(true);
  });

  it('refuses a MainNet transaction in a TestNet session with 4004, naming both networks', () => {
    const decoded = decodeOk([wtx(pay()), wtx(pay({ suggestedParams: mainnetParams }))]);
    const result = checkNetwork(decoded, TESTNET_HASH);
    expect(result).toMatchObject({ ok: false, error: { code: 4004, data: { index: 1, genesisHash: MAINNET_HASH } } });
    expect(!result.ok && result.error.message).toMatch(/MainNet.*TestNet/);
  });

  it('refuses a genesis id that is not the network one', () => {
    const decoded = decodeOk([wtx(pay({ suggestedParams: params({ genesisID: 'mainnet-v1.0' }) }))]);
    const result = checkNetwork(decoded, TESTNET_HASH);
    expect(result).toMatchObject({ ok: false, error: { code: 4004 } });
    expect(!result.ok && result.error.message).toContain('"mainnet-v1.0"');
  });

  it('accepts a transaction without a genesis id', () => {
    expect(checkNetwork(decodeOk([wtx(pay({ suggestedParams: params({ genesisID: '' }) }))]), TESTNET_HASH).ok).toBe(true);
  });

  it('refuses a transaction without a genesis hash', () => {
    const map = algosdk.msgpackRawDecodeAsMap(algosdk.encodeUnsignedTransaction(pay())) as Map<string, unknown>;
    map.delete('gh');
    const txn = Buffer.from(algosdk.msgpackRawEncode(map)).toString('base64');
    const result = checkNetwork(decodeOk([{ txn }]), TESTNET_HASH);
    expect(result).toMatchObject({ ok: false, error: { code: 4004 } });
    expect(!result.ok && result.error.message).toContain('no network');
  });

  it('checks a LocalNet session by its configured hash and genesis id', () => {
    const hash = Buffer.alloc(32, 9).toString('base64');
    const local = params({ genesisID: 'dockernet-v1', genesisHash: new Uint8Array(32).fill(9) });
    const wrongId = params({ genesisID: 'sandnet-v1', genesisHash: new Uint8Array(32).fill(9) });
    expect(checkNetwork(decodeOk([wtx(pay({ suggestedParams: local }))]), hash, [localNet(hash)]).ok).toBe(true);
    expect(checkNetwork(decodeOk([wtx(pay({ suggestedParams: wrongId }))]), hash, [localNet(hash)]).ok).toBe(false);
    const result = checkNetwork(decodeOk([wtx(pay())]), hash, [localNet(hash)]);
    expect(!result.ok && result.error.message).toMatch(/TestNet.*LocalNet/);
  });
});
