/**
 * Versioned migrations of stored values (WXT storage runs them in order on first read after an
 * update). Each takes exactly the shape the version before it wrote; a value it cannot read is
 * an error. WXT only logs a failed migration and then hands out the stored value unmigrated, so
 * the background runs the migrations itself before anything else (entrypoints/background/
 * stored-state.ts) and stops start-up loudly when one fails, leaving the stored value as it was.
 */
import type { Pairing, PairingV1 } from '../liquid/types';
import type { PairingVerification } from './types';

function isPairingV1(value: unknown): value is PairingV1 {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.server === 'string' && typeof v.requestId === 'string' && typeof v.wallet === 'string' && typeof v.credId === 'string' && typeof v.pairedAt === 'number';
}

/** v1 → v2: the pairing gains the phone's profile, unknown until the phone next talks. */
export function pairingV1ToV2(value: unknown): Pairing | null {
  if (value === null || value === undefined) return null;
  if (!isPairingV1(value)) throw new Error('stored pairing (v1) has an unexpected shape');
  const { server, requestId, wallet, credId, pairedAt } = value;
  return { server, requestId, wallet, credId, pairedAt, phone: null };
}

function isPairingV2(value: unknown): value is Pairing {
  if (!isPairingV1(value)) return false;
  const phone = (value as unknown as Record<string, unknown>).phone;
  return phone === null || (typeof phone === 'object' && !Array.isArray(phone));
}

/**
 * v2 → v3: one pairing becomes the first entry of the list of pairings (#16: several phones).
 * No pairing becomes an empty list. Each entry keeps its fields exactly, its `requestId` naming it.
 */
export function pairingV2ToV3(value: unknown): Pairing[] {
  if (value === null || value === undefined) return [];
  if (!isPairingV2(value)) throw new Error('stored pairing (v2) has an unexpected shape');
  return [value];
}

export const PAIRING_MIGRATIONS = { 2: pairingV1ToV2, 3: pairingV2ToV3 };

/** Each state of a v1 verification with the fields that state was written with. */
function isVerificationV1(value: unknown): value is PairingVerification {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.requestId !== 'string' || typeof v.wallet !== 'string') return false;
  switch (v.state) {
    case 'checking':
      return typeof v.challengeId === 'string' && typeof v.txn === 'string' && typeof v.startedAt === 'number';
    case 'verified':
      return typeof v.at === 'number';
    case 'not-verified':
      // A plain string before the texts were translated, a message key and its parameters since.
      return typeof v.at === 'number' && (typeof v.reason === 'string' || (typeof v.reason === 'object' && v.reason !== null && typeof (v.reason as Record<string, unknown>).key === 'string'));
    default:
      return false;
  }
}

/**
 * v1 → v2: the one pairing's verification becomes the first entry of a record keyed by its
 * pairing's requestId (#16: each phone proves its own account). None becomes an empty record.
 */
export function verificationV1ToV2(value: unknown): Record<string, PairingVerification> {
  if (value === null || value === undefined) return {};
  if (!isVerificationV1(value)) throw new Error('stored pairing verification (v1) has an unexpected shape');
  return { [value.requestId]: value };
}

export const VERIFICATION_MIGRATIONS = { 2: verificationV1ToV2 };
