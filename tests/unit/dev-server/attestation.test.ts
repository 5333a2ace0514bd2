import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWalletAccount,
  SoftLiquidWallet,
  toBase64Url,
  type RegistrationResponseJSON,
} from '../../support/soft-authenticator.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

function newWallet(): SoftLiquidWallet {
  return new SoftLiquidWallet(server.url);
}

/** A registration body whose binary fields are standard, padded base64 (as a Kotlin client may send). */
function toStandardBase64(body: RegistrationResponseJSON): RegistrationResponseJSON {
  const std = (value: string) => Buffer.from(value, 'base64url').toString('base64');
  return {
    ...body,
    id: std(body.id),
    rawId: std(body.rawId),
    response: {
      ...body.response,
      clientDataJSON: std(body.response.clientDataJSON),
      attestationObject: std(body.response.attestationObject),
    },
  };
}

describe('POST /attestation/request', () => {
  it('returns creation options for the liquid extension and stores the challenge', async () => {
    const wallet = newWallet();
    const { status, body } = await wallet.postJson('/attestation/request', {
      username: wallet.address,
      displayName: 'Phone',
      authenticatorSelection: { userVerification: 'required', residentKey: 'preferred' },
      extensions: { liquid: true },
    });
    expect(status).toBe(201);
    const options = body as Record<string, unknown> & { challenge: string };
    expect(Buffer.from(options.challenge, 'base64url')).toHaveLength(32);
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(options.rp).toEqual({ name: expect.any(String), id: 'localhost' });
    expect(options.user).toEqual({ id: wallet.address, name: wallet.address, displayName: 'Phone' });
    expect(options.pubKeyCredParams).toEqual([
      { type: 'public-key', alg: -7 },
      { type: 'public-key', alg: -257 },
    ]);
    expect(options.attestation).toBe('none');
    expect(options.timeout).toEqual(expect.any(Number));
    expect(options.authenticatorSelection).toEqual({ userVerification: 'required', residentKey: 'preferred' });
    expect(wallet.jar.get('connect.sid')).toBeDefined();
  });

  it('defaults authenticatorSelection to required user verification', async () => {
    const wallet = newWallet();
    const { body } = await wallet.postJson('/attestation/request', {
      username: wallet.address,
      extensions: { liquid: true },
    });
    expect((body as { authenticatorSelection: unknown }).authenticatorSelection).toEqual({
      userVerification: 'required',
    });
  });

  it.each([
    ['missing', { username: 'X' }],
    ['false', { username: 'X', extensions: { liquid: false } }],
    ['not an object', { username: 'X', extensions: 'liquid' }],
  ])('answers 501 when extensions.liquid is %s', async (_case, requestBody) => {
    const { status, body } = await newWallet().postJson('/attestation/request', requestBody);
    expect(status).toBe(501);
    expect(body).toEqual({ reason: 'not_implemented', error: expect.any(String) });
  });

  it('answers 400 without a username', async () => {
    const { status, body } = await newWallet().postJson('/attestation/request', { extensions: { liquid: true } });
    expect(status).toBe(400);
    expect(body).toEqual({ reason: 'invalid_input', error: expect.any(String) });
  });
});

describe('POST /attestation/response', () => {
  it('registers the passkey, binds the session to the address and returns the user', async () => {
    const wallet = newWallet();
    const result = await wallet.attest({ device: 'Pixel test' });
    expect(result.status).toBe(201);
    expect(result.user).toEqual({
      id: expect.any(String),
      wallet: wallet.address,
      credentials: [
        expect.objectContaining({ credId: result.credId, prevCounter: 0, device: 'Pixel test', publicKey: expect.any(String) }),
      ],
    });
    const session = await wallet.session();
    expect(session.body.session.wallet).toBe(wallet.address);
    expect(session.body.user?.wallet).toBe(wallet.address);
  });

  it('adds a second passkey to an address that already registered', async () => {
    const account = createWalletAccount();
    const first = await new SoftLiquidWallet(server.url, { account }).attest();
    const second = await new SoftLiquidWallet(server.url, { account }).attest();
    expect(second.status).toBe(201);
    expect(second.user?.id).toBe(first.user?.id);
    expect(second.user?.credentials.map((c) => c.credId)).toEqual([first.credId, second.credId]);
  });

  it('accepts padded standard base64 in the body', async () => {
    const result = await newWallet().attest({ transform: toStandardBase64 });
    expect(result.status).toBe(201);
  });

  it('accepts a passkey without user verification (like the real server)', async () => {
    const result = await newWallet().attest({ client: { flags: 0x01 } });
    expect(result.status).toBe(201);
  });

  const rejections: [string, Parameters<SoftLiquidWallet['attest']>[0]][] = [
    ['a foreign origin in clientDataJSON', { client: { origin: 'https://evil.example' } }],
    ['an origin on another port', { client: { origin: 'http://localhost:1' } }],
    ['the RP ID hash of another domain', { client: { rpId: 'evil.example' } }],
    ['a challenge the server did not issue', { client: { challenge: toBase64Url(randomBytes(32)) } }],
    ['a clientDataJSON of type webauthn.get', { client: { type: 'webauthn.get' } }],
    ['no user presence', { client: { flags: 0x04 } }],
    ['a liquid signature that does not verify', { liquid: { signature: toBase64Url(randomBytes(64)) } }],
    ['a liquid signature of the wrong length', { liquid: { signature: toBase64Url(randomBytes(10)) } }],
    ['a liquid signature by a different address', { signer: createWalletAccount() }],
    ['a liquid type other than algorand', { liquid: { type: 'ethereum' } }],
    ['an invalid Algorand address', { liquid: { address: 'NOT-AN-ADDRESS' } }],
    ['no liquid extension result', { transform: (body) => ({ ...body, clientExtensionResults: {} }) }],
    ['a credential type other than public-key', { transform: (body) => ({ ...body, type: 'password' }) }],
    ['an attestationObject that is not CBOR', {
      transform: (body) => ({ ...body, response: { ...body.response, attestationObject: toBase64Url(randomBytes(40)) } }),
    }],
    ['a clientDataJSON that is not JSON', {
      transform: (body) => ({ ...body, response: { ...body.response, clientDataJSON: toBase64Url(randomBytes(40)) } }),
    }],
  ];

  it.each(rejections)('rejects %s with 401 and stores nothing', async (_case, opts) => {
    const wallet = newWallet();
    const result = await wallet.attest(opts);
    expect(result.stage).toBe('response');
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ reason: 'unauthorized', error: expect.any(String) });
    expect((await wallet.session()).body.session.wallet).toBeUndefined();
    // The credential was not stored: it cannot be used to sign in.
    const assertion = await wallet.assert(result.credId);
    expect(assertion.stage).toBe('request');
    expect(assertion.status).toBe(401);
  });

  it('answers 401 when no challenge was requested in this session', async () => {
    const { status, body } = await newWallet().postJson('/attestation/response', { id: 'AAAA', response: {} });
    expect(status).toBe(401);
    expect(body).toEqual({ reason: 'unauthorized', error: 'Challenge not found' });
  });

  it('answers malformed bodies with 4xx and keeps serving', async () => {
    const wallet = newWallet();
    await wallet.postJson('/attestation/request', { username: wallet.address, extensions: { liquid: true } });
    const bodies: unknown[] = [
      [],
      'a string',
      42,
      null,
      {},
      { id: 5 },
      { id: '***', response: {} },
      { id: 'AAAA', response: 'nope' },
      { id: 'AAAA', response: { clientDataJSON: 'AAAA' } },
      { id: 'AAAA', response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA', transports: 'usb' } },
      { id: 'AAAA', response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' }, clientExtensionResults: [] },
      {
        id: 'AAAA',
        response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' },
        clientExtensionResults: { liquid: { type: 'algorand', address: 5 } },
      },
      { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' } },
    ];
    for (const body of bodies) {
      const result = await wallet.postJson('/attestation/response', body);
      expect(result.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(result.status, JSON.stringify(body)).toBeLessThan(500);
      expect(result.body).toEqual({ reason: expect.any(String), error: expect.any(String) });
    }
    const invalidJson = await wallet.fetch('/attestation/response', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id": ',
    });
    expect(invalidJson.status).toBe(400);
    expect(await invalidJson.json()).toEqual({ reason: 'invalid_input', error: expect.any(String) });

    const tooLarge = await wallet.fetch('/attestation/response', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'A'.repeat(2_000_000) }),
    });
    expect(tooLarge.status).toBe(413);
    await tooLarge.body?.cancel();

    // Still serving, and the same session can still register.
    expect((await wallet.attest()).status).toBe(201);
  });
});
