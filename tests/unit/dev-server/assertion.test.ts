import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoftAuthenticator, SoftLiquidWallet, toBase64Url } from '../../support/soft-authenticator.ts';
import { makeDataDir, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

async function registeredWallet(): Promise<SoftLiquidWallet> {
  const wallet = new SoftLiquidWallet(server.url);
  const result = await wallet.attest();
  expect(result.status).toBe(201);
  return wallet;
}

describe('POST /assertion/request/:credId', () => {
  it('returns request options that allow exactly that credential', async () => {
    const wallet = await registeredWallet();
    const { status, body } = await wallet.postJson(`/assertion/request/${wallet.credId}`, {});
    expect(status).toBe(201);
    expect(body).toEqual({
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      timeout: expect.any(Number),
      rpId: 'localhost',
      allowCredentials: [{ id: wallet.credId, type: 'public-key' }],
      userVerification: 'required',
    });
  });

  it('passes the requested userVerification through and works without a body', async () => {
    const wallet = await registeredWallet();
    const preferred = await wallet.postJson(`/assertion/request/${wallet.credId}`, { userVerification: 'preferred' });
    expect((preferred.body as { userVerification: string }).userVerification).toBe('preferred');
    const bare = await wallet.fetch(`/assertion/request/${wallet.credId}`, { method: 'POST' });
    expect(bare.status).toBe(201);
    await bare.body?.cancel();
  });

  it('answers 401 for an unknown credential id', async () => {
    const wallet = new SoftLiquidWallet(server.url);
    for (const credId of [toBase64Url(randomBytes(32)), 'not base64!', '%E2%82%AC']) {
      const { status, body } = await wallet.postJson(`/assertion/request/${credId}`, {});
      expect(status, credId).toBe(401);
      expect(body).toEqual({ reason: expect.any(String), error: expect.any(String) });
    }
  });

  it('answers 4xx for a malformed userVerification or path', async () => {
    const wallet = await registeredWallet();
    expect((await wallet.postJson(`/assertion/request/${wallet.credId}`, { userVerification: 7 })).status).toBe(400);
    expect((await wallet.postJson('/assertion/request/%ZZ', {})).status).toBe(400);
  });
});

describe('POST /assertion/response', () => {
  it('signs a returning wallet in, binds the session and bumps the counter', async () => {
    const registered = await registeredWallet();
    // A new browser session (new cookie jar) with the same phone.
    const returning = new SoftLiquidWallet(server.url, {
      authenticator: registered.authenticator,
      account: registered.account,
    });
    const first = await returning.assert(registered.credId);
    expect(first.status).toBe(201);
    expect(first.user?.wallet).toBe(registered.address);
    expect(first.user?.credentials[0]?.prevCounter).toBe(1);
    expect((await returning.session()).body.session.wallet).toBe(registered.address);

    const second = await returning.assert(registered.credId);
    expect(second.user?.credentials[0]?.prevCounter).toBe(2);
  });

  it('accepts an assertion without user verification (like the real server)', async () => {
    const wallet = await registeredWallet();
    expect((await wallet.assert(undefined, { client: { flags: 0x01 } })).status).toBe(201);
  });

  it('rejects a replayed counter', async () => {
    const wallet = await registeredWallet();
    expect((await wallet.assert()).status).toBe(201);
    expect((await wallet.assert()).status).toBe(201);
    const replay = await wallet.assert(undefined, { client: { signCount: 1 } });
    expect(replay.status).toBe(401);
  });

  it.each([
    ['a bad signature', { client: { corruptSignature: true } }],
    ['a foreign origin', { client: { origin: 'https://evil.example' } }],
    ['the RP ID hash of another domain', { client: { rpId: 'evil.example' } }],
    ['a challenge the server did not issue', { client: { challenge: toBase64Url(randomBytes(32)) } }],
    ['a clientDataJSON of type webauthn.create', { client: { type: 'webauthn.create' } }],
  ] as const)('rejects %s with 401 and leaves the session unbound', async (_case, opts) => {
    const registered = await registeredWallet();
    const other = new SoftLiquidWallet(server.url, {
      authenticator: registered.authenticator,
      account: registered.account,
    });
    const result = await other.assert(registered.credId, opts);
    expect(result.stage).toBe('response');
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ reason: 'unauthorized', error: expect.any(String) });
    expect((await other.session()).body.session.wallet).toBeUndefined();
  });

  it('rejects a valid signature by another passkey claiming the credential id', async () => {
    const registered = await registeredWallet();
    const impostor = new SoftAuthenticator({ origin: server.url });
    impostor.createCredential({ challenge: 'AA', rp: { name: 'x' }, user: { id: 'AA', name: 'x', displayName: 'x' } });
    const impostorCredId = impostor.credentialIds[0]!;
    const result = await registered.assert(undefined, {
      transform: (honest) => {
        const { challenge } = JSON.parse(Buffer.from(honest.response.clientDataJSON, 'base64url').toString()) as {
          challenge: string;
        };
        const forged = impostor.getAssertion({ challenge, rpId: 'localhost' }, {}, impostorCredId);
        return { ...forged, id: honest.id, rawId: honest.rawId };
      },
    });
    expect(result.status).toBe(401);
  });

  it('answers 401 without a requested challenge and 4xx for malformed bodies', async () => {
    const fresh = new SoftLiquidWallet(server.url);
    const noChallenge = await fresh.postJson('/assertion/response', { id: 'AAAA' });
    expect(noChallenge.status).toBe(401);

    const wallet = await registeredWallet();
    await wallet.postJson(`/assertion/request/${wallet.credId}`, {});
    for (const body of [null, [], {}, { id: 1 }, { id: wallet.credId, response: {} }, { id: toBase64Url(randomBytes(8)), response: { clientDataJSON: 'AA', authenticatorData: 'AA', signature: 'AA' } }]) {
      const result = await wallet.postJson('/assertion/response', body);
      expect(result.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(result.status, JSON.stringify(body)).toBeLessThan(500);
    }
    expect((await wallet.assert()).status).toBe(201);
  });
});

describe('persistence', () => {
  it('lets a wallet registered before a restart sign in after it', async () => {
    const dataDir = await makeDataDir();
    // A fixed origin: the passkey's clientDataJSON must match across the two ports.
    const origin = 'http://localhost:5999';
    const first = await startTestServer({ dataDir, origin });
    let second: TestServer | undefined;
    try {
      const authenticator = new SoftAuthenticator({ origin });
      const wallet = new SoftLiquidWallet(first.url, { authenticator });
      expect((await wallet.attest({ device: 'Persisted phone' })).status).toBe(201);
      expect((await wallet.assert()).status).toBe(201);
      await first.stop({ keepData: true });

      const stored = JSON.parse(await readFile(join(dataDir, 'liquid-auth-users.json'), 'utf8')) as {
        users: { wallet: string; credentials: { credId: string; prevCounter: number; device: string }[] }[];
      };
      expect(stored.users).toEqual([
        expect.objectContaining({
          wallet: wallet.address,
          credentials: [expect.objectContaining({ credId: wallet.credId, prevCounter: 1, device: 'Persisted phone' })],
        }),
      ]);

      second = await startTestServer({ dataDir, origin });
      const returning = new SoftLiquidWallet(second.url, { authenticator, account: wallet.account });
      const result = await returning.assert(wallet.credId);
      expect(result.status).toBe(201);
      expect(result.user?.credentials[0]?.prevCounter).toBe(2);
    } finally {
      await second?.stop({ keepData: true });
      await first.stop({ keepData: true });
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a corrupt user file instead of forgetting passkeys', async () => {
    const dataDir = await makeDataDir();
    try {
      await writeFile(join(dataDir, 'liquid-auth-users.json'), '{"version": 1, "users": [{"wallet": 5}]}');
      await expect(startTestServer({ dataDir })).rejects.toThrow(/malformed user entry/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
