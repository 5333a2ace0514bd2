/** Several phones (#16): which phone a view is about, its name and state, and the header's chip. */
import { describe, expect, it } from 'vitest';
import { attemptUnderWay, headerPhase, legSteps, phoneNames, phoneState, requestPhone, type PhonesView } from '@/components/phones';
import type { Account } from '@/lib/accounts/accounts';
import type { ConnectionState, Pairing } from '@/lib/liquid/types';
import type { QueuedRequest, QueuedSign } from '@/lib/storage/types';

const A = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const B = 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const pairing = (requestId: string, wallet: string, name?: string, server = 'https://liquid.example'): Pairing => ({
  server,
  requestId,
  wallet,
  credId: 'c',
  pairedAt: 0,
  phone: name ? { protocol: 'arc27', methods: null, accounts: [], name } : null,
});
const state = (phase: ConnectionState['phase'], requestId?: string): ConnectionState => ({ phase, socket: 'connected', updatedAt: 1, ...(requestId ? { requestId } : {}) });
const one = [pairing('r1', A)];
const two = [pairing('r1', A), pairing('r2', B)];

describe('a new pairing attempt', () => {
  it('is under way when the pairing screen shows a requestId no pairing has', () => {
    expect(attemptUnderWay({ connection: state('waiting-for-scan', 'new'), pairings: one })).toBe(true);
  });

  it('is not one once adopted, without a requestId, or when unpaired', () => {
    expect(attemptUnderWay({ connection: state('connected', 'r1'), pairings: one })).toBe(false);
    expect(attemptUnderWay({ connection: state('phone-offline'), pairings: one })).toBe(false);
    expect(attemptUnderWay({ connection: state('unpaired', 'gone'), pairings: one })).toBe(false);
  });
});

describe("a phone's state", () => {
  it('is the pairing screen\'s with one phone and no attempt (the single-phone screens stay as they were)', () => {
    const connection = state('connected', 'r1');
    expect(phoneState({ connection, pairings: one, phones: { r1: state('phone-offline', 'r1') } }, 'r1')).toBe(connection);
  });

  it("is its own with several phones, or while another phone's attempt is under way", () => {
    const mine = state('failed', 'r2');
    expect(phoneState({ connection: state('connected', 'r1'), pairings: two, phones: { r2: mine } }, 'r2')).toBe(mine);
    const first = state('connected', 'r1');
    expect(phoneState({ connection: state('waiting-for-scan', 'new'), pairings: one, phones: { r1: first } }, 'r1')).toBe(first);
  });

  it('is offline, not unpaired, while the background has not reported on it', () => {
    expect(phoneState({ connection: state('connected', 'r1'), pairings: two, phones: {} }, 'r2').phase).toBe('phone-offline');
  });
});

describe("the header's chip", () => {
  const view = (phones: PhonesView['phones'], connection = state('waiting-for-scan', 'new')): PhonesView => ({ connection, pairings: two, phones });

  it("is the pairing screen's phase with one phone or none", () => {
    expect(headerPhase({ connection: state('linked', 'r1'), pairings: one, phones: {} })).toBe('linked');
    expect(headerPhase({ connection: state('unpaired'), pairings: [], phones: {} })).toBe('unpaired');
  });

  it('with several, is connected only when every phone is', () => {
    expect(headerPhase(view({ r1: state('connected'), r2: state('connected') }))).toBe('connected');
    expect(headerPhase(view({ r1: state('connected'), r2: state('connecting') }))).toBe('phone-offline');
    expect(headerPhase(view({ r1: state('connected') }))).toBe('phone-offline');
  });
});

describe("phones' names", () => {
  const noWallet = () => undefined;

  it("take the phone's own name, else its server's wallet app, else a number", () => {
    const names = phoneNames([pairing('r1', A, 'Pera'), pairing('r2', B), pairing('r3', B, undefined, 'https://other.example')], (s) => (s === 'https://liquid.example' ? 'Defly' : undefined));
    expect([...names.values()]).toEqual(['Pera', 'Defly', 'Phone 3']);
  });

  it('say "Your phone" when there is only one', () => {
    expect(phoneNames(one, noWallet).get('r1')).toBe('Your phone');
  });

  it('tell two phones of the same wallet app apart by their number', () => {
    expect([...phoneNames([pairing('r1', A, 'Pera'), pairing('r2', B, 'Pera'), pairing('r3', B, 'Defly')], noWallet).values()]).toEqual(['Pera (1)', 'Pera (2)', 'Defly']);
  });
});

const accounts: Account[] = [
  { address: A, pairingId: 'r1', kind: 'phone' },
  { address: B, pairingId: 'r2', kind: 'phone' },
];
const sign = (extra: Partial<QueuedSign>): QueuedSign =>
  ({
    method: 'sign_transactions',
    key: 'k',
    stage: 'awaiting-approval',
    descriptions: [
      { sender: A, signer: null },
      { sender: B, signer: B },
    ],
    ...extra,
  }) as unknown as QueuedSign;

describe('the phone a request needs', () => {
  it("before approval, is the phone of the first transaction's sender it signs", () => {
    expect(requestPhone(sign({}), accounts, two)).toBe('r2');
  });

  it("once approved, is the current leg's phone", () => {
    const legs = [
      { pairingId: 'r2', indexes: [1] },
      { pairingId: 'r1', indexes: [0] },
    ];
    expect(requestPhone(sign({ stage: 'awaiting-phone', legs, leg: 1 }), accounts, two)).toBe('r1');
  });

  it("for data, is the signer's phone", () => {
    expect(requestPhone({ method: 'sign_message', signer: B, stage: 'awaiting-approval' } as QueuedRequest, accounts, two)).toBe('r2');
  });

  it('is the first phone when the request names no account of ours, or there is no request', () => {
    expect(requestPhone({ method: 'sign_data', signer: 'X', stage: 'awaiting-approval' } as QueuedRequest, accounts, two)).toBe('r1');
    expect(requestPhone(undefined, accounts, two)).toBe('r1');
    expect(requestPhone(undefined, [], [])).toBeUndefined();
  });
});

describe("each phone's part of a request", () => {
  const legs = [
    { pairingId: 'r1', indexes: [0] },
    { pairingId: 'r2', indexes: [1] },
    { pairingId: 'r3', indexes: [2] },
  ];

  it('marks the legs before the current one done and the ones after waiting', () => {
    expect(legSteps(sign({ stage: 'awaiting-phone', legs, leg: 1 })).map((s) => s.state)).toEqual(['done', 'current', 'waiting']);
  });

  it('marks every leg done once posting', () => {
    expect(legSteps(sign({ stage: 'posting', legs, leg: 2 })).map((s) => s.state)).toEqual(['done', 'done', 'done']);
  });

  it('is not shown before approval or for one phone', () => {
    expect(legSteps(sign({ legs }))).toEqual([]);
    expect(legSteps(sign({ stage: 'awaiting-phone', legs: legs.slice(0, 1), leg: 0 }))).toEqual([]);
  });
});
