/**
 * Checks of a decoded request against the session it arrived on: the accounts paired with
 * the phone and the network the dApp enabled.
 */
import { Arc27ErrorCode, arc27Error, type Arc27Error } from '../arc27/types';
import { toBase64 } from '../encoding/base64';
import type { DecodedTxn } from './decode';
import { networkByGenesisHash, type Network } from './networks';
import { fail, ok, type Result } from '../result';

/**
 * 4100 when a transaction must be signed by an account the phone does not hold. A request in
 * which nothing is to be signed at all is 4200, not 4100: nothing is unauthorized, the request
 * simply has no work for the wallet, and approving it would only show the user a prompt that
 * signs nothing.
 */
export function checkSigners(decoded: readonly DecodedTxn[], pairedAccounts: readonly string[], authAddrOf: (sender: string) => string | undefined = () => undefined): Result<void, Arc27Error> {
  const paired = new Set(pairedAccounts);
  for (const d of decoded) {
    const signer = d.signers[0];
    const sender = d.txn.sender.toString();
    // A rekeyed account of the site signs with its auth account's key, which the site need not hold.
    const forRekeyed = paired.has(sender) && authAddrOf(sender) === signer;
    if (signer !== undefined && !paired.has(signer) && !forRekeyed) {
      return fail(
        arc27Error(
          Arc27ErrorCode.UnauthorizedSigner,
          `txns[${d.index}] must be signed by ${signer}, which is not an account of this wallet`,
          { index: d.index, signer },
        ),
      );
    }
  }
  if (decoded.every((d) => d.signers.length === 0)) {
    return fail(arc27Error(Arc27ErrorCode.InvalidInput, 'nothing to sign: every transaction has signers: []'));
  }
  return ok(undefined);
}

function networkLabel(genesisHash: string | undefined, extra: readonly Network[]): string {
  if (genesisHash === undefined) return 'no network (no genesis hash)';
  return networkByGenesisHash(genesisHash, extra)?.name ?? `genesis hash ${genesisHash}`;
}

/**
 * 4004 when a transaction is for another network than the session's. The genesis id, when
 * a transaction carries one, must also be that network's (ARC-0001 "Genesis Validation");
 * `extra` names networks beyond the presets (a LocalNet from settings).
 */
export function checkNetwork(
  decoded: readonly DecodedTxn[],
  genesisHash: string,
  extra: readonly Network[] = [],
): Result<void, Arc27Error> {
  const session = networkByGenesisHash(genesisHash, extra);
  for (const d of decoded) {
    const txnHash = d.txn.genesisHash === undefined ? undefined : toBase64(d.txn.genesisHash);
    const data = { index: d.index, genesisHash: txnHash ?? null };
    if (txnHash !== genesisHash) {
      const message = `txns[${d.index}] is for ${networkLabel(txnHash, extra)}, but this session is on ${networkLabel(genesisHash, extra)}`;
      return fail(arc27Error(Arc27ErrorCode.NetworkNotSupported, message, data));
    }
    const genesisId = d.txn.genesisID;
    if (session !== undefined && genesisId !== undefined && genesisId !== '' && genesisId !== session.genesisId) {
      const message = `txns[${d.index}] names genesis id "${genesisId}", but ${session.name} is "${session.genesisId}"`;
      return fail(arc27Error(Arc27ErrorCode.NetworkNotSupported, message, data));
    }
  }
  return ok(undefined);
}
