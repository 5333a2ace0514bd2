import { randomBytes } from 'node:crypto';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { Router } from 'express';
import type { LiquidContext } from './context.ts';
import { parseAuthenticationBody } from './credential-json.ts';
import { canonicalBase64Url, fromBase64Any, toBase64Url } from './encoding.ts';
import { badRequest, HttpError, unauthorized } from './http-error.ts';

const USER_VERIFICATION = ['required', 'preferred', 'discouraged'];

const credentialNotFound = () => new HttpError(401, 'not_found', 'Credential not found');

/**
 * `POST /assertion/request/:credId` and `/assertion/response`: a returning wallet signs in with the passkey it
 * registered earlier (the server remembers passkeys across restarts; see UserStore).
 */
export function assertionRoutes({ users, bus, relyingParty, log }: LiquidContext): Router {
  const router = Router();

  router.post('/request/:credId', (req, res) => {
    const credId = canonicalBase64Url(req.params.credId);
    const found = credId === undefined ? undefined : users.findByCredId(credId);
    if (!found) throw credentialNotFound();

    const body: unknown = req.body;
    const requested =
      typeof body === 'object' && body !== null ? (body as { userVerification?: unknown }).userVerification : undefined;
    if (requested !== undefined && !USER_VERIFICATION.includes(requested as string)) {
      throw badRequest(`userVerification must be one of ${USER_VERIFICATION.join(', ')}`);
    }

    const challenge = toBase64Url(randomBytes(32));
    req.session.challenge = challenge;
    res.status(201).json({
      challenge,
      timeout: relyingParty.timeoutMs,
      rpId: relyingParty.rpId,
      allowCredentials: [{ id: found.credential.credId, type: 'public-key' }],
      userVerification: requested ?? 'required',
    });
  });

  router.post('/response', async (req, res) => {
    const expectedChallenge = req.session.challenge;
    if (typeof expectedChallenge !== 'string') throw unauthorized('Challenge not found');
    const { response, requestId } = parseAuthenticationBody(req.body);
    const found = users.findByCredId(response.id);
    if (!found) throw credentialNotFound();
    const { user, credential } = found;

    let verification;
    try {
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: (challenge) => canonicalBase64Url(challenge) === expectedChallenge,
        expectedOrigin: relyingParty.origin,
        expectedRPID: relyingParty.rpId,
        credential: {
          id: credential.credId,
          publicKey: fromBase64Any(credential.publicKey) ?? new Uint8Array(),
          counter: credential.prevCounter,
          transports: credential.transports,
        },
        requireUserVerification: false,
      });
    } catch (err) {
      log(`assertion rejected for ${credential.credId}: ${(err as Error).message}`);
      throw unauthorized('User verification failed');
    }
    if (!verification.verified) {
      log(`assertion rejected for ${credential.credId}: signature does not verify`);
      throw unauthorized('User verification failed');
    }

    const updated = (await users.updateCounter(credential.credId, verification.authenticationInfo.newCounter)) ?? user;
    delete req.session.challenge;
    req.session.wallet = updated.wallet;
    log(`assertion: ${updated.wallet} signed in with ${credential.credId}`);
    if (requestId !== undefined) bus.publish({ requestId, wallet: updated.wallet, credId: credential.credId });
    res.status(201).json(updated);
  });

  return router;
}
