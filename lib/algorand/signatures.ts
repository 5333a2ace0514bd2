/**
 * Turning the phone's reply into the dApp's `stxns`. The phone is authenticated but not
 * trusted with correctness: the Android reference wallet signs every transaction it gets,
 * with whatever key it holds, and answers with raw signatures (liquid-protocol.md 5.1). So
 * every signature we asked for is verified against the exact bytes the user approved and the
 * key of the expected signer, signatures we did not ask for are dropped, and the signed
 * transaction is rebuilt from our own decoded transaction (nothing the phone sent besides the
 * 64 signature bytes reaches the dApp). One bad entry fails the whole reply: the dApp never
 * gets a partly signed group.
 *
 * Signatures are checked with `verifyEd25519` (WebCrypto, or tweetnacl where WebCrypto lacks
 * Ed25519) after a canonical-S check that tweetnacl leaves out and the network enforces. The
 * checks are async for WebCrypto's sake; they run for all entries at once.
 */
import * as algosdk from 'algosdk';
import { Arc27ErrorCode, arc27Error, type Arc27Error } from '../arc27/types';
import { fromBase64Lenient, toBase64 } from '../encoding/base64';
import { bytesEqual, concatBytes } from './bytes';
import type { DecodedTxn } from './decode';
import { verifyEd25519, type Ed25519Verify } from './ed25519';
import { describeError, fail, ok, type Result } from '../result';

const TX_TAG = new TextEncoder().encode('TX');
const SIGNATURE_LENGTH = 64;
/** The order of the ed25519 base point; a signature's S must be below it (RFC 8032 5.1.7). */
const GROUP_ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

function rejected(d: DecodedTxn, reason: string): Arc27Error {
  return arc27Error(
    Arc27ErrorCode.Unknown,
    `the phone returned an invalid signature for txns[${d.index}]: ${reason}`,
    { index: d.index, reason },
  );
}

/** msgpack fixstr keys of a signed transaction, in canonical (sorted) order: sgnr < sig < txn. */
const KEY_SGNR = Uint8Array.of(0xa4, 0x73, 0x67, 0x6e, 0x72);
const KEY_SIG = Uint8Array.of(0xa3, 0x73, 0x69, 0x67);
const KEY_TXN = Uint8Array.of(0xa3, 0x74, 0x78, 0x6e);

interface SignedLayout {
  /** Everything before the 64 signature bytes: map header, `sgnr` when the signer is not the sender, `sig` key and bin8 header. */
  head: Uint8Array;
  /** Everything after them: the `txn` key and the transaction's own canonical bytes. */
  tail: Uint8Array;
}

/**
 * The canonical msgpack of the signed transaction `{sgnr?, sig, txn}` for our decoded transaction,
 * around the place of the signature: byte for byte what algosdk encodes (canonical msgpack sorts
 * the keys, and `txn` is the transaction's canonical encoding, which `d.bytes` is). A spec phone's
 * answer is normally exactly this, so its signature is read at a fixed offset and the dApp's
 * answer is assembled, with no msgpack decoding or re-encoding: for 1,024 transactions those took
 * ~1.4 of the ~2.4 s the whole check took on the 2-core machine (npm run bench, 2026).
 */
function signedLayout(d: DecodedTxn, signer: string): SignedLayout {
  const tail = concatBytes(KEY_TXN, d.bytes);
  if (signer === d.txn.sender.toString()) return { head: Uint8Array.of(0x82, ...KEY_SIG, 0xc4, SIGNATURE_LENGTH), tail };
  const sgnr = algosdk.decodeAddress(signer).publicKey;
  return { head: Uint8Array.of(0x83, ...KEY_SGNR, 0xc4, sgnr.length, ...sgnr, ...KEY_SIG, 0xc4, SIGNATURE_LENGTH), tail };
}

/** The signature in `bytes` if they are exactly `layout` with 64 bytes in its hole. */
function signatureInLayout(bytes: Uint8Array, layout: SignedLayout): Uint8Array | null {
  const { head, tail } = layout;
  if (bytes.length !== head.length + SIGNATURE_LENGTH + tail.length) return null;
  for (let i = 0; i < head.length; i++) if (bytes[i] !== head[i]) return null;
  const tailStart = head.length + SIGNATURE_LENGTH;
  for (let i = 0; i < tail.length; i++) if (bytes[tailStart + i] !== tail[i]) return null;
  return bytes.subarray(head.length, tailStart);
}

function hasCanonicalS(signature: Uint8Array): boolean {
  let s = 0n;
  for (let i = SIGNATURE_LENGTH - 1; i >= SIGNATURE_LENGTH / 2; i--) s = (s << 8n) | BigInt(signature[i]!);
  return s < GROUP_ORDER;
}

export interface CheckReplyOptions {
  /** The ed25519 verifier; tests inject one to exercise both backends. */
  verify?: Ed25519Verify;
}

/** Verifies an ed25519 signature by `signer` over "TX" ‖ the transaction bytes. */
export async function verifyTxnSignature(
  txnBytes: Uint8Array,
  signature: Uint8Array,
  signer: string,
  verify: Ed25519Verify = verifyEd25519,
): Promise<boolean> {
  if (signature.length !== SIGNATURE_LENGTH || !hasCanonicalS(signature)) return false;
  if (!algosdk.isValidAddress(signer)) return false;
  return verify(concatBytes(TX_TAG, txnBytes), signature, algosdk.decodeAddress(signer).publicKey);
}

/** The 64 signature bytes in a phone entry: a raw signature, or taken out of a signed transaction. */
function signatureFrom(d: DecodedTxn, entry: unknown, signer: string, layout: SignedLayout): Result<Uint8Array, Arc27Error> {
  if (typeof entry !== 'string') return fail(rejected(d, entry === null ? 'missing' : 'not a base64 string'));
  const bytes = fromBase64Lenient(entry);
  if (bytes === null) return fail(rejected(d, 'not valid base64'));
  if (bytes.length === SIGNATURE_LENGTH) return ok(bytes);
  // The usual case: our own transaction, signed for the expected signer, canonically encoded.
  const inLayout = signatureInLayout(bytes, layout);
  if (inLayout) return ok(inLayout);

  let stxn: algosdk.SignedTransaction;
  try {
    stxn = algosdk.decodeSignedTransaction(bytes);
  } catch {
    return fail(rejected(d, 'neither a 64-byte signature nor a signed transaction'));
  }
  if (stxn.msig !== undefined || stxn.lsig !== undefined || stxn.pqsig !== undefined) {
    return fail(rejected(d, 'not a single ed25519 signature'));
  }
  if (stxn.sig === undefined) return fail(rejected(d, 'the signed transaction has no signature'));
  if (!bytesEqual(algosdk.encodeUnsignedTransaction(stxn.txn), d.bytes)) {
    return fail(rejected(d, 'it signs a different transaction'));
  }
  const claimed = (stxn.sgnr ?? stxn.txn.sender).toString();
  if (claimed !== signer) return fail(rejected(d, `it is signed for ${claimed}, expected ${signer}`));
  return ok(stxn.sig);
}

async function signedTxnFor(d: DecodedTxn, entry: unknown, verify: Ed25519Verify): Promise<Result<string, Arc27Error>> {
  const signer = d.signers[0]!;
  const layout = signedLayout(d, signer);
  const signature = signatureFrom(d, entry, signer, layout);
  if (!signature.ok) return signature;
  if (!(await verifyTxnSignature(d.bytes, signature.value, signer, verify))) {
    return fail(rejected(d, `the signature is not ${signer}'s over this transaction`));
  }
  // Our transaction and the verified signature; nothing else the phone sent.
  const signed = new Uint8Array(layout.head.length + SIGNATURE_LENGTH + layout.tail.length);
  signed.set(layout.head, 0);
  signed.set(signature.value, layout.head.length);
  signed.set(layout.tail, layout.head.length + SIGNATURE_LENGTH);
  return ok(toBase64(signed));
}

/**
 * The dApp's answer from the phone's `stxns` (one entry per transaction of `decoded`, in
 * order): standard base64 signed transactions, and `null` (or the dApp's own `stxn`) where
 * no signature was requested, whatever the phone put there. On failure the error names the
 * first bad index.
 */
export async function checkPhoneReply(
  decoded: readonly DecodedTxn[],
  stxns: unknown,
  opts: CheckReplyOptions = {},
): Promise<Result<(string | null)[], Arc27Error>> {
  if (!Array.isArray(stxns)) {
    return fail(arc27Error(Arc27ErrorCode.Unknown, 'the phone returned no list of signed transactions'));
  }
  if (stxns.length !== decoded.length) {
    const message = `the phone returned ${stxns.length} signature${stxns.length === 1 ? '' : 's'} for ${decoded.length} transactions`;
    return fail(arc27Error(Arc27ErrorCode.Unknown, message));
  }
  const verify = opts.verify ?? verifyEd25519;
  const entries: unknown[] = stxns;
  const results = await Promise.all(
    decoded.map(async (d, i): Promise<Result<string | null, Arc27Error>> => {
      if (d.signers.length === 0) return ok(d.stxn === undefined ? null : toBase64(d.stxn));
      try {
        return await signedTxnFor(d, entries[i], verify);
      } catch (error) {
        // Whatever algosdk throws on a hostile entry is a bad entry, never an unanswered request.
        return fail(rejected(d, `unreadable (${describeError(error)})`));
      }
    }),
  );
  const out: (string | null)[] = [];
  for (const result of results) {
    if (!result.ok) return result;
    out.push(result.value);
  }
  return ok(out);
}
