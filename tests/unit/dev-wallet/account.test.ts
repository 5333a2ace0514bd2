import { describe, expect, it } from 'vitest';
import { generateAccount, secretKeyToMnemonic } from 'algosdk';
import {
  forgetCredentialId,
  loadAccount,
  loadCredentialId,
  loadProviderId,
  profileStore,
  saveCredentialId,
  type KeyValueStore,
} from '../../../dev/wallet/account';

function memoryStore(): KeyValueStore & { size(): number } {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    size: () => map.size,
  };
}

describe('dev wallet account', () => {
  it('generates an account once and keeps it', () => {
    const store = memoryStore();
    const first = loadAccount(store);
    expect(loadAccount(store).address).toBe(first.address);
    expect(first.secretKey).toHaveLength(64);
  });

  it('uses and remembers a given mnemonic, tolerating extra spaces and capitals', () => {
    const store = memoryStore();
    const account = generateAccount();
    const words = secretKeyToMnemonic(account.sk);
    expect(loadAccount(store, `  ${words.toUpperCase().split(' ').join('   ')} `).address).toBe(account.addr.toString());
    expect(loadAccount(store).address).toBe(account.addr.toString());
  });

  it('refuses a bad mnemonic', () => {
    expect(() => loadAccount(memoryStore(), 'not a mnemonic')).toThrow();
  });

  it('keeps one provider id and passkey ids per origin and address', () => {
    const store = memoryStore();
    expect(loadProviderId(store)).toBe(loadProviderId(store));
    saveCredentialId(store, 'http://localhost:3000', 'ADDR', 'cred-1');
    expect(loadCredentialId(store, 'http://localhost:3000', 'ADDR')).toBe('cred-1');
    expect(loadCredentialId(store, 'http://localhost:4000', 'ADDR')).toBeNull();
    forgetCredentialId(store, 'http://localhost:3000', 'ADDR');
    expect(loadCredentialId(store, 'http://localhost:3000', 'ADDR')).toBeNull();
  });

  it('keeps each profile apart in one store (two phones on one origin), and the default profile as it was', () => {
    const store = memoryStore();
    const plain = loadAccount(store);
    const a = loadAccount(profileStore(store, 'a'));
    const b = loadAccount(profileStore(store, 'b'));
    expect(new Set([plain.address, a.address, b.address]).size).toBe(3);
    expect(loadAccount(profileStore(store, 'b')).address).toBe(b.address);
    expect(loadAccount(profileStore(store, null)).address).toBe(plain.address);
    saveCredentialId(profileStore(store, 'a'), 'http://localhost:3000', a.address, 'cred-a');
    expect(loadCredentialId(profileStore(store, 'b'), 'http://localhost:3000', a.address)).toBeNull();
    expect(loadProviderId(profileStore(store, 'a'))).not.toBe(loadProviderId(profileStore(store, 'b')));
    expect(() => profileStore(store, 'no spaces')).toThrow(/profile must be/);
  });
});
