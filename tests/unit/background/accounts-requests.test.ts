import algosdk from 'algosdk';
import { describe, expect, it } from 'vitest';
import { TANDEM_PROVIDER_ID, type Arc27Request, type WalletTransaction } from '../../../lib/arc27/types';
import type { Pairing } from '../../../lib/liquid/types';
import type { StoredAccounts } from '../../../lib/storage/types';
import { createAccountsStore } from '../../../entrypoints/background/accounts-store';
import type { AuthLookup } from '../../../lib/accounts/rekey-check';
import { ALICE, BOB, CAROL, DAVE } from '../../fixtures/algorand/accounts';
import { TESTNET_HASH, b64, pay } from '../../fixtures/algorand/txns';
import { MemoryValue, createBackground, sender } from './fakes';

const CONNECTIONS: Pairing = {
  server: 'http://localhost:3000',
  requestId: 'r-1',
  wallet: ALICE.addr,
  credId: '',
  pairedAt: 1,
  phone: { protocol: 'connections', methods: null, accounts: [{ address: ALICE.addr }, { address: BOB.addr }] },
};
const CAROL_REKEYED: StoredAccounts = { names: {}, rekeyed: [{ address: CAROL.addr, authAddr: ALICE.addr, pairingId: 'r-1', check: 'checked', addedAt: 1 }] };
const enableReq = (silent = false): Arc27Request => ({
  id: 'e',
  method: 'enable',
  reference: 'arc0027:enable:request',
  params: { providerId: TANDEM_PROVIDER_ID, genesisHash: TESTNET_HASH, ...(silent ? { tandem: { silent: true } } : {}) },
});
const signReq = (txns: WalletTransaction[]): Arc27Request => ({ id: 's', method: 'sign_transactions', reference: 'arc0027:sign_transactions:request', params: { providerId: TANDEM_PROVIDER_ID, txns } });
const addresses = (outcome: unknown) => (outcome as { result: { accounts: { address: string }[] } }).result.accounts.map((a) => a.address);

async function connect(bg: ReturnType<typeof createBackground>, chosen?: string[], key = 'connect') {
  await bg.requests.handle(sender(), key, enableReq(), {});
  await bg.requests.approve(key, chosen);
  return bg.answerOf(key);
}

describe('per-site choice of accounts', () => {
  it('gives the site only the chosen account, in enable and a silent enable, and refuses to sign for another (4100)', async () => {
    const bg = createBackground({ pairing: CONNECTIONS });
    expect(addresses(await connect(bg, [BOB.addr]))).toEqual([BOB.addr]);
    expect(Object.values(bg.sitesItem.value)[0]!.accounts).toEqual([BOB.addr]);
    const silent = await bg.requests.handle(sender(), 'quiet', enableReq(true), {});
    expect(silent.state === 'done' && addresses(silent.outcome)).toEqual([BOB.addr]);
    const refused = await bg.requests.handle(sender(), 'sign-alice', signReq([{ txn: b64(pay()) }]), {});
    expect(refused).toMatchObject({ state: 'done', outcome: { ok: false, error: { code: 4100 } } });
    expect(await bg.requests.handle(sender(), 'sign-bob', signReq([{ txn: b64(pay({ sender: BOB.addr })) }]), {})).toEqual({ state: 'pending' });
  });

  it('keeps the accounts list order whatever the order chosen, and refuses a choice outside the list', async () => {
    const bg = createBackground({ pairing: CONNECTIONS });
    expect(addresses(await connect(bg, [BOB.addr, ALICE.addr]))).toEqual([ALICE.addr, BOB.addr]);
    const other = createBackground({ pairing: CONNECTIONS });
    await other.requests.handle(sender(), 'c', enableReq(), {});
    await expect(other.requests.approve('c', [DAVE.addr])).rejects.toThrow(/choose at least one/);
    expect(other.sitesItem.value).toEqual({});
  });

  it('defaults to what the site was last given, else the first account', async () => {
    const bg = createBackground({ pairing: CONNECTIONS });
    expect(addresses(await connect(bg))).toEqual([ALICE.addr]);
    await bg.edges.sites.choose('https://dapp.example', TESTNET_HASH, [BOB.addr]);
    // The same site asks for MainNet: its TestNet session was last changed to BOB.
    const later = createBackground({ pairing: CONNECTIONS });
    later.sitesItem.value = { ...bg.sitesItem.value };
    const mainnet: Arc27Request = { id: 'm', method: 'enable', reference: 'arc0027:enable:request', params: { providerId: TANDEM_PROVIDER_ID } };
    await later.requests.handle(sender(), 'm', mainnet, {});
    await later.requests.approve('m');
    expect(addresses(later.answerOf('m'))).toEqual([BOB.addr]);
  });

  it('refuses to sign (4100) for a site account that is no longer in the list', async () => {
    const bg = createBackground({ pairing: CONNECTIONS });
    await connect(bg, [ALICE.addr]);
    const key = Object.keys(bg.sitesItem.value)[0]!;
    bg.sitesItem.value = { [key]: { ...bg.sitesItem.value[key]!, accounts: [ALICE.addr, DAVE.addr] } };
    const refused = await bg.requests.handle(sender(), 'sign-dave', signReq([{ txn: b64(pay({ sender: DAVE.addr })) }]), {});
    expect(refused).toMatchObject({ state: 'done', outcome: { ok: false, error: { code: 4100 } } });
  });

  it('hands out only accounts still in the list from a remembered session', async () => {
    const bg = createBackground({ pairing: CONNECTIONS });
    await connect(bg, [ALICE.addr, BOB.addr]);
    const key = Object.keys(bg.sitesItem.value)[0]!;
    bg.sitesItem.value = { [key]: { ...bg.sitesItem.value[key]!, accounts: [DAVE.addr, BOB.addr] } };
    const silent = await bg.requests.handle(sender(), 'quiet', enableReq(true), {});
    expect(silent.state === 'done' && addresses(silent.outcome)).toEqual([BOB.addr]);
  });
});

describe('a rekeyed account', () => {
  it("is asked of the phone with authAddr, verified against the auth key, and answered with sgnr set", async () => {
    const bg = createBackground({ pairing: CONNECTIONS, accounts: CAROL_REKEYED });
    expect(addresses(await connect(bg, [CAROL.addr]))).toEqual([CAROL.addr]);
    const txn = pay({ sender: CAROL.addr, receiver: BOB.addr });
    expect(await bg.requests.handle(sender(), 'sign', signReq([{ txn: b64(txn) }]), {})).toEqual({ state: 'pending' });
    const entry = bg.queueItem.value.find((e) => e.key === 'sign');
    expect(entry?.method === 'sign_transactions' && entry.warnings.filter((w) => w.kind === 'foreign-signer')).toEqual([]);
    await bg.requests.approve('sign');
    const frame = bg.frames.at(-1)!;
    expect((frame.params as { txns: WalletTransaction[] }).txns).toEqual([{ txn: b64(txn), authAddr: ALICE.addr }]);
    const signed = algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(b64(txn))).signTxn(ALICE.secretKey);
    await bg.phoneSays({ id: 'r', reference: 'arc0027:sign_transactions:response', requestId: frame.id, result: { providerId: TANDEM_PROVIDER_ID, stxns: [algosdk.bytesToBase64(signed)] } });
    const answer = bg.answerOf('sign') as { ok: true; result: { stxns: string[] } };
    expect(answer.ok).toBe(true);
    const stxn = algosdk.decodeSignedTransaction(algosdk.base64ToBytes(answer.result.stxns[0]!));
    expect(stxn.sgnr?.toString()).toBe(ALICE.addr);
    expect(stxn.txn.sender.toString()).toBe(CAROL.addr);
  });

  it("refuses a signature by the rekeyed account's own (wrong) key", async () => {
    const bg = createBackground({ pairing: CONNECTIONS, accounts: CAROL_REKEYED });
    await connect(bg, [CAROL.addr]);
    const txn = pay({ sender: CAROL.addr });
    await bg.requests.handle(sender(), 'sign', signReq([{ txn: b64(txn) }]), {});
    await bg.requests.approve('sign');
    const frame = bg.frames.at(-1)!;
    const wrong = algosdk.decodeUnsignedTransaction(algosdk.base64ToBytes(b64(txn))).signTxn(CAROL.secretKey);
    await bg.phoneSays({ id: 'r', reference: 'arc0027:sign_transactions:response', requestId: frame.id, result: { providerId: TANDEM_PROVIDER_ID, stxns: [algosdk.bytesToBase64(wrong)] } });
    expect(bg.answerOf('sign')).toMatchObject({ ok: false });
  });

  it("does not let a site given only the rekeyed account sign for its auth account", async () => {
    const bg = createBackground({ pairing: CONNECTIONS, accounts: CAROL_REKEYED });
    await connect(bg, [CAROL.addr]);
    expect(await bg.requests.handle(sender(), 'sign', signReq([{ txn: b64(pay()) }]), {})).toMatchObject({ state: 'done', outcome: { ok: false, error: { code: 4100 } } });
  });
});

describe('the accounts store', () => {
  const store = (lookups: AuthLookup[], pairing: Pairing | null = CONNECTIONS) => {
    const item = new MemoryValue<StoredAccounts>({ names: {}, rekeyed: [] });
    const asked: string[] = [];
    const accounts = createAccountsStore(item, { pairings: async () => (pairing ? [pairing] : []), authLookups: async (a) => (asked.push(a), lookups), now: () => 42 });
    return { item, accounts, asked };
  };

  it('adds a checked rekeyed account (fake algod answer), trimmed, and lists it', async () => {
    const { item, accounts } = store([{ state: 'answered', network: 'TestNet', authAddr: BOB.addr }]);
    expect(await accounts.addRekeyed(`  ${CAROL.addr} `)).toMatchObject({ ok: true, value: { address: CAROL.addr, kind: 'rekeyed', authAddr: BOB.addr, check: 'checked', network: 'TestNet' } });
    expect(item.value.rekeyed).toEqual([{ address: CAROL.addr, authAddr: BOB.addr, pairingId: 'r-1', check: 'checked', network: 'TestNet', addedAt: 42 }]);
    expect(await accounts.addRekeyed(CAROL.addr)).toMatchObject({ ok: false, error: { code: 'duplicate' } });
  });

  it('does not ask algod about a bad address, and stores nothing on a mismatch', async () => {
    const { item, accounts, asked } = store([{ state: 'answered', network: 'TestNet', authAddr: DAVE.addr }]);
    expect(await accounts.addRekeyed('hello')).toMatchObject({ ok: false, error: { code: 'bad-address' } });
    expect(asked).toEqual([]);
    expect(await accounts.addRekeyed(CAROL.addr)).toMatchObject({ ok: false, error: { code: 'not-rekeyed-to-phone' } });
    expect(item.writes).toBe(0);
  });

  it('adds a not-checked account when no node answers', async () => {
    const { accounts } = store([]);
    expect(await accounts.addRekeyed(CAROL.addr)).toMatchObject({ ok: true, value: { check: 'not-checked', authAddr: ALICE.addr } });
  });

  it('renames, clears a name, refuses an unknown account, and forgets an unpaired phone', async () => {
    const { item, accounts } = store([]);
    await accounts.addRekeyed(CAROL.addr);
    expect(await accounts.rename(BOB.addr, '  Savings  ')).toEqual({ ok: true, value: undefined });
    expect((await accounts.list()).find((a) => a.address === BOB.addr)?.name).toBe('Savings');
    await accounts.rename(BOB.addr, '');
    expect(item.value.names).toEqual({});
    expect(await accounts.rename(DAVE.addr, 'x')).toMatchObject({ ok: false });
    await accounts.rename(ALICE.addr, 'Main');
    await accounts.forgetPairing(CONNECTIONS);
    expect(item.value).toEqual({ names: {}, rekeyed: [] });
  });
});
