/** The known-wallet list (issue #18): its data file, the dev build's entry and the lookup by server. */
import { describe, expect, it } from 'vitest';
import shipped from '../../../lib/liquid/known-wallets.json' with { type: 'json' };
import { DEV_WALLET, KNOWN_WALLETS, knownWalletForServer } from '../../../lib/liquid/known-wallets';
import { OTHER_SERVER, initialChoice, walletOptions } from '../../../lib/liquid/wallet-options';

describe('known-wallets.json', () => {
  it('gives every entry an id, a name, an https server origin, an envelope, verified and a source', () => {
    expect(shipped.length).toBeGreaterThan(0);
    for (const w of shipped) {
      expect(Object.keys(w).sort()).toEqual(['envelope', 'id', 'name', 'server', 'source', 'verified']);
      expect(w.id).toMatch(/^[a-z0-9-]{1,64}$/);
      expect(w.id).not.toBe(OTHER_SERVER);
      expect(w.name.trim()).not.toBe('');
      expect(new URL(w.server).origin).toBe(w.server);
      expect(new URL(w.server).protocol).toBe('https:');
      expect(['arc27', 'connections', null]).toContain(w.envelope);
      expect(typeof w.verified).toBe('boolean');
      expect(w.source.length).toBeGreaterThan(20);
    }
    expect(new Set(shipped.map((w) => w.id)).size).toBe(shipped.length);
  });

  it('lists Biatec Wallet on its own server, unverified until a real one pairs', () => {
    expect(shipped.find((w) => w.id === 'biatec')).toMatchObject({ name: 'Biatec Wallet', server: 'https://liquid.biatec.io', envelope: 'arc27', verified: false });
  });
});

describe('KNOWN_WALLETS', () => {
  it('puts the dev wallet on the dev server first in a development build (the default)', () => {
    expect(DEV_WALLET).toMatchObject({ id: 'tandem-dev', name: 'Tandem dev wallet', server: 'http://localhost:3000', envelope: null });
    expect(KNOWN_WALLETS[0]).toBe(DEV_WALLET);
    expect(KNOWN_WALLETS.slice(1)).toEqual(shipped);
  });

  it('finds a wallet by its server origin, whatever the path or case', () => {
    expect(knownWalletForServer('https://liquid.biatec.io')?.id).toBe('biatec');
    expect(knownWalletForServer('HTTPS://Liquid.Biatec.io/auth/session?x=1')?.id).toBe('biatec');
    expect(knownWalletForServer('http://localhost:3000')?.id).toBe('tandem-dev');
  });

  it.each(['http://liquid.biatec.io', 'https://liquid.biatec.io:8443', 'https://biatec.io', 'http://localhost:3001', 'not a url', ''])('knows no wallet on %j', (server) => {
    expect(knownWalletForServer(server)).toBeUndefined();
  });
});

describe('the wallet step', () => {
  const custom = [{ id: 'mine', name: 'My wallet', server: 'https://liquid.mine.example' }];
  const options = walletOptions(custom);

  it('offers the known wallets, then the ones added in Settings (envelope unknown)', () => {
    expect(options.map((w) => w.id)).toEqual([...KNOWN_WALLETS.map((w) => w.id), 'mine']);
    expect(options.at(-1)).toMatchObject({ name: 'My wallet', envelope: null, verified: false });
  });

  it('starts on the remembered choice', () => {
    expect(initialChoice(options, { walletId: 'biatec', server: 'https://liquid.biatec.io' }, 'http://localhost:3000')).toEqual({ walletId: 'biatec', server: 'https://liquid.biatec.io' });
    expect(initialChoice(options, { walletId: 'mine', server: 'https://liquid.mine.example' }, 'http://localhost:3000').walletId).toBe('mine');
    expect(initialChoice(options, { walletId: OTHER_SERVER, server: 'http://wallet-b.localhost:4000' }, 'http://localhost:3000')).toEqual({ walletId: OTHER_SERVER, server: 'http://wallet-b.localhost:4000' });
  });

  it("takes a remembered wallet's server from the list (an edited entry), and forgets a removed one", () => {
    expect(initialChoice(walletOptions([{ ...custom[0]!, server: 'https://moved.example' }]), { walletId: 'mine', server: 'https://liquid.mine.example' }, 'http://localhost:3000')).toEqual({
      walletId: 'mine',
      server: 'https://moved.example',
    });
    expect(initialChoice(walletOptions([]), { walletId: 'mine', server: 'https://liquid.mine.example' }, 'http://localhost:3000').walletId).toBe('tandem-dev');
  });

  it("without a choice, starts on the wallet of Settings' server, else on another server filled in with it", () => {
    expect(initialChoice(options, null, 'http://localhost:3000').walletId).toBe('tandem-dev');
    expect(initialChoice(options, null, 'https://liquid.biatec.io/').walletId).toBe('biatec');
    expect(initialChoice(options, null, 'http://localhost:41234/')).toEqual({ walletId: OTHER_SERVER, server: 'http://localhost:41234' });
  });
});
