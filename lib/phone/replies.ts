/**
 * Every envelope a phone sends, in either envelope family, classified once: a hello or connect
 * answer (what the phone is), a sign reply or an error (for a request), or something unusable.
 */
import { parsePhoneReply, type PhoneReply } from '../arc27/phone-envelope';
import { readOwn } from '../arc27/safe-read';
import { isConnectionsEnvelope, parseConnectionsReply, type ConnectionsReply } from './connections';
import { HELLO_RESPONSE_REFERENCE, readHelloReply, type HelloReply } from './hello';

export type PhoneMessage = PhoneReply | HelloReply | Extract<ConnectionsReply, { kind: 'connected' }>;

export function classifyPhoneEnvelope(envelope: Record<string, unknown>): PhoneMessage {
  if (isConnectionsEnvelope(envelope)) return parseConnectionsReply(envelope);
  const reply = parsePhoneReply(envelope);
  if (reply.kind === 'invalid' && reply.requestId !== undefined && readOwn(envelope, 'reference') === HELLO_RESPONSE_REFERENCE) {
    return readHelloReply(envelope, reply.requestId) ?? reply;
  }
  return reply;
}
