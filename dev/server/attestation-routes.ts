import { randomBytes } from 'node:crypto';
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { Router } from 'express';
import type { LiquidContext } from './context.ts';
import { parseRegistrationBody } from './credential-json.ts';
import { canonicalBase64Url, fromBase64Any, toBase64Url } from './encoding.ts';
import { badRequest, HttpError, unauthorized } from './http-error.ts';
import { verifyLiquidSignature } from './liquid-signature.ts';

/** ES256 and RS256, the two algorithms the real server offers. */
const PUB_KEY_ALGORITHMS = [-7, -257];

const SELECTION_KEYS = ['authenticatorAttachment', 'residentKey', 'requireResidentKey', 'userVerification'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Echoes the known authenticatorSelection members the client asked for; userVerification defaults to required. */
function authenticatorSelectionFrom(requested: unknown): Record<string, unknown> {
  const selection: Record<string, unknown> = { userVerification: 'required' };
  if (!isObject(requested)) return selection;
  for (const key of SELECTION_KEYS) {
    const value = requested[key];
    if (typeof value === 'string' || typeof value === 'boolean') selection[key] = value;
  }
  return selection;
}

/**
 * The real server passes the username (an Algorand address: its base32 alphabet is all base64url characters)
 * through as `user.id` unchanged, and clients decode it as base64url. Other usernames are encoded so that
 * `user.id` always decodes.
 */
function userIdFor(username: string): string {
  const decodable = /^[A-Za-z0-9_-]+$/.test(username) && username.length % 4 !== 1;
  return decodable ? username : toBase64Url(Buffer.from(username, 'utf8'));
}

/**
 * `POST /attestation/request` and `/attestation/response`: first-time registration of a wallet's passkey plus
 * proof (ed25519 over the challenge) that the wallet holds its Algorand key.
 *
 * The real server also rejects these calls when the User-Agent names no operating system; this dev server does
 * not, so Node tests and headless browsers can register without faking a phone's User-Agent.
 */
export function attestationRoutes({ users, bus, relyingParty, log }: LiquidContext): Router {
  const router = Router();

  router.post('/request', (req, res) => {
    const body: unknown = req.body;
    const extensions = isObject(body) ? body.extensions : undefined;
    if (!isObject(body) || !isObject(extensions) || !extensions.liquid) {
      throw new HttpError(501, 'not_implemented', 'Liquid extension is required');
    }
    const { username, displayName } = body;
    if (typeof username !== 'string' || username.length === 0 || username.length > 256) {
      throw badRequest('username must be a non-empty string');
    }
    if (displayName !== undefined && typeof displayName !== 'string') throw badRequest('displayName must be a string');

    const challenge = toBase64Url(randomBytes(32));
    req.session.challenge = challenge;
    req.session.liquidExtension = true;
    res.status(201).json({
      challenge,
      rp: { name: relyingParty.rpName, id: relyingParty.rpId },
      user: { id: userIdFor(username), name: username, displayName: displayName ?? username },
      pubKeyCredParams: PUB_KEY_ALGORITHMS.map((alg) => ({ type: 'public-key', alg })),
      timeout: relyingParty.timeoutMs,
      attestation: 'none',
      excludeCredentials: [],
      authenticatorSelection: authenticatorSelectionFrom(body.authenticatorSelection),
    });
  });

  router.post('/response', async (req, res) => {
    const expectedChallenge = req.session.challenge;
    if (typeof expectedChallenge !== 'string') throw unauthorized('Challenge not found');
    if (!req.session.liquidExtension) throw new HttpError(501, 'not_implemented', 'Liquid extension is required');
    const { response, liquid } = parseRegistrationBody(req.body);
    if (!liquid) throw unauthorized('Liquid extension not found');

    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: (challenge) => canonicalBase64Url(challenge) === expectedChallenge,
        expectedOrigin: relyingParty.origin,
        expectedRPID: relyingParty.rpId,
        // The real server checks user presence but does not insist on UV: a UV flag is accepted, not required.
        requireUserVerification: false,
        supportedAlgorithmIDs: PUB_KEY_ALGORITHMS,
      });
    } catch (err) {
      log(`attestation rejected: ${(err as Error).message}`);
      throw unauthorized('User verification failed');
    }
    if (!verification.verified) throw unauthorized('User verification failed');

    const challengeBytes = fromBase64Any(expectedChallenge) ?? new Uint8Array();
    if (liquid.type !== 'algorand' || !verifyLiquidSignature(liquid.address, liquid.signature, challengeBytes)) {
      log(`attestation rejected: liquid signature does not verify for ${liquid.address}`);
      throw unauthorized('User verification failed');
    }

    const { credential } = verification.registrationInfo;
    const user = await users.addCredential(liquid.address, {
      credId: credential.id,
      publicKey: toBase64Url(credential.publicKey),
      prevCounter: credential.counter,
      transports: response.response.transports ?? credential.transports ?? [],
      device: liquid.device ?? 'Unknown Device',
      createdAt: new Date().toISOString(),
    });
    delete req.session.challenge;
    delete req.session.liquidExtension;
    req.session.wallet = liquid.address;
    log(`attestation: ${liquid.address} registered ${credential.id}`);
    if (liquid.requestId !== undefined) {
      bus.publish({ requestId: liquid.requestId, wallet: liquid.address, credId: credential.id });
    }
    res.status(201).json(user);
  });

  return router;
}
