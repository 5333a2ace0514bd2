/** Independent checks of what the dApp received: decode with algosdk, verify with tweetnacl. */
import algosdk from 'algosdk';
import nacl from 'tweetnacl';

export function verifySignedTxn(stxnBase64: string, expectedUnsignedBase64: string, signer: string): void {
  const stxn = algosdk.decodeSignedTransaction(Buffer.from(stxnBase64, 'base64'));
  const unsigned = Buffer.from(expectedUnsignedBase64, 'base64');
  const txnBytes = algosdk.encodeUnsignedTransaction(stxn.txn);
  if (Buffer.compare(Buffer.from(txnBytes), unsigned) !== 0) throw new Error('the signed transaction is not the one requested');
  if (!stxn.sig) throw new Error('no signature');
  const message = new Uint8Array([...Buffer.from('TX'), ...txnBytes]);
  const key = algosdk.Address.fromString(signer).publicKey;
  if (!nacl.sign.detached.verify(message, stxn.sig, key)) throw new Error('the signature does not verify');
}
