/**
 * ARC-0060 signData. Tandem does not sign arbitrary data yet, so both flavours report it as not
 * supported through this one module; wiring it later means changing these two exports only.
 */
import { Arc27Code, type WalletErrorFactory } from './errors.js';

export const TANDEM_CAN_SIGN_DATA = false;

/** use-wallet's own wording for a method a wallet lacks, with ARC-0027's code for it. */
export function signDataWithTandem(makeError: WalletErrorFactory): Promise<never> {
  return Promise.reject(makeError('Method not supported: signData', Arc27Code.MethodNotSupported));
}
