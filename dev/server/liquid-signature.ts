import algosdk from 'algosdk';
import nacl from 'tweetnacl';
import { fromBase64Any } from './encoding.ts';

/**
 * Checks the `liquid` extension's proof of account ownership: an ed25519 signature by the Algorand address over
 * the raw challenge bytes (no "MX" prefix, no hash), as the real server verifies it.
 *
 * Unlike the real server we never fall back to the account's auth address on algod (a rekeyed account): this
 * server runs offline, and none of our clients sign with a rekeyed key.
 */
export function verifyLiquidSignature(address: string, signature: string, challenge: Uint8Array): boolean {
  if (!algosdk.isValidAddress(address)) return false;
  const signatureBytes = fromBase64Any(signature);
  if (signatureBytes?.length !== nacl.sign.signatureLength) return false;
  const publicKey = algosdk.decodeAddress(address).publicKey;
  return nacl.sign.detached.verify(challenge, signatureBytes, publicKey);
}
