/**
 * The Liquid Auth server's Socket.IO events as Tandem speaks them (liquid-protocol.md §3): one
 * catalogue of names and payloads, used by the signaling parts and by nothing else. The dev server
 * keeps its own names on purpose (dev/server/README.md: a shared catalogue would make the test double
 * agree by construction); tests/unit/dev-server/socket-events.test.ts holds the two together.
 */
import type { CandidateInit } from '../messaging/peer-protocol';

/** What Tandem (the requester) sends and hears. */
export const SOCKET_EVENTS = {
  /** Tandem → server: wait for the phone's auth with this requestId; acked with the account. */
  link: 'link',
  /** phone → Tandem (relayed to the wallet's room): the phone's SDP offer, a bare string or `{sdp, type}`. */
  offerDescription: 'offer-description',
  /** phone → Tandem: one of the phone's ICE candidates. */
  offerCandidate: 'offer-candidate',
  /** Tandem → phone: the SDP answer, a bare string. */
  answerDescription: 'answer-description',
  /** Tandem → phone: one of Tandem's ICE candidates. */
  answerCandidate: 'answer-candidate',
} as const;

/** socket.io-client's own lifecycle events. */
export const SOCKET_LIFECYCLE = {
  connect: 'connect',
  disconnect: 'disconnect',
  connectError: 'connect_error',
  /** The reason socket.io gives when the client itself disconnected. */
  clientDisconnect: 'io client disconnect',
} as const;

export interface SocketPayloads {
  link: { requestId: string };
  /** The ack's shape; every field is a claim of the server's, checked by the link attempt. */
  linkAck: { data: { requestId: string; wallet: string; credId?: string } };
  answerDescription: string;
  answerCandidate: CandidateInit;
}
