/**
 * Biatec's hello handshake (liquid-protocol.md §8): the requester speaks first, right after the
 * channel opens, and the phone answers with its account, name and the methods it serves. Phones that
 * do not know it stay silent (the Android reference) or answer 4003 (a spec phone).
 */
import { readAnnouncedMethods } from './methods';
import { TANDEM_PHONE_METADATA } from './tandem-metadata';
import { isRecordLike, readOwn } from '../arc27/safe-read';

export const HELLO_REQUEST_REFERENCE = 'biatec:hello:request';
export const HELLO_RESPONSE_REFERENCE = 'biatec:hello:response';
const MAX_NAME_CHARS = 128;

export interface HelloMetadata {
  name: string;
  description: string;
  url: string;
  icons: string[];
}

export interface HelloRequest {
  id: string;
  reference: typeof HELLO_REQUEST_REFERENCE;
  params: { providerId: string; metadata: HelloMetadata };
}

/** `url` names the site a data-signing request is for (Biatec checks the domain against it). */
export function buildHelloRequest(id: string, providerId: string, url: string = TANDEM_PHONE_METADATA.url): HelloRequest {
  const { name, description, icons } = TANDEM_PHONE_METADATA;
  return { id, reference: HELLO_REQUEST_REFERENCE, params: { providerId, metadata: { name, description, url, icons: [...icons] } } };
}

export interface HelloReply {
  kind: 'hello';
  requestId: string;
  /** null when the reply lists no methods. */
  methods: string[] | null;
  wallet?: string;
  name?: string;
}

/** The hello reply in an envelope whose reference is HELLO_RESPONSE_REFERENCE; null if it is not one. */
export function readHelloReply(envelope: object, requestId: string): HelloReply | null {
  if (readOwn(envelope, 'reference') !== HELLO_RESPONSE_REFERENCE) return null;
  const result = readOwn(envelope, 'result');
  if (!isRecordLike(result)) return null;
  const reply: HelloReply = { kind: 'hello', requestId, methods: readAnnouncedMethods(readOwn(result, 'methods')) };
  const wallet = readOwn(result, 'wallet');
  if (typeof wallet === 'string' && wallet.length <= 64) reply.wallet = wallet;
  const name = readOwn(result, 'name');
  if (typeof name === 'string' && name.length > 0) reply.name = name.slice(0, MAX_NAME_CHARS);
  return reply;
}
