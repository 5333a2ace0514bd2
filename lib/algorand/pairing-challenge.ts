/**
 * The proof-of-possession challenge (security review, issue #11): a transaction the paired phone
 * signs to show it holds the key of the account the server named, and that can never be committed.
 * A 0-ALGO payment from the account to itself, valid only in round 1 of MainNet (a round that passed
 * in 2019; never a network that can be reset, like LocalNet), whose note names what it is for, a
 * random nonce and the DTLS fingerprint of Tandem's end of the channel (so a signature made for
 * another channel does not verify here).
 */
import * as algosdk from 'algosdk';
import { NETWORKS } from './networks';
import { toBase64 } from '../encoding/base64';

export const CHALLENGE_NOTE_PREFIX = 'Tandem pairing check';

export interface PairingChallenge {
  /** The unsigned transaction, standard base64 (as the phone is sent it). */
  txn: string;
  nonce: string;
}

export function buildPairingChallenge(account: string, fingerprint: string, nonceBytes: Uint8Array): PairingChallenge {
  const mainNet = NETWORKS.find((n) => n.name === 'MainNet')!;
  const nonce = Array.from(nonceBytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const txn = algosdk.makePaymentTxnWithSuggestedParamsFromObject({
    sender: account,
    receiver: account,
    amount: 0,
    note: new TextEncoder().encode(`${CHALLENGE_NOTE_PREFIX} ${nonce} ${fingerprint}`),
    suggestedParams: {
      fee: 0,
      minFee: 1000,
      flatFee: true,
      firstValid: 1,
      lastValid: 1,
      genesisID: mainNet.genesisId,
      genesisHash: algosdk.base64ToBytes(mainNet.genesisHash),
    },
  });
  return { txn: toBase64(algosdk.encodeUnsignedTransaction(txn)), nonce };
}
