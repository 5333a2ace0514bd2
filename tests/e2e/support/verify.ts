/**
 * Independent checks of what the dApp received: decode with algosdk, verify with Node's own
 * Ed25519 (OpenSSL), not the extension's code. OpenSSL takes ~0.1 ms per signature where
 * tweetnacl took ~20 ms on the 2-core CI machine, which matters for 1,024-transaction requests.
 */
import algosdk from 'algosdk';
import { createPublicKey, verify } from 'node:crypto';

/** DER SubjectPublicKeyInfo header of a raw 32-byte Ed25519 key (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function verifySignedTxn(stxnBase64: string, expectedUnsignedBase64: string, signer: string): void {
  const stxn = algosdk.decodeSignedTransaction(Buffer.from(stxnBase64, 'base64'));
  const unsigned = Buffer.from(expectedUnsignedBase64, 'base64');
  const txnBytes = algosdk.encodeUnsignedTransaction(stxn.txn);
  if (Buffer.compare(Buffer.from(txnBytes), unsigned) !== 0) throw new Error('the signed transaction is not the one requested');
  if (!stxn.sig) throw new Error('no signature');
  const message = new Uint8Array([...Buffer.from('TX'), ...txnBytes]);
  const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, algosdk.Address.fromString(signer).publicKey]), format: 'der', type: 'spki' });
  if (!verify(null, message, key, stxn.sig)) throw new Error('the signature does not verify');
}
