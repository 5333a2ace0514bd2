/**
 * The low-level readers behind page-request.ts: each reads one field of a hostile page's request
 * through safe-read (no getter ever runs), checks its type, shape and size, charges its size to the
 * request's budget, and throws a Rejection carrying the 4200 error. Only page-request.ts catches it.
 */
import { Arc27ErrorCode, arc27Error, type Arc27Error } from './types';
import { UNREADABLE, isArrayLike, isRecordLike, readLength, readOwn } from './safe-read';

export const MAX_ID_CHARS = 128;

/** 32 bytes in standard base64: 43 characters, the last one with its 2 low bits zero, then '='. */
const GENESIS_HASH = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
/**
 * An Algorand address: 36 bytes (key + checksum) in unpadded base32, 58 characters whose last one has
 * its 2 low bits zero. The checksum needs SHA-512/256, which the background checks; not here.
 */
const ADDRESS = /^[A-Z2-7]{57}[AEIMQUY4]$/;
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;

function isStandardBase64(text: string): boolean {
  if (text.length === 0 || !BASE64_CHARS.test(text)) return false;
  return text.endsWith('=') ? text.length % 4 === 0 : text.length % 4 !== 1;
}

export function isAlgorandAddressShape(value: unknown): value is string {
  return typeof value === 'string' && ADDRESS.test(value);
}

export function isGenesisHashShape(value: unknown): value is string {
  return typeof value === 'string' && GENESIS_HASH.test(value);
}

/** Carries the 4200 message out of the nested readers; parsePageRequest catches it, nothing else sees it. */
export class Rejection {
  constructor(readonly error: Arc27Error) {}
}

export function invalid(message: string): Rejection {
  return new Rejection(arc27Error(Arc27ErrorCode.InvalidInput, message));
}

/** Counts the clean copy's JSON size as it is built, so an oversized request stops early. */
export class SizeBudget {
  private used = 2;
  constructor(private readonly max: number) {}

  add(chars: number): void {
    this.used += chars;
    if (this.used > this.max) throw invalid(`request is larger than ${this.max} bytes`);
  }

  /** `"key":"value",` */
  addString(key: string, value: string): void {
    this.add(key.length + value.length + 6);
  }
}

export function read(target: object, key: string, path: string): unknown {
  const value = readOwn(target, key);
  if (value === UNREADABLE) throw invalid(`${path} is not readable (accessor or proxy)`);
  return value;
}

/** An optional field: undefined or null mean absent. */
export function readOptional(target: object, key: string, path: string): unknown {
  const value = read(target, key, path);
  return value === null ? undefined : value;
}

export function readString(value: unknown, path: string, maxChars: number, budget: SizeBudget, key: string): string {
  if (typeof value !== 'string') throw invalid(`${path} must be a string`);
  if (value.length > maxChars) throw invalid(`${path} is longer than ${maxChars} characters`);
  budget.addString(key, value);
  return value;
}

export function readId(value: unknown, path: string, budget: SizeBudget, key: string): string {
  const text = readString(value, path, MAX_ID_CHARS, budget, key);
  if (text.length === 0) throw invalid(`${path} must not be empty`);
  return text;
}

export function readAddress(value: unknown, path: string, budget: SizeBudget, key: string): string {
  if (typeof value !== 'string' || value.length !== 58 || !ADDRESS.test(value)) {
    throw invalid(`${path} must be a 58-character Algorand address`);
  }
  budget.addString(key, value);
  return value;
}

export function readBase64(value: unknown, path: string, maxChars: number, budget: SizeBudget, key: string): string {
  const text = readString(value, path, maxChars, budget, key);
  if (!isStandardBase64(text)) throw invalid(`${path} must be a non-empty standard base64 string`);
  return text;
}

export function readGenesisHash(value: unknown, path: string, budget: SizeBudget): string {
  if (typeof value !== 'string' || value.length !== 44 || !GENESIS_HASH.test(value)) {
    throw invalid(`${path} must be a 44-character base64 genesis hash`);
  }
  budget.addString('genesisHash', value);
  return value;
}

export function readArray(value: unknown, path: string, min: number, max: number, budget: SizeBudget): readonly unknown[] {
  if (!isArrayLike(value)) throw invalid(`${path} must be an array`);
  const length = readLength(value);
  if (length === null) throw invalid(`${path} is not readable`);
  if (length < min) throw invalid(`${path} must hold at least ${min} item${min === 1 ? '' : 's'}`);
  if (length > max) throw invalid(`${path} must hold at most ${max} items`);
  budget.add(2 + length);
  const items: unknown[] = [];
  for (let i = 0; i < length; i++) items.push(read(value, String(i), `${path}[${i}]`));
  return items;
}

export function readRecord(value: unknown, path: string): object {
  if (!isRecordLike(value)) throw invalid(`${path} must be an object`);
  return value;
}
