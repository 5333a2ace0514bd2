/**
 * Versioned migrations of stored values (WXT storage runs them in order on first read after an
 * update). Each takes exactly the shape the version before it wrote; a value it cannot read is
 * an error, and WXT's start-up fails loudly rather than guess.
 */
import type { Pairing, PairingV1 } from '../liquid/types';

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

export const PAIRING_MIGRATIONS = { 2: pairingV1ToV2 };
