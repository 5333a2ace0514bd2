import { describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../../dev/wallet/account';
import { loadSessionLink, saveSessionLink } from '../../../dev/wallet/reconnect';

function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('dev wallet: the request to reconnect to', () => {
  it('keeps the last linked request per server and account', () => {
    const store = memoryStore();
    const server = 'http://localhost:3000';
    expect(loadSessionLink(store, server, 'ALICE')).toBeNull();
    saveSessionLink(store, server, 'ALICE', 'liquid://localhost:3000/?requestId=one');
    saveSessionLink(store, server, 'ALICE', 'liquid://localhost:3000/?requestId=two');
    saveSessionLink(store, 'http://localhost:4000', 'ALICE', 'liquid://localhost:4000/?requestId=other-server');
    expect(loadSessionLink(store, server, 'ALICE')).toBe('liquid://localhost:3000/?requestId=two');
    expect(loadSessionLink(store, server, 'BOB')).toBeNull();
    expect(loadSessionLink(store, 'http://localhost:4000', 'ALICE')).toBe('liquid://localhost:4000/?requestId=other-server');
  });
});
