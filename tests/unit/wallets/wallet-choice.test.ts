/** The wallet app chosen for pairing (issue #18): the message parsers and the background's only writer. */
import { describe, expect, it } from 'vitest';
import { createWallets } from '../../../entrypoints/background/wallets';
import { MAX_CUSTOM_WALLETS, parseCustomWallets, parseWalletChoice } from '../../../lib/messaging/wallet-payloads';
import { DEFAULT_SETTINGS } from '../../../lib/storage/items';

function fakeItem<T>(initial: T) {
  let value = initial;
  const watchers: (() => void)[] = [];
  return {
    getValue: async () => value,
    setValue: async (next: T) => {
      value = next;
    },
    watch: (cb: () => void) => (watchers.push(cb), () => undefined),
    /** Another writer (a test seeding storage): the value changes and watchers hear it. */
    external(next: T) {
      value = next;
      watchers.forEach((w) => w());
    },
    get value() {
      return value;
    },
  };
}

describe('wallet messages', () => {
  it('takes a choice as the server origin', () => {
    expect(parseWalletChoice({ walletId: 'biatec', server: 'https://liquid.biatec.io/some/path' })).toEqual({ walletId: 'biatec', server: 'https://liquid.biatec.io' });
    expect(parseWalletChoice({ walletId: 'other', server: 'http://wallet-b.localhost:4000' })).toEqual({ walletId: 'other', server: 'http://wallet-b.localhost:4000' });
  });

  it.each([
    ['no server', { walletId: 'biatec' }],
    ['a server that is not a URL', { walletId: 'biatec', server: 'liquid.biatec.io' }],
    ['a ws: server', { walletId: 'biatec', server: 'wss://liquid.biatec.io' }],
    ['a javascript: server', { walletId: 'biatec', server: 'javascript:alert(1)' }],
    ['an id with spaces', { walletId: 'my wallet', server: 'https://a.example' }],
    ['a long id', { walletId: 'a'.repeat(65), server: 'https://a.example' }],
    ['not an object', 'biatec'],
  ])('refuses a choice with %s', (_name, payload) => {
    expect(parseWalletChoice(payload)).toBeNull();
  });

  it('takes the list of added wallets, trimmed, with origins; refuses a bad entry or too many', () => {
    expect(parseCustomWallets({ wallets: [{ id: 'mine', name: ' Mine ', server: 'https://liquid.mine.example/x' }] })).toEqual({ wallets: [{ id: 'mine', name: 'Mine', server: 'https://liquid.mine.example' }] });
    expect(parseCustomWallets({ wallets: [] })).toEqual({ wallets: [] });
    expect(parseCustomWallets({ wallets: [{ id: 'mine', name: '  ', server: 'https://a.example' }] })).toBeNull();
    expect(parseCustomWallets({ wallets: [{ id: 'mine', name: 'Mine', server: 'ftp://a.example' }] })).toBeNull();
    const many = Array.from({ length: MAX_CUSTOM_WALLETS + 1 }, (_, i) => ({ id: `w${i}`, name: `W${i}`, server: 'https://a.example' }));
    expect(parseCustomWallets({ wallets: many })).toBeNull();
  });
});

describe('the chosen wallet in the background', () => {
  it("gives signaling Settings' server until a wallet is chosen, then the chosen wallet's server", async () => {
    const choice = fakeItem<{ walletId: string; server: string } | null>(null);
    const wallets = createWallets({ choice, custom: fakeItem([]) });
    const settings = { ...DEFAULT_SETTINGS, serverUrl: 'http://localhost:3000' };
    expect((await wallets.signalingSettings(settings)).serverUrl).toBe('http://localhost:3000');

    await wallets.choose({ walletId: 'other', server: 'http://wallet-b.localhost:4000' });
    expect(choice.value).toEqual({ walletId: 'other', server: 'http://wallet-b.localhost:4000' });
    expect(await wallets.signalingSettings(settings)).toEqual({ ...settings, serverUrl: 'http://wallet-b.localhost:4000' });
  });

  it('follows a choice written by another page or a test', async () => {
    const choice = fakeItem<{ walletId: string; server: string } | null>(null);
    const wallets = createWallets({ choice, custom: fakeItem([]) });
    expect((await wallets.signalingSettings(DEFAULT_SETTINGS)).serverUrl).toBe(DEFAULT_SETTINGS.serverUrl);
    choice.external({ walletId: 'biatec', server: 'https://liquid.biatec.io' });
    expect((await wallets.signalingSettings(DEFAULT_SETTINGS)).serverUrl).toBe('https://liquid.biatec.io');
  });
});
