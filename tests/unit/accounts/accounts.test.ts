import { describe, expect, it } from 'vitest';
import { authAddrOf, defaultChoice, inListOrder, listAccounts } from '../../../lib/accounts/accounts';
import { decideRekeyed } from '../../../lib/accounts/rekey-check';
import { withKnownAuthAddrs } from '../../../lib/accounts/rekeyed-signers';
import { decodeWalletTransactions } from '../../../lib/algorand/decode';
import type { Pairing } from '../../../lib/liquid/types';
import type { SiteSession, StoredAccounts } from '../../../lib/storage/types';
import { ALICE, BOB, CAROL, DAVE } from '../../fixtures/algorand/accounts';
import { TESTNET_HASH, b64, pay } from '../../fixtures/algorand/txns';

const ARC27: Pairing = { server: 'http://localhost:3000', requestId: 'r-1', wallet: ALICE.addr, credId: '', pairedAt: 1, phone: { protocol: 'arc27', methods: null, accounts: [] } };
const CONNECTIONS: Pairing = {
  ...ARC27,
  phone: { protocol: 'connections', methods: null, accounts: [{ address: ALICE.addr, name: 'Dev account' }, { address: BOB.addr, name: 'Dev savings' }] },
};
const NONE: StoredAccounts = { names: {}, rekeyed: [] };
const rekeyedCarol = (authAddr = ALICE.addr): StoredAccounts => ({ names: {}, rekeyed: [{ address: CAROL.addr, authAddr, pairingId: 'r-1', check: 'checked', network: 'TestNet', addedAt: 5 }] });
const session = (accounts: string[], connectedAt: number, genesisHash = TESTNET_HASH): SiteSession => ({ origin: 'https://a.example', genesisHash, genesisId: 'x', accounts, sessionId: 's', connectedAt });

describe('the accounts list', () => {
  it('is empty without a pairing, and the paired account alone for a one-account phone', () => {
    expect(listAccounts([], rekeyedCarol())).toEqual([]);
    expect(listAccounts([ARC27], NONE)).toEqual([{ address: ALICE.addr, pairingId: 'r-1', kind: 'phone' }]);
    expect(listAccounts([{ ...ARC27, phone: null }], NONE).map((a) => a.address)).toEqual([ALICE.addr]);
  });

  it("brings every account of a connections phone with the phone's names, the paired account first", () => {
    const reordered = { ...CONNECTIONS, wallet: BOB.addr };
    expect(listAccounts([reordered], NONE)).toEqual([
      { address: BOB.addr, name: 'Dev savings', pairingId: 'r-1', kind: 'phone' },
      { address: ALICE.addr, name: 'Dev account', pairingId: 'r-1', kind: 'phone' },
    ]);
  });

  it("puts the user's names over the phone's, and rekeyed accounts last with their auth account and check", () => {
    const stored = { ...rekeyedCarol(BOB.addr), names: { [ALICE.addr]: 'Spending', [CAROL.addr]: 'Vault' } };
    expect(listAccounts([CONNECTIONS], stored)).toEqual([
      { address: ALICE.addr, name: 'Spending', pairingId: 'r-1', kind: 'phone' },
      { address: BOB.addr, name: 'Dev savings', pairingId: 'r-1', kind: 'phone' },
      { address: CAROL.addr, name: 'Vault', pairingId: 'r-1', kind: 'rekeyed', authAddr: BOB.addr, check: 'checked', network: 'TestNet' },
    ]);
  });

  it('leaves out a rekeyed account whose auth account the phone no longer holds', () => {
    expect(listAccounts([ARC27], rekeyedCarol(DAVE.addr)).map((a) => a.address)).toEqual([ALICE.addr]);
  });

  it("lists each pairing's accounts in pairing order, an account two phones hold once (on the first), and a rekeyed account on the phone that holds its auth key", () => {
    const second: Pairing = { ...ARC27, requestId: 'r-2', wallet: DAVE.addr, phone: { protocol: 'connections', methods: null, accounts: [{ address: DAVE.addr }, { address: BOB.addr }] } };
    expect(listAccounts([CONNECTIONS, second], rekeyedCarol(DAVE.addr))).toEqual([
      { address: ALICE.addr, name: 'Dev account', pairingId: 'r-1', kind: 'phone' },
      { address: BOB.addr, name: 'Dev savings', pairingId: 'r-1', kind: 'phone' },
      { address: DAVE.addr, pairingId: 'r-2', kind: 'phone' },
      { address: CAROL.addr, pairingId: 'r-2', kind: 'rekeyed', authAddr: DAVE.addr, check: 'checked', network: 'TestNet' },
    ]);
  });

  it('gives addresses in list order, each once, and only accounts', () => {
    const accounts = listAccounts([CONNECTIONS], rekeyedCarol());
    expect(inListOrder(accounts, [CAROL.addr, DAVE.addr, ALICE.addr, CAROL.addr])).toEqual([ALICE.addr, CAROL.addr]);
    expect(authAddrOf(accounts, CAROL.addr)).toBe(ALICE.addr);
    expect(authAddrOf(accounts, ALICE.addr)).toBeUndefined();
  });
});

describe('the default choice for a site', () => {
  const accounts = listAccounts([CONNECTIONS], rekeyedCarol());
  it('is the first account for a site never connected', () => {
    expect(defaultChoice(accounts, [])).toEqual([ALICE.addr]);
    expect(defaultChoice([], [])).toEqual([]);
  });
  it('is what the site was given last, on any network, in list order, without accounts that are gone', () => {
    expect(defaultChoice(accounts, [session([ALICE.addr], 1), session([CAROL.addr, DAVE.addr, BOB.addr], 9, 'other')])).toEqual([BOB.addr, CAROL.addr]);
  });
  it('skips a last session none of whose accounts remain', () => {
    expect(defaultChoice(accounts, [session([BOB.addr], 1), session([DAVE.addr], 9)])).toEqual([BOB.addr]);
  });
});

describe('adding a rekeyed account', () => {
  const accounts = listAccounts([ARC27], NONE);
  const phone = [ALICE.addr];
  it('refuses a bad address, a duplicate, and no pairing', () => {
    expect(decideRekeyed('not-an-address', accounts, phone, [])).toMatchObject({ ok: false, error: { code: 'bad-address' } });
    expect(decideRekeyed(ALICE.addr, accounts, phone, [])).toMatchObject({ ok: false, error: { code: 'duplicate' } });
    expect(decideRekeyed(CAROL.addr, [], [], [])).toMatchObject({ ok: false, error: { code: 'unpaired' } });
  });
  it("is checked when a network's algod names a phone account as its auth-addr", () => {
    const lookups = [{ state: 'answered' as const, network: 'MainNet' }, { state: 'answered' as const, network: 'TestNet', authAddr: ALICE.addr }];
    expect(decideRekeyed(CAROL.addr, accounts, phone, lookups)).toEqual({ ok: true, value: { authAddr: ALICE.addr, check: 'checked', network: 'TestNet' } });
  });
  it('is refused when algod answered and names no phone account', () => {
    const other = decideRekeyed(CAROL.addr, accounts, phone, [{ state: 'answered', network: 'TestNet', authAddr: DAVE.addr }]);
    expect(other).toMatchObject({ ok: false, error: { code: 'not-rekeyed-to-phone' } });
    expect(!other.ok && other.error.message).toContain(DAVE.addr);
    expect(decideRekeyed(CAROL.addr, accounts, phone, [{ state: 'answered', network: 'TestNet' }])).toMatchObject({ ok: false, error: { message: expect.stringContaining('not rekeyed') } });
  });
  it('is added not checked, signed by the paired account, when no algod answered', () => {
    expect(decideRekeyed(CAROL.addr, accounts, phone, [])).toEqual({ ok: true, value: { authAddr: ALICE.addr, check: 'not-checked' } });
    expect(decideRekeyed(CAROL.addr, accounts, phone, [{ state: 'unavailable', network: 'TestNet', reason: 'down' }])).toMatchObject({ ok: true, value: { check: 'not-checked' } });
  });
});

describe('authAddr for rekeyed senders', () => {
  const decode = (txns: Parameters<typeof decodeWalletTransactions>[0]) => {
    const d = decodeWalletTransactions(txns, { allowMultipleGroups: true });
    if (!d.ok) throw new Error(d.error.message);
    return d.value;
  };
  const authOf = (sender: string) => (sender === CAROL.addr ? ALICE.addr : undefined);
  it("fills in the auth account for a rekeyed sender, and nothing else", () => {
    const txns = [{ txn: b64(pay({ sender: CAROL.addr, receiver: BOB.addr })) }, { txn: b64(pay()) }, { txn: b64(pay({ sender: CAROL.addr })), signers: [CAROL.addr] }];
    const amended = withKnownAuthAddrs(txns, decode(txns), authOf)!;
    expect(amended).toEqual([{ txn: txns[0]!.txn, authAddr: ALICE.addr }, txns[1], { txn: txns[2]!.txn, authAddr: ALICE.addr }]);
    expect(decode(amended).map((d) => d.signers)).toEqual([[ALICE.addr], [ALICE.addr], [ALICE.addr]]);
  });
  it("leaves a dApp's own authAddr and signers: [] alone, and says when nothing changed", () => {
    const txns = [{ txn: b64(pay({ sender: CAROL.addr })), authAddr: DAVE.addr }, { txn: b64(pay({ sender: CAROL.addr })), signers: [] }];
    expect(withKnownAuthAddrs(txns, decode(txns), authOf)).toBeNull();
  });
});
