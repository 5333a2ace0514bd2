/**
 * The test's own verifiers for data signatures, with Node's Ed25519 (OpenSSL), not the extension's
 * code: ARC-0060 signData over SHA-256(data) ‖ SHA-256(authenticatorData), and ARC-0027
 * sign_message over "MX" ‖ message, as algosdk's signBytes signs.
 */
import algosdk from 'algosdk';
import { createHash, createPublicKey, verify } from 'node:crypto';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keyOf = (publicKey: Uint8Array) => createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

export interface SignDataResult {
  data: string;
  signer: string;
  domain: string;
  authenticatorData: string;
  signature: string;
}

/** True when `result.signature` is the signer's signature over SHA-256(data) ‖ SHA-256(authenticatorData). */
export function signDataVerifies(result: SignDataResult): boolean {
  const payload = Buffer.concat([sha256(Buffer.from(result.data, 'base64')), sha256(Buffer.from(result.authenticatorData, 'base64'))]);
  return verify(null, payload, keyOf(Buffer.from(result.signer, 'base64')), Buffer.from(result.signature, 'base64'));
}

/** True when `signature` (base64) is `signer`'s signature over "MX" ‖ message. */
export function messageSignatureVerifies(message: string, signer: string, signature: string): boolean {
  const payload = Buffer.concat([Buffer.from('MX'), Buffer.from(message, 'utf8')]);
  return verify(null, payload, keyOf(algosdk.Address.fromString(signer).publicKey), Buffer.from(signature, 'base64'));
}
