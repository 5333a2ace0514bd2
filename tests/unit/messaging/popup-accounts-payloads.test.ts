import { describe, expect, it } from 'vitest';
import { popupChannel } from '../../../lib/messaging/popup-protocol';
import { ALICE, BOB } from '../../fixtures/algorand/accounts';

const { parsers } = popupChannel;

describe('popup payloads of the accounts', () => {
  it('request/approve takes an optional list of one to 64 valid addresses', () => {
    expect(parsers['request/approve']({ key: 'k' })).toEqual({ key: 'k' });
    expect(parsers['request/approve']({ key: 'k', accounts: [ALICE.addr, BOB.addr] })).toEqual({ key: 'k', accounts: [ALICE.addr, BOB.addr] });
    expect(parsers['request/approve']({ key: 'k', accounts: [] })).toBeNull();
    expect(parsers['request/approve']({ key: 'k', accounts: ['nope'] })).toBeNull();
    expect(parsers['request/approve']({ key: 'k', accounts: Array(65).fill(ALICE.addr) })).toBeNull();
  });

  it('sites/choose needs an origin, a genesis hash and at least one valid address', () => {
    expect(parsers['sites/choose']({ origin: 'https://a.example', genesisHash: 'h', accounts: [BOB.addr] })).toEqual({ origin: 'https://a.example', genesisHash: 'h', accounts: [BOB.addr] });
    expect(parsers['sites/choose']({ origin: 'https://a.example', genesisHash: 'h', accounts: [] })).toBeNull();
    expect(parsers['sites/choose']({ origin: 'https://a.example', accounts: [BOB.addr] })).toBeNull();
  });

  it('accounts/add takes any string (the background says what is wrong with it); accounts/rename a string name', () => {
    expect(parsers['accounts/add']({ address: 'not an address' })).toEqual({ address: 'not an address' });
    expect(parsers['accounts/add']({ address: 7 })).toBeNull();
    expect(parsers['accounts/rename']({ address: ALICE.addr, name: '' })).toEqual({ address: ALICE.addr, name: '' });
    expect(parsers['accounts/rename']({ address: ALICE.addr, name: 'x'.repeat(257) })).toBeNull();
  });
});
